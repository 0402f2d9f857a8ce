/**
 * The raw client's HTTP/3 (RFC 9114): our sans-IO {@link H3Connection} (role client) over our QUIC client
 * connection (client/quic-client.ts, ALPN h3). QUIC application events go in as the core's transport inputs; the
 * core's commands (open, write, reset, stop_sending, close) are carried out on the QUIC connection; its trace
 * items become client-vantage session events (core/h3-trace-events.ts), so HTTP/3 frames, stream types and QPACK
 * instructions and tables show from the client too, under the QUIC connection's id. Requests wait when the
 * server's MAX_STREAMS allows no more request streams (RFC 9000 §4.6) and go out as it raises the limit.
 * The server twin is server/h3-handler.ts.
 */
import type { ConnectionInfo, HeaderField } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import { emitH3Traces } from '../core/h3-trace-events';
import { deliverToH3 } from '../core/h3-quic-inputs';
import { H3Connection, H3ErrorCode, h3ErrorName, type H3AppEvent, type H3Command, type H3ConnectionOptions, type H3Settings, type H3Trace, type Priority } from '../protocols/http3';
import type { QuicAppEvent } from '../protocols/quic/connection/events';
import { H3Exchange, type ExchangeHost, type H3ClientRequest, type H3ClientResponse } from './h3-exchange';
import { H3Push } from './h3-push';
import { QuicClientSession, type QuicConnectOptions } from './quic-client';
import type { ClientTarget } from './target';

export type { H3ClientRequest, H3ClientResponse, H3ResponseHead, H3ResponseTimings } from './h3-exchange';
export { H3Exchange } from './h3-exchange';
export { H3Push } from './h3-push';

/** Options of an HTTP/3 client connection: the QUIC connection's, and the HTTP/3 core's. */
export interface H3ConnectOptions extends Omit<QuicConnectOptions, 'collect' | 'onAppEvent'> {
  /** Our SETTINGS, QPACK choices, grease, MAX_PUSH_ID (push is off unless maxPushId is given). */
  readonly h3?: Omit<H3ConnectionOptions, 'role'>;
}

/** Our SETTINGS unless told otherwise: a 4 KiB QPACK dynamic table and up to 16 blocked streams (RFC 9204 §5). */
export const CLIENT_H3_SETTINGS: Partial<H3Settings> = { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 16 };

/** A write waits while this much of its stream is still unsent by QUIC. */
const HIGH_WATER = 256 * 1024;

/** How often waiting writes check whether QUIC has sent enough (ms). */
const DRAIN_POLL_MS = 5;

/** One HTTP/3 connection of the raw client. */
export class H3ClientSession {
  /** The HTTP/3 core (settings, status, raw frames for lessons). */
  readonly h3: H3Connection;
  /** Application events of the core, in order, without content ('data') to keep memory flat. */
  readonly appEvents: H3AppEvent[] = [];
  /** Called for each application event of the core as it happens (content included). */
  onAppEvent: ((event: H3AppEvent) => void) | undefined;
  /** Called with each trace item of the core (a frame sent or parsed, a QPACK instruction) after it became an event. */
  onTrace: ((trace: H3Trace) => void) | undefined;
  /** Pushes by push id. */
  readonly pushes = new Map<number, H3Push>();
  /** Called when the server promises a push (its PUSH_PROMISE arrived). */
  onPush: ((push: H3Push) => void) | undefined;
  private readonly exchanges = new Map<number, H3Exchange>();
  private readonly queue: H3Exchange[] = [];
  private readonly waiters: { readonly streamId: number; readonly resolve: () => void }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private drainTimer: NodeJS.Timeout | null = null;
  private pumping = false;
  private kickQueued = false;
  private closeReason: string | null = null;
  private readonly host: ExchangeHost;

