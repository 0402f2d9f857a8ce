/**
 * The embedded server's HTTP/3 (RFC 9114): a {@link QuicStreamHandler} that runs one sans-IO {@link H3Connection}
 * (role server) per QUIC connection. QUIC application events go in as the core's transport inputs; the core's
 * commands (open, write, reset, stop_sending, close) are carried out on the QUIC connection; its trace items become
 * server-vantage session events (core/h3-trace-events.ts). Each request is served by the route table
 * (routes.ts handleRoute) through a small adapter of its AnyRequest/AnyResponse API onto the request stream:
 * writeHead → a HEADERS frame, write → DATA, end → FIN (or DATA with FIN); the request body arrives as 'data'
 * events as its DATA frames do, so /echo stays full duplex. /push pushes (PUSH_PROMISE and push streams, RFC 9114
 * §4.6) when the client's MAX_PUSH_ID allows it, through the same createPushResponse the HTTP/2 server offers.
 */
import { EventEmitter } from 'node:events';
import type { HeaderField } from '../../../shared/events';
import type { EventSink } from '../core/event-sink';
import { emitH3Traces } from '../core/h3-trace-events';
import { deliverToH3 } from '../core/h3-quic-inputs';
import { H3Connection, type H3AppEvent, type H3Command } from '../protocols/http3';
import type { QuicConnection } from '../protocols/quic/connection/connection';
import { ConnectionState } from '../protocols/quic/connection/connection';
import type { QuicAppEvent } from '../protocols/quic/connection/events';
import { handleRoute, type AnyRequest, type AnyResponse, type RouteTimers } from './routes';

/** H3_INTERNAL_ERROR (RFC 9114 §8.1): a route that threw after its response started. */
const H3_INTERNAL_ERROR = 0x102;

/** A response write waits ('drain') while this much of the stream is still unsent by QUIC. */
const HIGH_WATER = 256 * 1024;

/** How often a waiting response checks whether QUIC has sent enough of its stream (ms). */
const DRAIN_POLL_MS = 5;

/**
 * The embedded server's HTTP/3 SETTINGS: its QPACK decoder allows a 4 KiB dynamic table and 16 blocked streams
 * (RFC 9204 §5), so clients' encoders (Chromium's, ours) insert request fields and the QPACK tables fill both ways.
 */
export const SERVER_H3_SETTINGS = { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 16 } as const;

/** What the handler of one connection needs beside the QUIC connection: where events go, route timers. */
export interface H3HandlerContext {
  readonly sink: EventSink;
  /** The session connection id (shared with the QUIC events of the same connection). */
  readonly conn: number;
  /** Timers the routes start, so the server can cancel them when it stops. */
  readonly timers: RouteTimers;
}

/** The request side of one stream, as the route table reads it. */
class H3Request extends EventEmitter implements AnyRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined> = {};

  constructor(fields: readonly HeaderField[]) {
    super();
    let path = '/';
    let method = 'GET';
    for (const [name, value] of fields) {
      if (name === ':path') path = value;
      else if (name === ':method') method = value;
      else if (name === ':authority') this.headers['host'] ??= value;
      else if (!name.startsWith(':')) {
        const prev = this.headers[name];
        this.headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
    }
    this.url = path;
    this.method = method;
    // a route that never listens for 'error' must not throw when the stream is reset
    this.on('error', () => undefined);
  }
}

/** The response side of one stream: AnyResponse onto H3Connection.respond / sendData / end. */
class H3Response extends EventEmitter implements AnyResponse {
  destroyed = false;
  writableEnded = false;
  headersSent = false;
  /** Waiting for QUIC to send what was written (write returned false). */
  waiting = false;

  constructor(
    private readonly handler: H3StreamHandler,
    readonly streamId: number,
    /** The request's :authority, for the requests this response promises. */
    private readonly authority: string,
  ) {
    super();
  }

  /** Whether the client allows another push (its MAX_PUSH_ID, RFC 9114 §4.6). */
  get stream(): { readonly pushAllowed: boolean } {
    return { pushAllowed: this.handler.pushAllowed() };
  }

  /**
   * Promises a push on this request stream (PUSH_PROMISE, RFC 9114 §4.6) and hands its response to `callback`;
   * the route writes it like any response, on the push stream.
   */
  createPushResponse(headers: Record<string, string>, callback: (err: Error | null, res: AnyResponse) => void): void {
    const promised: HeaderField[] = [
      [':method', 'GET'],
      [':scheme', 'https'],
      [':authority', headers[':authority'] ?? this.authority],
      [':path', headers[':path'] ?? '/'],
    ];
    const pushed = this.handler.promise(this.streamId, promised, this.authority);
    if (pushed) callback(null, pushed);
    else callback(new Error('the push could not be promised'), this);
  }

