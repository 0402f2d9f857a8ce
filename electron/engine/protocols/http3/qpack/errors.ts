/**
 * QPACK errors (RFC 9204 §6). A decoding failure is a connection error with one of three HTTP/3 error codes;
 * a field section over the local size limit is a stream-level condition; API misuse is neither.
 */

/** The QPACK error codes of RFC 9204 §6 (also registered in the HTTP/3 error code space, §8.3). */
export const QPACK_ERROR_CODES = {
  /** The decoder failed to interpret an encoded field section (§6). */
  QPACK_DECOMPRESSION_FAILED: 0x200,
  /** The decoder failed to interpret an encoder instruction received on the encoder stream (§6). */
  QPACK_ENCODER_STREAM_ERROR: 0x201,
  /** The encoder failed to interpret a decoder instruction received on the decoder stream (§6). */
  QPACK_DECODER_STREAM_ERROR: 0x202,
} as const;

/** Name of a QPACK error code. */
export type QpackErrorName = keyof typeof QPACK_ERROR_CODES;

/** Value of a QPACK error code (0x200, 0x201 or 0x202). */
export type QpackErrorCode = (typeof QPACK_ERROR_CODES)[QpackErrorName];

const NAMES: Record<QpackErrorCode, QpackErrorName> = {
  0x200: 'QPACK_DECOMPRESSION_FAILED',
  0x201: 'QPACK_ENCODER_STREAM_ERROR',
  0x202: 'QPACK_DECODER_STREAM_ERROR',
};

/**
 * Input from the peer that QPACK cannot accept: a connection error (RFC 9204 §2.2.3, §6) that the HTTP/3 layer
 * turns into CONNECTION_CLOSE with `code`. The codec's state is unknown afterwards, so the decoder or encoder
 * that threw it refuses further input.
 */
export class QpackError extends Error {
  /** The peer sent the bad bytes. */
  readonly initiator = 'remote' as const;
  /** The code's name, e.g. QPACK_DECOMPRESSION_FAILED. */
  readonly codeName: QpackErrorName;

  /**
   * @param code the HTTP/3 error code  @param reason what is wrong, for a person
   * @param offset where it went wrong: a byte offset in the field section, or in the encoder or decoder stream
   *   counted from the stream's first byte
   */
  constructor(
    readonly code: QpackErrorCode,
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${NAMES[code]}: ${reason} (at byte ${offset})`);
    this.name = 'QpackError';
    this.codeName = NAMES[code];
  }
}

/**
 * A field section whose decoded size is over the decoder's maxFieldSectionSize (RFC 9114 §4.2.2: name + value +
 * 32 per field line). Decoding stops there, before the big strings are built (a "decompression bomb" defence,
 * RFC 9204 §7.3). QPACK field sections do not change the dynamic table, so the connection can go on: the HTTP/3
 * layer answers the stream (e.g. 431) or resets it, and then calls QpackDecoder.cancelStream.
 */
export class QpackFieldSectionTooLargeError extends Error {
  /** Not a QPACK connection error. */
  readonly kind = 'field-section-too-large' as const;

  /** @param streamId the stream  @param size the size counted so far  @param limit maxFieldSectionSize */
  constructor(
    readonly streamId: number,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`QPACK: field section on stream ${streamId} is over the limit of ${limit} octets (at least ${size})`);
    this.name = 'QpackFieldSectionTooLargeError';
  }
}

/** The local caller misused the API (a bad option, a header that is not Latin-1, a stream id that is not one). */
export class QpackUsageError extends Error {
  /** @param message what the caller did wrong */
  constructor(message: string) {
    super(message);
    this.name = 'QpackUsageError';
  }
}

/**
 * Thrown inside the codecs when an instruction on a stream is cut short: not an error, the stream reader keeps
 * the bytes and tries again when more arrive (h2's NeedMore). Never escapes QpackDecoder or QpackEncoder.
 */
export class QpackNeedMore {
  /** @param what the thing being read when the bytes ran out */
  constructor(readonly what: string) {}
}
