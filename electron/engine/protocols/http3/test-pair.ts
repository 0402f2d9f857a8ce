/**
 * Test support: a client and a server H3Connection joined by an in-memory QUIC stand-in. Each stream keeps its
 * bytes in order, but deliveries across streams interleave in a seeded random order and arrive in random splits,
 * as QUIC may deliver them; a stream can be held back (e.g. the QPACK encoder stream) to force blocking.
 */
import { seededRandom } from '../../../../shared/seeded-random';
import { H3Connection, type H3ConnectionOptions } from './connection';
import type { H3AppEvent, H3CoreEvent, H3Trace, H3TraceName } from './core-events';

/** One direction of one stream. */
interface Pipe {
  chunks: Uint8Array[];
  fin: boolean;
  finDelivered: boolean;
}

type Side = 'client' | 'server';

/** Pair options. */
export interface PairOptions {
  readonly seed?: number;
  readonly client?: Omit<H3ConnectionOptions, 'role'>;
  readonly server?: Omit<H3ConnectionOptions, 'role'>;
  /** Largest piece delivered at once; default 1500. */
  readonly maxChunk?: number;
}

/** A client and a server over an in-memory stream transport. */
export class H3Pair {
  readonly client: H3Connection;
  readonly server: H3Connection;
  readonly events: Record<Side, H3CoreEvent[]> = { client: [], server: [] };
  /** Commands each side issued, in order (for assertions). */
  readonly commands: Record<Side, ReturnType<H3Connection['pollCommands']>> = { client: [], server: [] };
  private readonly pipes: Record<Side, Map<number, Pipe>> = { client: new Map(), server: new Map() };
  private readonly held: Record<Side, Set<number>> = { client: new Set(), server: new Set() };
  private readonly signals: { to: Side; run: () => void }[] = [];
  private readonly rand: () => number;
  private readonly maxChunk: number;
  closed = false;

  /** @param options seed, per-side options, largest piece */
  constructor(options: PairOptions = {}) {
    this.rand = seededRandom(options.seed ?? 1);
    this.maxChunk = options.maxChunk ?? 1500;
    this.client = new H3Connection({ ...options.client, role: 'client' });
    this.server = new H3Connection({ ...options.server, role: 'server' });
  }

  /** Starts both ends. */
  start(): this {
    this.client.start();
    this.server.start();
    return this;
  }

  /** The connection of a side. */
  conn(side: Side): H3Connection {
    return side === 'client' ? this.client : this.server;
  }

  /** Holds back bytes that `from` writes on a stream until release(). */
  hold(from: Side, streamId: number): void {
    this.held[from].add(streamId);
  }

  /** Lets held bytes flow again. */
  release(from: Side, streamId: number): void {
    this.held[from].delete(streamId);
  }

  /** Delivers everything (except held streams), in random order and splits, until both ends are quiet. */
  run(maxSteps = 1_000_000): this {
    for (let step = 0; step < maxSteps; step++) {
      this.collect();
      if (!this.deliverOne()) return this;
    }
    throw new Error('H3Pair.run: too many steps');
  }

  /** Application events of a side (trace items left out). */
  app(side: Side): H3AppEvent[] {
    return this.events[side].filter((e): e is H3AppEvent => e.kind !== 'trace');
  }

  /** Trace items of a side. */
  traces(side: Side): H3Trace[];
  /** Trace items of a side with one name. */
  traces<N extends H3TraceName>(side: Side, name: N): Extract<H3Trace, { name: N }>[];
  traces(side: Side, name?: H3TraceName): H3Trace[] {
    return this.events[side].filter((e): e is H3Trace => e.kind === 'trace' && (name === undefined || e.name === name));
  }

