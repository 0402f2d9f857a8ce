/**
 * The raw client's HTTP/2 connection: drives our sans-IO core (protocols/http2) over a TLS socket (ALPN h2) or
 * a cleartext one (h2c with prior knowledge, RFC 9113 §3.3), and reports every frame, stream state, window and
 * HPACK table change as client-vantage events. Requests resolve with their responses; scenarios can also ping,
 * reset, send GOAWAY, open windows by hand, or send any frame at all (frame scripts).
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectionInfo, HeaderField } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import { emitH2Traces } from '../core/h2-trace-events';
import { errorCodeName, H2ClientConnection, H2FrameObserver, type Frame, type H2AppEvent, type H2ClientOptions } from '../protocols/http2';
import type { ClientTarget } from './target';
import { openTransport, type TransportOptions } from './transport';

/** A response as the client read it over HTTP/2. */
export interface H2Response {
  readonly streamId: number;
  readonly status: number;
  readonly headers: readonly HeaderField[];
  readonly body: Uint8Array;
  readonly trailers: readonly HeaderField[];
  /** DATA frames that carried the body. */
  readonly dataFrames: number;
}

/** A request to send over HTTP/2. */
export interface H2Request {
  readonly method?: string;
  readonly path: string;
  readonly headers?: readonly HeaderField[];
  readonly body?: Uint8Array | string;
  readonly priority?: { readonly urgency: number; readonly incremental: boolean };
}

interface Pending {
  readonly request: H2Request;
  readonly attempt: number;
  resolve(r: H2Response): void;
  reject(e: Error): void;
  status: number;
  headers: readonly HeaderField[];
  trailers: readonly HeaderField[];
  parts: Uint8Array[];
  dataFrames: number;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

/** Options of an HTTP/2 client connection. */
export interface H2ConnectOptions extends Partial<TransportOptions> {
  /** The core's options: our settings, window update policy, push policy. */
  readonly h2?: H2ClientOptions;
}

/** One HTTP/2 connection of the raw client. */
export class H2ClientSession {
  private readonly pending = new Map<number, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private afterClose: H2FrameObserver | undefined;
  private corked = false;
  private closed = false;
  private readonly closeWaiters: (() => void)[] = [];
  /** Every application event the core reported, in order (scenarios read pushes, GOAWAY, ping RTTs here). */
  readonly appEvents: H2AppEvent[] = [];
  /** Called for each application event as it happens. */
  onAppEvent: ((event: H2AppEvent) => void) | undefined;