  writeHead(status: number, headers: Record<string, string> = {}): this {
    if (this.headersSent || this.destroyed) return this;
    const fields: HeaderField[] = [[':status', String(status)]];
    for (const [name, value] of Object.entries(headers)) fields.push([name.toLowerCase(), String(value)]);
    this.headersSent = true;
    this.handler.run((h3) => h3.respond(this.streamId, fields, { endStream: false }));
    return this;
  }

  write(chunk: string | Uint8Array): boolean {
    if (this.destroyed || this.writableEnded) return false;
    if (!this.headersSent) this.writeHead(200);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.length > 0) this.handler.run((h3) => h3.sendData(this.streamId, bytes, false));
    if (this.handler.unsent(this.streamId) < HIGH_WATER) return true;
    this.waiting = true;
    this.handler.watchDrain();
    return false;
  }

  end(chunk?: string | Uint8Array): this {
    if (this.destroyed || this.writableEnded) return this;
    if (!this.headersSent) this.writeHead(200);
    this.writableEnded = true;
    const bytes = chunk === undefined ? undefined : typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.handler.run((h3) => (bytes && bytes.length > 0 ? h3.sendData(this.streamId, bytes, true) : h3.end(this.streamId)));
    this.handler.finished(this.streamId);
    return this;
  }

  destroy(): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableEnded) this.handler.run((h3) => h3.cancel(this.streamId, H3_INTERNAL_ERROR));
    this.handler.finished(this.streamId);
    return this;
  }

  /** The stream is gone (reset, STOP_SENDING, connection closed): no more writes. */
  aborted(): void {
    this.destroyed = true;
    this.waiting = false;
  }
}

interface Exchange {
  readonly req: H3Request;
  readonly res: H3Response;
}

/** Serves HTTP/3 on one QUIC connection from the route table. */
export class H3StreamHandler {
  readonly h3 = new H3Connection({ role: 'server', settings: SERVER_H3_SETTINGS });
  private readonly exchanges = new Map<number, Exchange>();
  /** Pushed responses by push id, until they end. */
  private readonly pushes = new Map<number, H3Response>();
  /** The client's MAX_PUSH_ID (null: push not allowed) and the pushes promised so far. */
  private maxPushId: number | null = null;
  private pushesPromised = 0;
  private pumping = false;
  private drainTimer: NodeJS.Timeout | null = null;

  /** @param conn the QUIC connection  @param flush sends what was written  @param ctx sink, connection id, timers */
  constructor(
    private readonly conn: QuicConnection,
    private readonly flush: () => void,
    private readonly ctx: H3HandlerContext,
  ) {}

  /** One QUIC application event: into the HTTP/3 core, then its commands and events out. */
  onEvent(e: QuicAppEvent): void {
    if (e.kind === 'closed') {
      deliverToH3(this.h3, e);
      this.stopDrainTimer();
    } else {
      if (!this.open()) return;
      if (this.h3.status === 'new') this.h3.start();
      if (e.kind === 'writable') this.checkDrain();
      else deliverToH3(this.h3, e);
    }
    this.pump();
  }

  /** Runs an operation on the HTTP/3 core for a response, then carries out what it produced. */
  run(op: (h3: H3Connection) => void): void {
    if (this.h3.status === 'closed' || !this.open()) return;
    try {
      op(this.h3);
    } catch (err) {
      this.ctx.sink.emit({ name: 'app:error', time: this.ctx.sink.now(), conn: this.ctx.conn, vantage: 'server', data: { message: `HTTP/3 response: ${(err as Error).message}` } });
    }
    this.pump();
  }

  /** Bytes written on a stream that QUIC has not sent yet. */
  unsent(streamId: number): number {
    return this.conn.streams.get(streamId)?.send.unsentBytes ?? 0;
  }

  /** Whether the client's MAX_PUSH_ID allows one more push. */
  pushAllowed(): boolean {
    return this.maxPushId !== null && this.pushesPromised <= this.maxPushId && this.h3.status === 'open';
  }

  /** Promises a push on a request stream; returns the pushed response to write, or null when it cannot. */
  promise(requestStreamId: number, promised: readonly HeaderField[], authority: string): H3Response | null {
    if (!this.pushAllowed()) return null;
    let pushed: H3Response | null = null;
    this.run((h3) => {
      const { pushId, streamId } = h3.push(requestStreamId, promised);
      this.pushesPromised++;
      pushed = new H3Response(this, streamId, authority);
      this.pushes.set(pushId, pushed);
    });
    return pushed;
  }