  private collect(): void {
    for (const side of ['client', 'server'] as const) {
      const peer: Side = side === 'client' ? 'server' : 'client';
      for (const c of this.conn(side).pollCommands()) {
        this.commands[side].push(c);
        switch (c.op) {
          case 'open':
            this.pipe(side, c.streamId);
            break;
          case 'write': {
            const p = this.pipe(side, c.streamId);
            if (p.fin) break;
            if (c.bytes.length > 0) p.chunks.push(c.bytes);
            if (c.fin) p.fin = true;
            break;
          }
          case 'reset': {
            const p = this.pipe(side, c.streamId);
            p.chunks = [];
            p.fin = true;
            p.finDelivered = true;
            this.signals.push({ to: peer, run: () => this.conn(peer).streamReset(c.streamId, c.code) });
            break;
          }
          case 'stop_sending':
            this.signals.push({ to: peer, run: () => this.conn(peer).stopSending(c.streamId, c.code) });
            break;
          case 'close':
            this.signals.push({ to: peer, run: () => this.conn(peer).transportClosed(c.code, c.reason, 'remote') });
            this.closed = true;
            break;
        }
      }
      this.events[side].push(...this.conn(side).drainEvents());
    }
  }

  private pipe(side: Side, id: number): Pipe {
    let p = this.pipes[side].get(id);
    if (!p) {
      p = { chunks: [], fin: false, finDelivered: false };
      this.pipes[side].set(id, p);
    }
    return p;
  }

  private deliverOne(): boolean {
    const ready: [Side, number, Pipe][] = [];
    for (const side of ['client', 'server'] as const) {
      for (const [id, p] of this.pipes[side]) {
        if (this.held[side].has(id)) continue;
        if (p.chunks.length > 0 || (p.fin && !p.finDelivered)) ready.push([side, id, p]);
      }
    }
    if (this.signals.length > 0 && (ready.length === 0 || this.rand() < 0.3)) {
      this.signals.shift()!.run();
      return true;
    }
    if (ready.length === 0) return false;
    const [side, id, p] = ready[Math.floor(this.rand() * ready.length)]!;
    const peer = side === 'client' ? this.server : this.client;
    let n = this.rand() < 0.2 ? Infinity : 1 + Math.floor(this.rand() * this.maxChunk);
    const parts: Uint8Array[] = [];
    while (n > 0 && p.chunks.length > 0) {
      const head = p.chunks[0]!;
      if (head.length <= n) {
        parts.push(head);
        p.chunks.shift();
        n -= head.length;
      } else {
        parts.push(head.subarray(0, n));
        p.chunks[0] = head.subarray(n);
        n = 0;
      }
    }
    const fin = p.chunks.length === 0 && p.fin;
    if (fin) p.finDelivered = true;
    peer.streamData(id, concat(parts), fin);
    return true;
  }
}

/** Joins byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** What one stream delivered to the application: header sections, content, end or reset. */
export interface StreamResult {
  headers: { role: string; headers: readonly (readonly [string, string])[] }[];
  body: Uint8Array;
  ended: boolean;
  reset?: { code: number; initiator: string };
}

/** Folds application events into per-stream results. */
export function streamResults(events: readonly H3AppEvent[]): Map<number, StreamResult> {
  const out = new Map<number, StreamResult>();
  const parts = new Map<number, Uint8Array[]>();
  const get = (id: number) => {
    let r = out.get(id);
    if (!r) {
      r = { headers: [], body: new Uint8Array(0), ended: false };
      out.set(id, r);
      parts.set(id, []);
    }
    return r;
  };
  for (const e of events) {
    if (e.kind === 'headers') get(e.streamId).headers.push({ role: e.role, headers: e.headers });
    else if (e.kind === 'data') {
      get(e.streamId);
      parts.get(e.streamId)!.push(e.data);
    } else if (e.kind === 'end') get(e.streamId).ended = true;
    else if (e.kind === 'stream_reset') get(e.streamId).reset = { code: e.code, initiator: e.initiator };
  }
  for (const [id, r] of out) r.body = concat(parts.get(id)!);
  return out;
}