  private constructor(
    /** The QUIC connection underneath. */
    readonly quic: QuicClientSession,
    private readonly sink: EventSink,
    private readonly target: ClientTarget,
    options: Omit<H3ConnectionOptions, 'role'>,
  ) {
    this.h3 = new H3Connection({ ...options, settings: { ...CLIENT_H3_SETTINGS, ...options.settings }, role: 'client' });
    this.host = {
      now: () => sink.now(),
      sendData: (id, data, fin) => this.run(() => this.h3.sendData(id, data, fin)),
      endStream: (id, trailers) => this.run(() => this.h3.end(id, trailers)),
      drained: (id) => this.drained(id),
      cancel: (ex, code) => this.cancelExchange(ex, code),
    };
  }

  /**
   * Opens QUIC to the target's host and the UDP port of its number (https://host:port → UDP port), offers ALPN
   * h3, and starts HTTP/3: our control stream with SETTINGS and our QPACK encoder and decoder streams (§6.2).
   */
  static async open(target: ClientTarget, sink: EventSink, options: H3ConnectOptions = {}): Promise<H3ClientSession> {
    const { h3, ...quicOptions } = options;
    const early: QuicAppEvent[] = [];
    let session: H3ClientSession | undefined;
    const quic = await QuicClientSession.open(target, sink, {
      ...quicOptions,
      collect: false,
      onAppEvent: (e) => (session ? session.onQuic(e) : early.push(e)),
    });
    if (quic.conn.alpn !== 'h3') {
      await quic.close(0x10en, 'no h3', 500); // H3_VERSION_FALLBACK (RFC 9114 §8.1)
      throw new ApiError('io', `${target.authority} did not agree to h3 in ALPN (it chose ${quic.conn.alpn ?? 'nothing'})`);
    }
    const s = new H3ClientSession(quic, sink, target, h3 ?? {});
    s.h3.start();
    session = s;
    for (const e of early) s.onQuic(e);
    s.pump();
    return s;
  }

  /** The connection's record (shared with the server's view when the server is the embedded one). */
  get info(): ConnectionInfo {
    return this.quic.info;
  }

  /** The server's SETTINGS, once they arrived. */
  get peerSettings(): H3Settings | null {
    return this.h3.settings.peer;
  }

  /** True once the connection is closed (or closing). */
  get isClosed(): boolean {
    return this.closeReason !== null;
  }

  /** Requests waiting for the server's MAX_STREAMS to allow another request stream. */
  get queued(): number {
    return this.queue.length;
  }

  /** Sends a request and resolves with the whole response. */
  request(request: H3ClientRequest): Promise<H3ClientResponse> {
    return this.open(request).response;
  }

  /**
   * Starts a request and returns its exchange at once: write to its body while its response arrives (full duplex),
   * cancel it, or await `head` and `response`. The request waits when no request stream is allowed yet.
   */
  open(request: H3ClientRequest): H3Exchange {
    const ex = new H3Exchange(request, this.host);
    if (this.closeReason !== null) {
      ex.fail(new ApiError('io', `the connection is closed: ${this.closeReason}`));
      return ex;
    }
    request.signal?.addEventListener('abort', () => ex.cancel(), { once: true });
    this.queue.push(ex);
    this.startQueued();
    this.pump();
    return ex;
  }

  /** Allows server push up to this push id (MAX_PUSH_ID, §7.2.7). */
  allowPush(maxPushId: number): void {
    this.run(() => this.h3.setMaxPushId(maxPushId));
  }

  /** Refuses or abandons a push (CANCEL_PUSH, §7.2.3). */
  cancelPush(pushId: number): void {
    this.run(() => this.h3.cancelPush(pushId));
  }

  /** Signals a new priority for a request with PRIORITY_UPDATE (RFC 9218 §7.2). */
  setPriority(streamId: number, priority: Priority): void {
    this.run(() => this.h3.setPriority(streamId, priority));
  }

  /** Sends GOAWAY (§5.2): a client's carries the first push id it will not accept. */
  goaway(pushId?: number): void {
    this.run(() => this.h3.goaway(pushId));
  }

