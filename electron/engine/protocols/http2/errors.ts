/**
 * HTTP/2 errors (RFC 9113 §5.4, §7). A protocol error carries its wire code, whether it is a connection error
 * (ends with GOAWAY, §5.4.1) or a stream error (ends with RST_STREAM, §5.4.2), the frame type that caused it,
 * and who is at fault. "Need more bytes" is NeedMore, never an error; API misuse is H2UsageError.
 */

/** Error codes (RFC 9113 §7). */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  SETTINGS_TIMEOUT: 0x4,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  CONNECT_ERROR: 0xa,
  ENHANCE_YOUR_CALM: 0xb,
  INADEQUATE_SECURITY: 0xc,
  HTTP_1_1_REQUIRED: 0xd,
} as const;

/** The name of an error code in ErrorCode. */
export type ErrorCodeName = keyof typeof ErrorCode;

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([k, v]) => [v, k]));

/** "PROTOCOL_ERROR" for 1; unknown codes (which §7 says to treat as INTERNAL_ERROR in meaning) as "0x1f". */
export function errorCodeName(code: number): string {
  return NAMES.get(code) ?? `0x${code.toString(16)}`;
}

/** Who caused an error: this endpoint ('local') or the peer ('remote'). */
export type Initiator = 'local' | 'remote';

/** Whether an error ends the connection (GOAWAY) or only one stream (RST_STREAM). */
export type ErrorScope = 'connection' | 'stream';

/** An HTTP/2 protocol error (RFC 9113 §5.4): a wire code, its scope and who is at fault. */
export class H2Error extends Error {
  /**
   * @param code error code (§7)  @param scope connection or stream error  @param reason a sentence for a person
   * @param initiator who is at fault  @param streamId the stream, for stream errors  @param frameType frame that caused it
   */
  constructor(
    readonly code: number,
    readonly scope: ErrorScope,
    readonly reason: string,
    readonly initiator: Initiator = 'remote',
    readonly streamId?: number,
    readonly frameType?: number,
  ) {
    super(`${errorCodeName(code)}${scope === 'stream' ? ` on stream ${streamId ?? '?'}` : ''}: ${reason}`);
    this.name = 'H2Error';
  }

  /** The code's name, e.g. "FLOW_CONTROL_ERROR". */
  get codeName(): string {
    return errorCodeName(this.code);
  }

  /** The same error tagged with the frame type, when it has none yet. */
  withFrameType(frameType: number): H2Error {
    if (this.frameType !== undefined) return this;
    return new H2Error(this.code, this.scope, this.reason, this.initiator, this.streamId, frameType);
  }
}

/** A connection error (§5.4.1) blamed on the peer. */
export function connectionError(code: number, reason: string, frameType?: number): H2Error {
  return new H2Error(code, 'connection', reason, 'remote', undefined, frameType);
}

/** A stream error (§5.4.2) on `streamId` blamed on the peer. */
export function streamError(code: number, streamId: number, reason: string, frameType?: number): H2Error {
  return new H2Error(code, 'stream', reason, 'remote', streamId, frameType);
}

/** The bytes end inside a frame: not an error, wait for `needed` more bytes (at least). */
export class NeedMore {
  /** @param needed how many more bytes are needed, at least */
  constructor(readonly needed: number) {}
}

/** The local caller misused the API (a stream that does not exist, a value out of range, a closed connection). */
export class H2UsageError extends Error {
  /** @param message what the caller did wrong */
  constructor(message: string) {
    super(message);
    this.name = 'H2UsageError';
  }
}
