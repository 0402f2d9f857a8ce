/**
 * One request/response exchange of the raw client's HTTP/3 (RFC 9114 §4.1): what a person asks for, what comes
 * back, and the handle that lets a scenario write the request body while the response arrives (full duplex, like
 * /echo), end it with trailers, or cancel the stream. The session (h3-client.ts) does the sending; this file only
 * collects and orders.
 */
import type { HeaderField } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { Priority } from '../protocols/http3';

/** A request to send over HTTP/3. */
export interface H3ClientRequest {
  /** Default GET, or POST when there is a body. */
  readonly method?: string;
  readonly path: string;
  /** Fields after the pseudo-header fields (lowercase names, RFC 9114 §4.2). */
  readonly headers?: readonly HeaderField[];
  /** Content sent right after the header section. */
  readonly body?: Uint8Array | string;
  /** Content sent in pieces, each `delayMs` after the previous one (the first after the header section). */
  readonly bodySchedule?: readonly { readonly delayMs: number; readonly data: Uint8Array | string }[];
  /** Keep the request open after `body`: write more with {@link H3Exchange.write}, finish with {@link H3Exchange.end}. */
  readonly streaming?: boolean;
  /** A trailer section sent when the body ends (RFC 9114 §4.1). */
  readonly trailers?: readonly HeaderField[];
  /** RFC 9218 priority, sent as the `priority` header when not the default. */
  readonly priority?: Priority;
  /** Aborting it cancels the request (RESET_STREAM and STOP_SENDING with H3_REQUEST_CANCELLED). */
  readonly signal?: AbortSignal;
}

/** When things happened, on the session clock (ms). */
export interface H3ResponseTimings {
  /** request() or open() was called. */
  readonly queuedAt: number;
  /** The HEADERS frame went to QUIC (later than queuedAt when the peer's MAX_STREAMS made it wait). */
  readonly sentAt: number;
  /** The final response header section arrived. */
  readonly headersAt: number;
  /** The first content byte arrived (null: no content). */
  readonly firstByteAt: number | null;
  /** The response ended. */
  readonly endedAt: number;
}

/** A response as the client read it over HTTP/3. */
export interface H3ClientResponse {
  readonly streamId: number;
  readonly status: number;
  readonly headers: readonly HeaderField[];
  /** 1xx header sections before the final one (RFC 9114 §4.1). */
  readonly informational: readonly (readonly HeaderField[])[];
  readonly body: Uint8Array;
  readonly trailers: readonly HeaderField[];
  /** Pieces the content arrived in (DATA frames, or parts of large ones as they came). */
  readonly dataChunks: number;
  readonly timings: H3ResponseTimings;
}

/** The status line of a response, as soon as its header section arrives. */
export interface H3ResponseHead {
  readonly streamId: number;
  readonly status: number;
  readonly headers: readonly HeaderField[];
}

/** What an exchange needs from its session. */
export interface ExchangeHost {
  now(): number;
  /** Sends content on the stream (DATA frames); `fin` ends it. */
  sendData(streamId: number, data: Uint8Array, fin: boolean): void;
  /** Ends the request, with trailers when given. */
  endStream(streamId: number, trailers?: readonly HeaderField[]): void;
  /** Resolves when QUIC has sent enough of the stream to take more. */
  drained(streamId: number): Promise<void>;
  /** Aborts a started exchange, or drops a queued one. */
  cancel(exchange: H3Exchange, code?: number): void;
}

/** Folds one response's header sections and content together (requests and pushes alike). */
export class ResponseCollector {
  status = 0;
  headers: readonly HeaderField[] = [];
  readonly informational: (readonly HeaderField[])[] = [];
  trailers: readonly HeaderField[] = [];
  private readonly parts: Uint8Array[] = [];
  private chunks = 0;
  headersAt = 0;
  firstByteAt: number | null = null;
  /** Called with each piece of content as it arrives. */
  onData: ((chunk: Uint8Array) => void) | undefined;

  /** A header section: informational, final or trailers. */
  headersArrived(role: string, headers: readonly HeaderField[], now: number): boolean {
    if (role === 'informational') this.informational.push(headers);
    else if (role === 'trailers') this.trailers = headers;
    else {
      this.status = Number(headers.find(([n]) => n === ':status')?.[1] ?? 0);
      this.headers = headers;
      this.headersAt = now;
      return true;
    }
    return false;
  }

  /** A piece of content. */
  dataArrived(data: Uint8Array, now: number): void {
    this.firstByteAt ??= now;
    this.chunks++;
    this.parts.push(data);
    this.onData?.(data);
  }