  /**
   * Closes: GOAWAY (unless `goaway` is false), then CONNECTION_CLOSE with H3_NO_ERROR (or `code`), and waits for
   * the closing period (three PTOs) to end, at most `waitMs`.
   */
  async close(options: { goaway?: boolean; code?: number; reason?: string; waitMs?: number } = {}): Promise<void> {
    const code = options.code ?? H3ErrorCode.H3_NO_ERROR;
    if (this.h3.status === 'open' && options.goaway !== false) {
      this.run(() => this.h3.goaway());
      // the GOAWAY must leave before CONNECTION_CLOSE, which ends all sending
      this.quic.udp.driver.kick();
      const control = this.h3.localStreams.control;
      for (let i = 0; i < 40 && control !== null && this.unsent(control) > 0; i++) await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
    }
    if (this.h3.status !== 'closed') this.run(() => this.h3.close(code, options.reason ?? ''));
    this.closeReason ??= 'closed by the client';
    await this.quic.close(BigInt(code), options.reason ?? '', options.waitMs ?? 1000);
    this.failAll(new ApiError('cancelled', 'the connection was closed by the client'));
  }

  /** Stops at once: no CONNECTION_CLOSE. */
  destroy(): void {
    this.closeReason ??= 'destroyed';
    this.quic.destroy();
    this.failAll(new ApiError('cancelled', 'the connection was torn down'));
  }

  /** Resolves once the connection is closed. */
  whenClosed(): Promise<void> {
    return this.quic.whenClosed();
  }

  // ---- QUIC in, commands out ----

  private onQuic(e: QuicAppEvent): void {
    if (e.kind === 'writable') this.startQueued();
    else deliverToH3(this.h3, e);
    if (e.kind === 'closed') {
      const who = e.initiator === 'remote' ? 'the server closed the connection' : e.initiator === 'idle' ? 'the connection timed out (idle)' : 'the connection closed';
      this.closeReason ??= `${who}${e.applicationCode !== undefined ? ` (${h3ErrorName(e.applicationCode)})` : e.error ? ` (${e.error.message})` : ''}${e.reason ? `: ${e.reason}` : ''}`;
    }
    this.pump();
    this.checkDrains();
    if (e.kind === 'closed') this.failAll(new ApiError('io', this.closeReason ?? 'the connection closed'));
  }

  /** Runs a core call for the application, then carries out what it produced. Usage errors become ApiErrors. */
  private run<T>(op: () => T): T {
    let out: T;
    try {
      out = op();
    } catch (e) {
      throw new ApiError('bad_argument', e instanceof Error ? e.message : String(e));
    } finally {
      this.pump();
    }
    return out;
  }

  /** Carries out the core's commands and handles its events until both are empty, then sends. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const commands = this.h3.pollCommands();
        for (const c of commands) this.execute(c);
        const events = this.h3.drainEvents();
        const app = emitH3Traces(this.sink, this.quic.info.id, 'client', events);
        if (this.onTrace) for (const e of events) if (e.kind === 'trace') this.onTrace(e);
        for (const e of app) this.onApp(e);
        if (commands.length === 0 && app.length === 0) break;
      }
    } finally {
      this.pumping = false;
    }
    this.flush();
  }

  /** Sends what was written, once the current turn is over (never from inside the QUIC driver's own loop). */
  private flush(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    queueMicrotask(() => {
      this.kickQueued = false;
      this.quic.udp.driver.kick();
    });
  }

  private execute(c: H3Command): void {
    const conn = this.quic.conn;
    try {
      switch (c.op) {
        case 'open': {
          const id = conn.openStream(c.bidi);
          if (id !== c.streamId) this.error(`HTTP/3 wanted stream ${c.streamId}, QUIC opened ${id === null ? 'none (stream limit)' : id}`);
          break;
        }
        case 'write':
          conn.write(c.streamId, c.bytes, c.fin);
          break;
        case 'reset':
          conn.resetStream(c.streamId, BigInt(c.code));
          break;
        case 'stop_sending':
          conn.stopSending(c.streamId, BigInt(c.code));
          break;
        case 'close':
          this.closeReason ??= `closed by the client (${h3ErrorName(c.code)})${c.reason ? `: ${c.reason}` : ''}`;
          conn.close(BigInt(c.code), c.reason);
          break;
      }
    } catch {
      // the stream is already finished or reset on the QUIC side, or the connection is closing: nothing to do
    }
  }

