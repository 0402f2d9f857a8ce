/**
 * HTTP/3 errors (RFC 9114 §8). A protocol error carries its wire code (§8.1, and QPACK's of RFC 9204 §6), whether
 * it ends the connection (CONNECTION_CLOSE, §8) or one stream (RESET_STREAM / STOP_SENDING, §8), the frame type
 * that caused it, and who is at fault. Incomplete input is NeedMore (from quic/wire), never an error; API misuse
 * by our own code is H3UsageError.
 */
import { QPACK_ERROR_CODES } from './qpack';

/** The HTTP/3 error codes of RFC 9114 §8.1, and QPACK's (RFC 9204 §6), by name. */
export const H3ErrorCode = {
  /** §8.1: no error; used when closing the connection or a stream without a problem. */
  H3_NO_ERROR: 0x100,
  /** §8.1: a protocol violation without a more specific code, or the peer chose not to say. */
  H3_GENERAL_PROTOCOL_ERROR: 0x101,
  /** §8.1: an internal error in the HTTP stack. */
  H3_INTERNAL_ERROR: 0x102,
  /** §8.1: the peer created a stream that will not be accepted. */
  H3_STREAM_CREATION_ERROR: 0x103,
  /** §8.1: a stream required by the connection was closed or reset. */
  H3_CLOSED_CRITICAL_STREAM: 0x104,
  /** §8.1: a frame not permitted in the current state or on the current stream. */
  H3_FRAME_UNEXPECTED: 0x105,
  /** §8.1: a frame that fails its layout requirements or has an invalid size. */
  H3_FRAME_ERROR: 0x106,
  /** §8.1: the peer is generating excessive load. */
  H3_EXCESSIVE_LOAD: 0x107,
  /** §8.1: a stream id or push id used incorrectly (over a limit, decreasing, already used). */
  H3_ID_ERROR: 0x108,
  /** §8.1: an error in the payload of a SETTINGS frame. */
  H3_SETTINGS_ERROR: 0x109,
  /** §8.1: no SETTINGS frame at the start of the control stream. */
  H3_MISSING_SETTINGS: 0x10a,
  /** §8.1: the server rejected a request without any application processing. */
  H3_REQUEST_REJECTED: 0x10b,
  /** §8.1: the request or its response (including pushed responses) is cancelled. */
  H3_REQUEST_CANCELLED: 0x10c,
  /** §8.1: the client's stream terminated without a fully formed request. */
  H3_REQUEST_INCOMPLETE: 0x10d,
  /** §8.1: an HTTP message was malformed and cannot be processed. */
  H3_MESSAGE_ERROR: 0x10e,
  /** §8.1: the TCP connection of a CONNECT request was reset or abnormally closed. */
  H3_CONNECT_ERROR: 0x10f,
  /** §8.1: the requested operation cannot be served over HTTP/3; the peer should retry over HTTP/1.1. */
  H3_VERSION_FALLBACK: 0x110,
  ...QPACK_ERROR_CODES,
} as const;

/** The name of an HTTP/3 or QPACK error code. */
export type H3ErrorName = keyof typeof H3ErrorCode;

const NAMES = new Map<number, string>(Object.entries(H3ErrorCode).map(([k, v]) => [v, k]));

/**
 * "H3_FRAME_UNEXPECTED" for 0x105; reserved (grease) codes 0x1f*N+0x21 (§8.1) as "reserved(0x…)"; anything else
 * as hex (unknown codes mean H3_NO_ERROR-like "no more specific reason", §9).
 */
export function h3ErrorName(code: number | bigint): string {
  const n = typeof code === 'bigint' ? (code <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(code) : -1) : code;
  const known = NAMES.get(n);
  if (known) return known;
  const big = BigInt(typeof code === 'bigint' ? code : Math.max(0, Math.floor(code)));
  if (big >= 0x21n && (big - 0x21n) % 0x1fn === 0n) return `reserved(0x${big.toString(16)})`;
  return `0x${big.toString(16)}`;
}

/** Who caused an error: this endpoint ('local') or the peer ('remote'). */
export type Initiator = 'local' | 'remote';

/** Whether an error ends the connection (CONNECTION_CLOSE) or one stream (RESET_STREAM / STOP_SENDING). */
export type H3ErrorScope = 'connection' | 'stream';

/** An HTTP/3 protocol error (RFC 9114 §8): a wire code, its scope and who is at fault. */
export class H3Error extends Error {
  /**
   * @param code error code (§8.1)  @param scope connection or stream error  @param reason a sentence for a person
   * @param initiator who is at fault  @param streamId the stream it concerns  @param frameType the frame type that caused it
   */
  constructor(
    readonly code: number,
    readonly scope: H3ErrorScope,
    readonly reason: string,
    readonly initiator: Initiator = 'remote',
    readonly streamId?: number,
    readonly frameType?: number,
  ) {
    super(`${h3ErrorName(code)}${scope === 'stream' ? ` on stream ${streamId ?? '?'}` : ''}: ${reason}`);
    this.name = 'H3Error';
  }

  /** The code's name, e.g. "H3_FRAME_UNEXPECTED". */
  get codeName(): string {
    return h3ErrorName(this.code);
  }

  /** The same error tagged with a stream and frame type where it has none yet. */
  at(streamId: number | undefined, frameType?: number): H3Error {
    if ((this.streamId !== undefined || streamId === undefined) && (this.frameType !== undefined || frameType === undefined)) return this;
    return new H3Error(this.code, this.scope, this.reason, this.initiator, this.streamId ?? streamId, this.frameType ?? frameType);
  }
}

/** A connection error (§8) blamed on the peer. */
export function connectionError(code: number, reason: string, frameType?: number, streamId?: number): H3Error {
  return new H3Error(code, 'connection', reason, 'remote', streamId, frameType);
}

/** A stream error (§8) on `streamId` blamed on the peer. */
export function streamError(code: number, streamId: number, reason: string, frameType?: number): H3Error {
  return new H3Error(code, 'stream', reason, 'remote', streamId, frameType);
}

/** The local caller misused the API (a stream that is not a request stream, a send after the end, a closed connection). */
export class H3UsageError extends Error {
  /** @param message what the caller did wrong */
  constructor(message: string) {
    super(message);
    this.name = 'H3UsageError';
  }
}
