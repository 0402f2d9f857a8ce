/**
 * The raw client's HTTP/1.1 connection: writes requests built by our codec, reads responses with our parser,
 * and reports every byte both ways as client-vantage events. Several requests reuse one keep-alive connection;
 * with `pipeline` they go out back to back before the first response (RFC 9112 §9.3.2).
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectionInfo, HeaderField } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import { H1WireObserver } from '../core/h1-wire-observer';
import { encodeChunk, encodeLastChunk, encodeRequestHead, type Http1Item } from '../protocols/http1';
import type { ClientTarget } from './target';
import { openTransport, type TransportOptions } from './transport';

/** A response as the client read it. */
export interface H1Response {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly HeaderField[];
  readonly body: Uint8Array;
  readonly trailers: readonly HeaderField[];
  /** Chunks of a chunked body (0 for other framings). */
  readonly chunks: number;
}

/** A request to send. */
export interface H1Request {
  readonly method: string;
  readonly path: string;
  readonly headers?: readonly HeaderField[];
  /** A body sent with Content-Length. */
  readonly body?: Uint8Array | string;
}

/** A request whose body the caller streams as chunks (RFC 9112 §7.1). */
export interface StreamingRequest {
  /** Sends one chunk now. */
  writeChunk(data: Uint8Array | string): void;
  /** Sends the last chunk (and trailers), ending the request. */
  end(trailers?: readonly HeaderField[]): void;
  /** Resolves when the whole response has arrived. */
  readonly response: Promise<H1Response>;
  /** Called with each piece of response body as it arrives (before the response ends). */
  onBody(listener: (bytes: Uint8Array) => void): void;
}

interface PendingResponse {
  resolve(response: H1Response): void;
  reject(err: Error): void;
  head?: { status: number; reason: string; headers: readonly HeaderField[] };
  parts: Uint8Array[];
  listeners: ((bytes: Uint8Array) => void)[];
}

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

/** One HTTP/1.1 connection of the raw client. */
export class H1ClientConnection {
  private readonly queue: PendingResponse[] = [];
  private closed = false;
  private endedLocally = false;
  private closeError: Error | undefined;
  private readonly closeWaiters: (() => void)[] = [];

