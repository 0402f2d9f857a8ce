/**
 * HPACK errors. A header block is always complete when it reaches the decoder (HEADERS + CONTINUATION are
 * joined by the framing layer first), so a block that ends early is malformed, not "need more bytes".
 */
import type { DecodedBlock } from './types';

/**
 * A header block that cannot be decoded. RFC 9113 §4.3: any HPACK decoding error is a connection error of
 * type COMPRESSION_ERROR; the decoder's state is unknown afterwards and it refuses further blocks.
 */
export class HpackError extends Error {
  /** The HTTP/2 error code the connection sends in GOAWAY. */
  readonly code = 'COMPRESSION_ERROR' as const;
  /** The peer that encoded the block is at fault. */
  readonly initiator = 'remote' as const;

  /** @param reason what is wrong, for a person  @param offset byte offset in the block where it went wrong */
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`HPACK: ${reason} (at byte ${offset})`);
    this.name = 'HpackError';
  }
}

/**
 * The decoded header list is larger than the decoder's maxHeaderListSize (RFC 9113 §6.5.2, counted as the
 * sum of name + value + 32 octets per field). The whole block was still decoded, so the dynamic table stays in
 * step with the peer and the connection can go on: the stream can be answered with 431 or reset.
 */
export class HpackHeaderListTooLargeError extends Error {
  /** Distinct from COMPRESSION_ERROR: a stream-level condition, not a broken connection. */
  readonly code = 'HEADER_LIST_TOO_LARGE' as const;

  /**
   * @param size the size of the whole decoded list  @param limit the configured maxHeaderListSize
   * @param block the decoded block, its headers cut at the limit (fields, table and evictions are complete)
   */
  constructor(
    readonly size: number,
    readonly limit: number,
    readonly block?: DecodedBlock,
  ) {
    super(`HPACK: header list of ${size} octets is over the limit of ${limit}`);
    this.name = 'HpackHeaderListTooLargeError';
  }
}

/** The local caller misused the API (a bad option, a table size over the limit, a header that is not Latin-1). */
export class HpackUsageError extends Error {
  /** @param message what the caller did wrong */
  constructor(message: string) {
    super(message);
    this.name = 'HpackUsageError';
  }
}