  private error(message: string): void {
    this.sink.emit({ name: 'app:error', time: this.sink.now(), conn: this.quic.info.id, vantage: 'client', data: { message } });
  }

  // ---- requests ----

  /** Starts waiting requests while the server's MAX_STREAMS allows request streams. */
  private startQueued(): void {
    while (this.queue.length > 0) {
      if (this.h3.status !== 'open') {
        if (this.h3.status === 'closing') {
          // §5.2: after the server's GOAWAY no new requests; they were never sent, so a new connection may take them
          for (const ex of this.queue.splice(0)) ex.fail(new ApiError('io', 'the server sent GOAWAY: the request was not sent (retry on a new connection)'));
        }
        return;
      }
      if (!this.quic.conn.streams.canOpen(true)) return;
      this.startExchange(this.queue.shift()!);
      // open the stream on QUIC now, so canOpen counts it
      for (const c of this.h3.pollCommands()) this.execute(c);
    }
  }

  private startExchange(ex: H3Exchange): void {
    const r = ex.request;
    const body = typeof r.body === 'string' ? new TextEncoder().encode(r.body) : r.body;
    const schedule = r.bodySchedule ?? [];
    const hasBody = (body?.length ?? 0) > 0 || schedule.length > 0 || r.streaming === true;
    const headers: HeaderField[] = [
      [':method', r.method ?? (hasBody ? 'POST' : 'GET')],
      [':scheme', 'https'],
      [':authority', this.target.authority],
      [':path', r.path],
      ['user-agent', 'framescope/0.1'],
      ...(r.headers ?? []),
    ];
    // RFC 9110 §8.6: a client sends Content-Length when it knows the content's length up front (body and schedule
    // given, not streaming). Caddy (quic-go) hands an HTTP/3 request body without one to its upstream as empty.
    const known = r.streaming !== true && hasBody && !headers.some(([n]) => n === 'content-length');
    if (known) headers.push(['content-length', String((body?.length ?? 0) + schedule.reduce((n, p) => n + (typeof p.data === 'string' ? new TextEncoder().encode(p.data).length : p.data.length), 0))]);
    const more = r.streaming === true || schedule.length > 0 || (r.trailers?.length ?? 0) > 0;
    let id: number;
    try {
      id = this.h3.request(headers, { ...(body ? { body } : {}), endStream: !more, ...(r.priority ? { priority: r.priority } : {}) });
    } catch (e) {
      ex.fail(new ApiError('bad_argument', (e as Error).message));
      return;
    }
    this.exchanges.set(id, ex);
    ex.markStarted(id, !more);
    if (schedule.length > 0) void this.sendSchedule(ex, schedule, r.streaming !== true);
    else if (more && r.streaming !== true) void ex.end(r.trailers);
  }