  private constructor(
    private readonly socket: Socket | TLSSocket,
    readonly info: ConnectionInfo,
    private readonly core: H2ClientConnection,
    private readonly sink: EventSink,
    private readonly target: ClientTarget,
  ) {
    let sent = 0;
    let received = 0;
    let endedLocally = false;
    let endedByRemote = false;
    this.countSent = (n) => (sent += n);
    this.markLocalEnd = () => (endedLocally = true);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (this.core.connectionStatus === 'closed') {
        // our side is done, but the peer may still answer (its own GOAWAY): show those frames, decoded passively
        this.afterClose ??= new H2FrameObserver({ dir: 'received', expectPreface: false });
        this.afterClose.push(bytes);
        emitH2Traces(sink, info.id, 'client', this.afterClose.drainEvents());
        return;
      }
      this.core.receive(bytes, sink.now());
      this.pump();
    });
    socket.on('end', () => {
      endedByRemote = !endedLocally;
      socket.end();
    });
    let error: Error | undefined;
    socket.on('error', (e) => (error = e));
    socket.on('close', () => {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      this.pump();
      sink.emit({
        name: 'tcp:closed',
        time: sink.now(),
        conn: info.id,
        vantage: 'client',
        data: { by: error ? 'error' : endedByRemote ? 'remote' : 'local', bytesSent: sent, bytesReceived: received, ...(error ? { error: error.message } : {}) },
      });
      sink.updateConnection(info.id, { closedAt: sink.now() });
      const err = new ApiError('io', error ? `connection failed: ${error.message}` : 'the connection closed before the response ended');
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const w of this.closeWaiters.splice(0)) w();
    });
  }

  private readonly countSent: (n: number) => void;
  private readonly markLocalEnd: () => void;

  /** Connects (TLS with ALPN h2 for https, h2c with prior knowledge for http) and sends the preface and SETTINGS. */
  static async open(target: ClientTarget, sink: EventSink, options: H2ConnectOptions = {}): Promise<H2ClientSession> {
    const { socket, info } = await openTransport(target, sink, { alpn: ['h2'], ...options });
    if (target.scheme === 'https' && (socket as TLSSocket).alpnProtocol !== 'h2') {
      socket.destroy();
      throw new ApiError('io', `${target.authority} did not agree to h2 in ALPN (it chose ${(socket as TLSSocket).alpnProtocol || 'nothing'})`);
    }
    if (target.scheme === 'http') sink.updateConnection(info.id, { protocol: 'h2c' });
    const session = new H2ClientSession(socket, info, new H2ClientConnection(options.h2 ?? {}), sink, target);
    session.core.start(sink.now());
    session.pump();
    return session;
  }

  /**
   * A session over a socket that is already connected and registered (the h2c upgrade hands over its socket
   * after the 101). The caller starts the core.
   */
  static adopt(socket: Socket | TLSSocket, info: ConnectionInfo, core: H2ClientConnection, sink: EventSink, target: ClientTarget): H2ClientSession {
    return new H2ClientSession(socket, info, core, sink, target);
  }

  /** Waits for the response on a stream the core opened by itself (stream 1 after an h2c upgrade). */
  awaitResponse(streamId: number, request: H2Request): Promise<H2Response> {
    return new Promise((resolve, reject) => {
      this.pending.set(streamId, { request, attempt: 3, resolve, reject, status: 0, headers: [], trailers: [], parts: [], dataFrames: 0 });
    });
  }

  /** Feeds bytes that arrived before this session took the socket over; sends what the core answers. */
  receiveEarly(bytes: Uint8Array): void {
    if (bytes.length > 0) this.core.receive(bytes, this.sink.now());
    this.pump();
  }

  /** The core, for scenarios that look at windows, settings and stream states. */
  get connection(): H2ClientConnection {
    return this.core;
  }

  /** True once the socket has closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves when the socket has closed. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /**
   * Sends a request and resolves with its whole response. A stream the server refused before processing it
   * (RST_STREAM REFUSED_STREAM, e.g. sent before its SETTINGS lowered MAX_CONCURRENT_STREAMS) is retried on a
   * new stream, as RFC 9113 §8.7 allows, up to twice; other resets, GOAWAY and connection loss reject.
   */
  request(request: H2Request): Promise<H2Response> {
    return new Promise((resolve, reject) => this.send(request, 1, resolve, reject));
  }

  private send(request: H2Request, attempt: number, resolve: (r: H2Response) => void, reject: (e: Error) => void): void {
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const headers: HeaderField[] = [
      [':method', request.method ?? (body ? 'POST' : 'GET')],
      [':scheme', this.target.scheme],
      [':authority', this.target.authority],
      [':path', request.path],
      ['user-agent', 'framescope/0.1'],
      ...(request.headers ?? []),
    ];
    let id: number;
    try {
      id = this.act(() => this.core.request(headers, { endStream: !body || body.length === 0, ...(request.priority ? { priority: request.priority } : {}) }));
    } catch (e) {
      reject(e as Error);
      return;
    }
    this.pending.set(id, { request, attempt, resolve, reject, status: 0, headers: [], trailers: [], parts: [], dataFrames: 0 });
    if (body && body.length > 0) this.act(() => this.core.sendData(id, body, true));
  }

  /** Sends a PING; resolves with the round-trip time in ms when the ACK comes back. */
  ping(): Promise<number> {
    return new Promise((resolve, reject) => {
      const opaque = this.act(() => this.core.ping(this.sink.now()));
      const check = (e: H2AppEvent): void => {
        if (e.kind === 'ping_ack' && Buffer.compare(Buffer.from(e.opaque), Buffer.from(opaque)) === 0) resolve(e.rtt);
        if (e.kind === 'ping_timeout' || e.kind === 'closed') reject(new ApiError('io', 'no PING ACK'));
      };
      const previous = this.onAppEvent;
      this.onAppEvent = (e) => {
        previous?.(e);
        check(e);
      };
    });
  }

  /** Resets a stream (RST_STREAM, CANCEL by default). */
  resetStream(streamId: number, code?: number): void {
    this.act(() => this.core.resetStream(streamId, code));
  }

  /** Opens a window by hand (WINDOW_UPDATE; stream 0 is the connection). */
  windowUpdate(streamId: number, increment: number): void {
    this.act(() => this.core.windowUpdate(streamId, increment));
  }

  /** Sends GOAWAY. */
  goaway(code?: number, debug?: string): void {
    this.act(() => this.core.goaway(code, debug));
  }

  /** Sends any frame exactly as given, legal or not (frame scripts). */
  sendFrame(frame: Frame): void {
    this.act(() => this.core.sendRaw(frame));
  }

  /** Encodes a header list with the connection's HPACK encoder (for scripted HEADERS frames). */
  encodeHeaders(headers: readonly HeaderField[]): Uint8Array {
    return this.core.encodeHeaderBlock(headers);
  }

  /** Sends GOAWAY (NO_ERROR) and closes the socket once written. */
  async close(): Promise<void> {
    if (!this.closed) {
      if (this.core.connectionStatus === 'open') this.act(() => this.core.goaway());
      this.markLocalEnd();
      this.socket.end();
    }
    return this.whenClosed();
  }

  /** Tears the connection down at once. */
  destroy(): void {
    this.markLocalEnd();
    this.socket.destroy();
  }

  /** Runs a core call, then sends what it produced; core usage errors become ApiErrors. */
  private act<T>(fn: () => T): T {
    let out: T;
    try {
      out = fn();
    } catch (e) {
      throw new ApiError('bad_argument', e instanceof Error ? e.message : String(e));
    }
    this.pump();
    return out;
  }

  /** Moves bytes from the core to the socket and events from the core to the sink; re-arms the timer. */
  /**
   * Holds writes until this turn of the event loop is over, so the frames of many requests (and the WINDOW_UPDATEs
   * of many responses) leave in one TLS record and one write instead of one each.
   */
  private cork(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    setImmediate(() => {
      this.corked = false;
      this.socket.uncork();
    });
  }

  private pump(): void {
    for (let b = this.core.pollTransmit(); b; b = this.core.pollTransmit()) {
      if (this.closed || this.socket.destroyed) break;
      this.countSent(b.length);
      this.cork();
      this.socket.write(b);
    }
    for (const e of emitH2Traces(this.sink, this.info.id, 'client', this.core.drainEvents())) this.onApp(e as H2AppEvent);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = this.core.nextDeadline();
    if (deadline !== null && !this.closed) {
      this.timer = setTimeout(() => {
        this.core.onTimeout(this.sink.now());
        this.pump();
      }, Math.max(0, deadline - this.sink.now()));
    }
  }

  private onApp(e: H2AppEvent): void {
    this.appEvents.push(e);
    this.onAppEvent?.(e);
    switch (e.kind) {
      case 'headers': {
        const p = this.pending.get(e.streamId);
        if (!p) return;
        if (e.role === 'response') {
          p.status = Number(e.headers.find(([n]) => n === ':status')?.[1] ?? 0);
          p.headers = e.headers;
        } else if (e.role === 'trailers') p.trailers = e.headers;
        if (e.endStream) this.finish(e.streamId);
        return;
      }
      case 'data': {
        const p = this.pending.get(e.streamId);
        if (!p) return;
        p.parts.push(e.data);
        p.dataFrames++;
        if (e.endStream) this.finish(e.streamId);
        return;
      }
      case 'stream_reset':
      case 'stream_failed': {
        const p = this.pending.get(e.streamId);
        if (!p) return;
        this.pending.delete(e.streamId);
        if (e.kind === 'stream_reset' && e.retryable && e.initiator === 'remote' && p.attempt < 3 && !this.closed) {
          this.sink.emit({ name: 'app:note', time: this.sink.now(), conn: this.info.id, vantage: 'client', data: { text: `stream ${e.streamId} refused before processing (${errorCodeName(e.errorCode)}): sending it again on a new stream` } });
          this.send(p.request, p.attempt + 1, p.resolve, p.reject);
          return;
        }
        const why = e.kind === 'stream_reset' ? `stream ${e.streamId} was reset (${errorCodeName(e.errorCode)}) by the ${e.initiator === 'remote' ? 'server' : 'client'}` : `stream ${e.streamId} failed: ${e.reason}`;
        p.reject(new ApiError('io', why));
        return;
      }
      case 'closed':
        if (e.error) {
          for (const p of this.pending.values()) p.reject(new ApiError('io', `the connection failed: ${e.error.codeName}: ${e.error.reason}`));
          this.pending.clear();
        }
        if (!this.socket.destroyed) this.socket.end();
        return;
      default:
        return;
    }
  }

  private finish(streamId: number): void {
    const p = this.pending.get(streamId);
    if (!p) return;
    this.pending.delete(streamId);
    p.resolve({ streamId, status: p.status, headers: p.headers, body: concat(p.parts), trailers: p.trailers, dataFrames: p.dataFrames });
  }
}