  private constructor(
    private readonly socket: Socket | TLSSocket,
    readonly info: ConnectionInfo,
    private readonly observer: H1WireObserver,
    private readonly sink: EventSink,
    private readonly target: ClientTarget,
  ) {
    let sent = 0;
    let received = 0;
    observer.onItem = (item, dir) => {
      if (dir === 'received') this.onResponseItem(item);
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      observer.received(chunk);
      this.onActivity?.();
    });
    const origWrite = socket.write.bind(socket);
    this.write = (bytes: Uint8Array): void => {
      if (this.closed) throw new ApiError('io', 'the connection is closed');
      sent += bytes.length;
      observer.sent(bytes);
      origWrite(bytes);
      this.onActivity?.();
    };
    let endedByRemote = false;
    socket.on('end', () => {
      endedByRemote = !this.endedLocally;
      socket.end();
    });
    socket.on('error', (err) => (this.closeError = err));
    socket.on('close', () => {
      this.closed = true;
      observer.finish();
      sink.emit({
        name: 'tcp:closed',
        time: sink.now(),
        conn: info.id,
        vantage: 'client',
        data: { by: this.closeError ? 'error' : endedByRemote ? 'remote' : 'local', bytesSent: sent, bytesReceived: received, ...(this.closeError ? { error: this.closeError.message } : {}) },
      });
      sink.updateConnection(info.id, { closedAt: sink.now() });
      const err = new ApiError('io', this.closeError ? `connection failed: ${this.closeError.message}` : 'the server closed the connection before the response ended');
      for (const p of this.queue.splice(0)) p.reject(err);
      for (const w of this.closeWaiters.splice(0)) w();
    });
  }

  /** Called whenever bytes go out or come in (raw mode's idle timer listens). */
  onActivity: (() => void) | undefined;

  /** Writes bytes as they are (raw mode uses this directly). */
  readonly write: (bytes: Uint8Array) => void;

  /** Connects to the target (TLS with ALPN http/1.1 for https). */
  static async open(target: ClientTarget, sink: EventSink, options: Partial<TransportOptions> = {}): Promise<H1ClientConnection> {
    const { socket, info } = await openTransport(target, sink, { alpn: ['http/1.1'], ...options });
    const observer = new H1WireObserver(sink, info.id, 'client');
    return new H1ClientConnection(socket, info, observer, sink, target);
  }

  /** True once the socket has closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves when the socket has closed. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  private baseHeaders(extra: readonly HeaderField[] | undefined): HeaderField[] {
    const headers: HeaderField[] = [];
    const has = (name: string): boolean => (extra ?? []).some(([n]) => n.toLowerCase() === name);
    if (!has('host')) headers.push(['Host', this.target.authority]);
    if (!has('user-agent')) headers.push(['User-Agent', 'framescope/0.1']);
    return [...headers, ...(extra ?? [])];
  }

  private expectResponse(): PendingResponse & { promise: Promise<H1Response> } {
    let resolve!: (r: H1Response) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<H1Response>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const pending: PendingResponse = { resolve, reject, parts: [], listeners: [] };
    this.queue.push(pending);
    return Object.assign(pending, { promise });
  }

  /** Sends a request (with a Content-Length body if given) and resolves with its response. */
  request(request: H1Request): Promise<H1Response> {
    const body = request.body === undefined ? undefined : toBytes(request.body);
    const headers = this.baseHeaders(request.headers);
    if (body && !headers.some(([n]) => n.toLowerCase() === 'content-length')) headers.push(['Content-Length', String(body.length)]);
    const pending = this.expectResponse();
    const head = encodeRequestHead({ method: request.method, target: request.path, headers });
    this.write(body && body.length > 0 ? concat([head, body]) : head);
    return pending.promise;
  }

  /** Starts a request with a chunked body; the caller sends chunks when it likes. */
  streamRequest(method: string, path: string, headers?: readonly HeaderField[]): StreamingRequest {
    const all = this.baseHeaders(headers);
    if (!all.some(([n]) => n.toLowerCase() === 'transfer-encoding')) all.push(['Transfer-Encoding', 'chunked']);
    const pending = this.expectResponse();
    this.write(encodeRequestHead({ method, target: path, headers: all }));
    return {
      writeChunk: (data) => this.write(encodeChunk(toBytes(data))),
      end: (trailers) => this.write(encodeLastChunk(trailers)),
      response: pending.promise,
      onBody: (listener) => pending.listeners.push(listener),
    };
  }

  /** Closes the connection (FIN after pending writes). */
  close(): Promise<void> {
    if (!this.closed) {
      this.endedLocally = true;
      this.socket.end();
    }
    return this.whenClosed();
  }

  /** Tears the connection down at once. */
  destroy(): void {
    this.endedLocally = true;
    this.socket.destroy();
  }

  private onResponseItem(item: Http1Item): void {
    const current = this.queue[0];
    if (!current) return;
    switch (item.type) {
      case 'head':
        if (item.data.status !== undefined && item.data.status >= 100 && item.data.status < 200 && item.data.status !== 101) return;
        current.head = { status: item.data.status ?? 0, reason: item.data.reason ?? '', headers: item.data.headers };
        return;
      case 'chunk':
      case 'body': {
        const bytes = item.type === 'chunk' ? item.payload : item.raw;
        current.parts.push(bytes);
        for (const l of current.listeners) l(bytes);
        return;
      }
      case 'end':
        this.queue.shift();
        current.resolve({
          status: current.head?.status ?? 0,
          reason: current.head?.reason ?? '',
          headers: current.head?.headers ?? [],
          body: concat(current.parts),
          trailers: item.data.trailers,
          chunks: item.data.chunks,
        });
        return;
      case 'error':
        this.queue.shift();
        current.reject(new ApiError('io', `malformed response: ${item.data.reason} at byte ${item.data.offset}`));
        return;
      default:
        return;
    }
  }
}
