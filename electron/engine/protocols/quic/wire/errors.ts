/**
 * QUIC error types (RFC 9000 §20): a connection error carries its transport error code, the frame type
 * that caused it when known, a reason, and who is at fault. NeedMore and UsageError are shared with tls13/.
 */
import type { Initiator, TlsError } from '../../tls13/errors';

export { NeedMore, UsageError, type Initiator } from '../../tls13/errors';

/** Transport error codes (RFC 9000 §20.1). CRYPTO_ERROR is 0x0100 + TLS alert (RFC 9001 §4.8). */
export const TransportErrorCode = {
  NO_ERROR: 0x00,
  INTERNAL_ERROR: 0x01,
  CONNECTION_REFUSED: 0x02,
  FLOW_CONTROL_ERROR: 0x03,
  STREAM_LIMIT_ERROR: 0x04,
  STREAM_STATE_ERROR: 0x05,
  FINAL_SIZE_ERROR: 0x06,
  FRAME_ENCODING_ERROR: 0x07,
  TRANSPORT_PARAMETER_ERROR: 0x08,
  CONNECTION_ID_LIMIT_ERROR: 0x09,
  PROTOCOL_VIOLATION: 0x0a,
  INVALID_TOKEN: 0x0b,
  APPLICATION_ERROR: 0x0c,
  CRYPTO_BUFFER_EXCEEDED: 0x0d,
  KEY_UPDATE_ERROR: 0x0e,
  AEAD_LIMIT_REACHED: 0x0f,
  NO_VIABLE_PATH: 0x10,
  CRYPTO_ERROR_BASE: 0x0100,
} as const;

/** The name of a transport error code, e.g. "FRAME_ENCODING_ERROR" or "CRYPTO_ERROR(0x132)". */
export function transportErrorName(code: number): string {
  if (code >= 0x100 && code <= 0x1ff) return `CRYPTO_ERROR(0x${code.toString(16)})`;
  for (const [name, value] of Object.entries(TransportErrorCode)) if (value === code && name !== 'CRYPTO_ERROR_BASE') return name;
  return `0x${code.toString(16)}`;
}

/**
 * A QUIC connection error (RFC 9000 §11.1), to become a CONNECTION_CLOSE of type 0x1c at the connection boundary.
 * `frameType` is the type of the frame that caused it (0 when unknown, as §19.19 allows).
 */
export class QuicError extends Error {
  /** @param code transport error code  @param reason a sentence for a person  @param initiator who is at fault  @param frameType frame that triggered it */
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly initiator: Initiator = 'remote',
    readonly frameType?: number,
  ) {
    super(`${transportErrorName(code)}: ${reason}`);
    this.name = 'QuicError';
  }
}

/**
 * A packet that must be dropped without a connection error: unparseable header, wrong fixed bit,
 * unknown keys, failed authentication (RFC 9000 §5.2, §12.2; RFC 9001 §5.5).
 */
export class InvalidPacket extends Error {
  /** @param reason why the packet is dropped */
  constructor(readonly reason: string) {
    super(`packet dropped: ${reason}`);
    this.name = 'InvalidPacket';
  }
}

/** A TLS alert as the QUIC connection error CRYPTO_ERROR (0x0100 + alert), keeping who is at fault (RFC 9001 §4.8). */
export function cryptoErrorFromTls(e: TlsError): QuicError {
  return new QuicError(TransportErrorCode.CRYPTO_ERROR_BASE + e.alert, e.reason, e.initiator);
}