  /** The whole response. */
  result(streamId: number, queuedAt: number, sentAt: number, endedAt: number): H3ClientResponse {
    const body = this.parts.length === 1 ? this.parts[0]! : new Uint8Array(Buffer.concat(this.parts));
    return {
      streamId,
      status: this.status,
      headers: this.headers,
      informational: this.informational,
      body,
      trailers: this.trailers,
      dataChunks: this.chunks,
      timings: { queuedAt, sentAt, headersAt: this.headersAt, firstByteAt: this.firstByteAt, endedAt },
    };
  }
}

/**
 * One request in flight (or waiting for a stream): its response as promises, and the request body's writer.
 * Created by H3ClientSession.open(); request() is open() and then `response`.
 */
export class H3Exchange {
  /** The request stream, once the request went out (null while it waits for the peer's MAX_STREAMS). */
  streamId: number | null = null;
  /** The final response's header section. */
  readonly head: Promise<H3ResponseHead>;
  /** The whole response, once the server ended the stream. */
  readonly response: Promise<H3ClientResponse>;
  /** The collector of the response (onData here sees content as it arrives). */
  readonly collector = new ResponseCollector();
  readonly queuedAt: number;
  sentAt = 0;
  /** Our side of the stream is over (ended, reset, or the server sent STOP_SENDING). */
  sendClosed = false;
  private resolveHead!: (h: H3ResponseHead) => void;
  private rejectHead!: (e: Error) => void;
  private resolveResponse!: (r: H3ClientResponse) => void;
  private rejectResponse!: (e: Error) => void;
  private settled = false;
  private tail: Promise<void> = Promise.resolve();
  private resolveStarted!: (id: number) => void;
  private rejectStarted!: (e: Error) => void;
  private readonly started: Promise<number>;

  /** @param request what to send  @param host the session */
  constructor(
    readonly request: H3ClientRequest,
    private readonly host: ExchangeHost,
  ) {
    this.queuedAt = host.now();
    this.head = new Promise((resolve, reject) => {
      this.resolveHead = resolve;
      this.rejectHead = reject;
    });
    this.response = new Promise((resolve, reject) => {
      this.resolveResponse = resolve;
      this.rejectResponse = reject;
    });
    // a caller that only awaits `response` must not see an unhandled rejection of `head`
    this.head.catch(() => undefined);
    this.started = new Promise((resolve, reject) => {
      this.resolveStarted = resolve;
      this.rejectStarted = reject;
    });
    this.started.catch(() => undefined);
  }

  /** Called with each piece of response content as it arrives. */
  set onData(listener: ((chunk: Uint8Array) => void) | undefined) {
    this.collector.onData = listener;
  }

  /** True once the response ended or failed. */
  get done(): boolean {
    return this.settled;
  }

  /**
   * Writes a piece of the request body (DATA frames); resolves once QUIC has taken most of what was written, so
   * a caller that awaits each write never piles up more than a few hundred KiB. Writes keep their order.
   */
  write(data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const next = this.tail.then(async () => {
      const id = await this.started;
      if (this.sendClosed || this.settled) throw new ApiError('io', `stream ${id}: the request body is closed`);
      this.host.sendData(id, bytes, false);
      await this.host.drained(id);
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Ends the request body, with a trailer section when given (RFC 9114 §4.1). */
  end(trailers?: readonly HeaderField[]): Promise<void> {
    const next = this.tail.then(async () => {
      const id = await this.started;
      if (this.sendClosed || this.settled) return;
      this.sendClosed = true;
      this.host.endStream(id, trailers);
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Cancels the request: RESET_STREAM and STOP_SENDING with `code` (default H3_REQUEST_CANCELLED, RFC 9114 §4.1.1). */
  cancel(code?: number): void {
    this.host.cancel(this, code);
  }

  // ---- for the session ----

  /** The request went out on `streamId`. */
  markStarted(streamId: number, sendClosed: boolean): void {
    this.streamId = streamId;
    this.sentAt = this.host.now();
    this.sendClosed = sendClosed;
    this.resolveStarted(streamId);
  }

  /** A header section arrived. */
  headersArrived(role: string, headers: readonly HeaderField[]): void {
    if (this.collector.headersArrived(role, headers, this.host.now())) {
      this.resolveHead({ streamId: this.streamId!, status: this.collector.status, headers });
    }
  }

  /** The server ended the stream. */
  finish(): void {
    if (this.settled) return;
    this.settled = true;
    this.sendClosed = true;
    const r = this.collector.result(this.streamId!, this.queuedAt, this.sentAt, this.host.now());
    this.resolveHead({ streamId: r.streamId, status: r.status, headers: r.headers });
    this.resolveResponse(r);
  }

  /** The exchange failed (reset, refused, connection closed). */
  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.sendClosed = true;
    if (this.streamId === null) this.rejectStarted(error);
    this.rejectHead(error);
    this.rejectResponse(error);
  }
}