  /** A response is over on our side. */
  finished(streamId: number): void {
    for (const [pushId, res] of this.pushes) if (res.streamId === streamId && (res.writableEnded || res.destroyed)) this.pushes.delete(pushId);
    const x = this.exchanges.get(streamId);
    if (x && x.res.writableEnded) this.exchanges.delete(streamId);
    else if (x && x.res.destroyed) this.exchanges.delete(streamId);
  }

  /** Starts checking, every few ms, whether waiting responses may write again. */
  watchDrain(): void {
    if (this.drainTimer) return;
    this.drainTimer = setInterval(() => this.checkDrain(), DRAIN_POLL_MS);
    this.drainTimer.unref?.();
  }

  private stopDrainTimer(): void {
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.drainTimer = null;
  }

  private checkDrain(): void {
    let still = false;
    for (const { res } of [...this.exchanges.values()]) {
      if (!res.waiting) continue;
      if (res.destroyed || !this.open()) {
        res.waiting = false;
        continue;
      }
      if (this.unsent(res.streamId) < HIGH_WATER / 2) {
        res.waiting = false;
        res.emit('drain');
      } else still = true;
    }
    if (!still || !this.open()) this.stopDrainTimer();
  }

  private open(): boolean {
    const s = this.conn.state;
    return s === ConnectionState.Connected || s === ConnectionState.Handshaking;
  }

  /** Carries out the core's commands and handles its events until both are empty, then sends. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const commands = this.h3.pollCommands();
        for (const c of commands) this.execute(c);
        const app = emitH3Traces(this.ctx.sink, this.ctx.conn, 'server', this.h3.drainEvents());
        for (const e of app) this.onApp(e);
        if (commands.length === 0 && app.length === 0) break;
      }
    } finally {
      this.pumping = false;
    }
    this.flush();
  }

  private execute(c: H3Command): void {
    if (!this.open()) return;
    try {
      switch (c.op) {
        case 'open': {
          const id = this.conn.openStream(c.bidi);
          if (id !== c.streamId) this.error(`HTTP/3 wanted stream ${c.streamId}, QUIC opened ${id === null ? 'none (stream limit)' : id}`);
          break;
        }
        case 'write':
          this.conn.write(c.streamId, c.bytes, c.fin);
          break;
        case 'reset':
          this.conn.resetStream(c.streamId, BigInt(c.code));
          break;
        case 'stop_sending':
          this.conn.stopSending(c.streamId, BigInt(c.code));
          break;
        case 'close':
          this.conn.close(BigInt(c.code), c.reason);
          break;
      }
    } catch {
      // the stream is already finished or reset on the QUIC side: nothing more to do there
    }
  }

  private onApp(e: H3AppEvent): void {
    switch (e.kind) {
      case 'headers': {
        if (e.role === 'request') this.serve(e.streamId, e.headers);
        break;
      }
      case 'data':
        this.exchanges.get(e.streamId)?.req.emit('data', Buffer.from(e.data));
        break;
      case 'end': {
        const x = this.exchanges.get(e.streamId);
        x?.req.emit('end');
        break;
      }
      case 'stream_reset':
      case 'stop_sending': {
        const x = this.exchanges.get(e.streamId);
        if (!x) break;
        this.exchanges.delete(e.streamId);
        x.res.aborted();
        x.req.emit('error', new Error(`stream ${e.streamId}: ${e.kind === 'stop_sending' ? 'STOP_SENDING' : 'reset'} ${e.codeName}`));
        break;
      }
      case 'max_push_id':
        this.maxPushId = e.maxPushId;
        break;
      case 'push_cancelled': {
        this.pushes.get(e.pushId)?.aborted();
        this.pushes.delete(e.pushId);
        break;
      }
      case 'closed':
        for (const res of this.pushes.values()) res.aborted();
        this.pushes.clear();
        for (const x of this.exchanges.values()) {
          x.res.aborted();
          x.req.emit('error', new Error('the connection closed'));
        }
        this.exchanges.clear();
        this.stopDrainTimer();
        break;
      default:
        break;
    }
  }

  private serve(streamId: number, headers: readonly HeaderField[]): void {
    const req = new H3Request(headers);
    const res = new H3Response(this, streamId, headers.find(([n]) => n === ':authority')?.[1] ?? 'localhost');
    this.exchanges.set(streamId, { req, res });
    try {
      handleRoute(req, res, this.ctx.timers);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end();
      this.error(`route failed: ${(err as Error).message}`);
    }
  }

  private error(message: string): void {
    this.ctx.sink.emit({ name: 'app:error', time: this.ctx.sink.now(), conn: this.ctx.conn, vantage: 'server', data: { message } });
  }
}