  private async sendSchedule(ex: H3Exchange, schedule: NonNullable<H3ClientRequest['bodySchedule']>, end: boolean): Promise<void> {
    try {
      for (const piece of schedule) {
        if (piece.delayMs > 0) await this.delay(piece.delayMs);
        if (ex.done || ex.sendClosed) return;
        await ex.write(piece.data);
      }
      if (end) await ex.end(ex.request.trailers);
    } catch {
      // the exchange failed or the connection closed: its promises say so
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private cancelExchange(ex: H3Exchange, code: number = H3ErrorCode.H3_REQUEST_CANCELLED): void {
    if (ex.done) return;
    if (ex.streamId === null) {
      const i = this.queue.indexOf(ex);
      if (i >= 0) this.queue.splice(i, 1);
      ex.fail(new ApiError('cancelled', 'the request was cancelled before it was sent'));
      return;
    }
    this.run(() => this.h3.cancel(ex.streamId!, code));
  }

  // ---- what the core reports ----

  private onApp(e: H3AppEvent): void {
    if (e.kind !== 'data') this.appEvents.push(e);
    this.onAppEvent?.(e);
    const now = this.sink.now();
    switch (e.kind) {
      case 'headers':
        if (e.pushId !== undefined) this.push(e.pushId).collector.headersArrived(e.role, e.headers, now);
        else this.exchanges.get(e.streamId)?.headersArrived(e.role, e.headers);
        return;
      case 'data':
        if (e.pushId !== undefined) this.push(e.pushId).collector.dataArrived(e.data, now);
        else this.exchanges.get(e.streamId)?.collector.dataArrived(e.data, now);
        return;
      case 'end':
        if (e.pushId !== undefined) this.push(e.pushId).finish(now);
        else {
          this.exchanges.get(e.streamId)?.finish();
          this.exchanges.delete(e.streamId);
        }
        return;
      case 'stream_reset': {
        const why = `stream ${e.streamId} was reset (${e.codeName}) by the ${e.initiator === 'remote' ? 'server' : 'client'}`;
        const ex = this.exchanges.get(e.streamId);
        if (ex) {
          this.exchanges.delete(e.streamId);
          ex.fail(new ApiError(e.initiator === 'local' && e.code === H3ErrorCode.H3_REQUEST_CANCELLED ? 'cancelled' : 'io', why));
        }
        for (const p of this.pushes.values()) if (p.streamId === e.streamId) p.fail(new ApiError('io', why));
        return;
      }
      case 'stop_sending': {
        const ex = this.exchanges.get(e.streamId);
        if (ex) ex.sendClosed = true;
        return;
      }
      case 'request_refused': {
        const ex = this.exchanges.get(e.streamId);
        this.exchanges.delete(e.streamId);
        ex?.fail(new ApiError('io', e.reason));
        return;
      }
      case 'push_promise': {
        const p = this.push(e.pushId);
        const first = p.promised.length === 0;
        p.promised = e.headers;
        p.requestStreamId = e.streamId;
        if (first) this.onPush?.(p);
        return;
      }
      case 'push_stream':
        this.push(e.pushId).streamId = e.streamId;
        return;
      case 'push_cancelled':
        this.push(e.pushId).fail(new ApiError(e.initiator === 'local' ? 'cancelled' : 'io', `push ${e.pushId} was cancelled by the ${e.initiator === 'local' ? 'client' : 'server'} (CANCEL_PUSH)`));
        return;
      case 'goaway':
        if (e.initiator === 'remote') this.startQueued();
        return;
      case 'closed':
        this.closeReason ??= e.error ? `${e.error.codeName}: ${e.error.reason}` : 'closed';
        return;
      default:
        return;
    }
  }

  private push(pushId: number): H3Push {
    let p = this.pushes.get(pushId);
    if (!p) {
      p = new H3Push(pushId, this.sink.now());
      this.pushes.set(pushId, p);
    }
    return p;
  }

  private failAll(error: Error): void {
    for (const ex of this.queue.splice(0)) ex.fail(error);
    for (const ex of this.exchanges.values()) ex.fail(error);
    this.exchanges.clear();
    for (const p of this.pushes.values()) p.fail(error);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of this.waiters.splice(0)) w.resolve();
    this.stopDrainTimer();
  }

  // ---- write pacing ----

  /** Bytes written on a stream that QUIC has not sent yet. */
  unsent(streamId: number): number {
    return this.quic.conn.streams.get(streamId)?.send.unsentBytes ?? 0;
  }

  private drained(streamId: number): Promise<void> {
    if (this.unsent(streamId) < HIGH_WATER || this.closeReason !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ streamId, resolve });
      if (!this.drainTimer) {
        this.drainTimer = setInterval(() => this.checkDrains(), DRAIN_POLL_MS);
        this.drainTimer.unref?.();
      }
    });
  }

  private checkDrains(): void {
    if (this.waiters.length === 0) return;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (this.closeReason !== null || this.unsent(w.streamId) < HIGH_WATER / 2) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
    if (this.waiters.length === 0) this.stopDrainTimer();
  }

  private stopDrainTimer(): void {
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.drainTimer = null;
  }
}
