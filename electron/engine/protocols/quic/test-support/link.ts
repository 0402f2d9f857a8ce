/**
 * A simulated network path for tests (no sockets, no sleeps): one-way delay with jitter, random loss,
 * duplication and reordering, an MTU, and an optional bandwidth limit, driven by a seeded PRNG and a fake clock.
 */

/** A deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded random bytes (for connection IDs in tests). */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  const r = seededRandom(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
}

/** How the path behaves. */
export interface LinkOptions {
  /** One-way delay in ms (default 10). */
  readonly delayMs?: number;
  /** Extra random delay up to this many ms (default 0). */
  readonly jitterMs?: number;
  /** Probability a datagram is lost (default 0). */
  readonly loss?: number;
  /** Probability a datagram is delivered twice (default 0). */
  readonly duplicate?: number;
  /** Probability a datagram is held back by an extra delay, arriving after later ones (default 0). */
  readonly reorder?: number;
  /** Datagrams above this size are dropped (default 1500). */
  readonly mtu?: number;
  /** Bytes per ms each way (0 = unlimited). */
  readonly bandwidth?: number;
  /** PRNG seed. */
  readonly seed?: number;
}

/** Which end. */
export type End = 'client' | 'server';

interface InFlight {
  readonly at: number;
  readonly to: End;
  readonly data: Uint8Array;
  readonly seq: number;
}

/** The path: datagrams in, datagrams out when due. */
export class SimulatedLink {
  private queue: InFlight[] = [];
  private seq = 0;
  private readonly rnd: () => number;
  private readonly busyUntil: Record<End, number> = { client: 0, server: 0 };
  /** Counters for assertions. */
  readonly stats = { sent: 0, lost: 0, duplicated: 0, reordered: 0, delivered: 0, tooBig: 0 };
  /** Optional hook: rewrite or drop (return null) a datagram in flight. */
  tamper: ((from: End, d: Uint8Array) => Uint8Array | null) | null = null;

  /** @param opts path behaviour */
  constructor(readonly opts: LinkOptions = {}) {
    this.rnd = seededRandom(opts.seed ?? 1);
  }

  /** Sends a datagram from one end at `now`. */
  send(from: End, data: Uint8Array, now: number): void {
    this.stats.sent++;
    const to: End = from === 'client' ? 'server' : 'client';
    const d = this.tamper ? this.tamper(from, data) : data;
    if (!d) return;
    if (d.length > (this.opts.mtu ?? 1500)) {
      this.stats.tooBig++;
      return;
    }
    if (this.rnd() < (this.opts.loss ?? 0)) {
      this.stats.lost++;
      return;
    }
    let at = now;
    const bw = this.opts.bandwidth ?? 0;
    if (bw > 0) {
      const start = Math.max(now, this.busyUntil[from]);
      this.busyUntil[from] = start + d.length / bw;
      at = this.busyUntil[from];
    }
    at += (this.opts.delayMs ?? 10) + this.rnd() * (this.opts.jitterMs ?? 0);
    if (this.rnd() < (this.opts.reorder ?? 0)) {
      this.stats.reordered++;
      at += (this.opts.delayMs ?? 10) * (0.5 + this.rnd());
    }
    this.queue.push({ at, to, data: d, seq: this.seq++ });
    if (this.rnd() < (this.opts.duplicate ?? 0)) {
      this.stats.duplicated++;
      this.queue.push({ at: at + this.rnd() * 5, to, data: d, seq: this.seq++ });
    }
  }

  /** The earliest delivery time, or null when nothing is in flight. */
  nextDelivery(): number | null {
    let t: number | null = null;
    for (const x of this.queue) if (t === null || x.at < t) t = x.at;
    return t;
  }

  /** Removes and returns the datagrams due at `now`, in arrival order. */
  due(now: number): { to: End; data: Uint8Array }[] {
    const ready = this.queue.filter((x) => x.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    if (ready.length === 0) return [];
    this.queue = this.queue.filter((x) => x.at > now);
    this.stats.delivered += ready.length;
    return ready.map((x) => ({ to: x.to, data: x.data }));
  }
}
