/**
 * What the HTTP/1.1 parser hands out: one item per head, chunk, body piece, message end, upgrade or error.
 *
 * Every item but 'upgrade' carries `raw`, the exact bytes it covers, and `offset`, the absolute offset of its
 * first byte in the direction's stream; `rest` plays that part for 'upgrade'. The raw bytes of the items in
 * order (with `rest`) are the stream byte for byte, up to an error, whose raw ends at the offending byte.
 * `fields` spans are relative to `raw`. `exchange` is the 1-based index of the message on the connection
 * (interim 1xx responses share the exchange of the final response).
 */
import type { FieldSpan, H1BodyData, H1ChunkData, H1ErrorData, H1HeadData, H1MessageEndData } from '../../../../shared/events';

/**
 * A message head: start line, field lines and the empty line. Fields: 'start-line', 'method', 'target',
 * 'version', 'status', 'reason' (when sent), and per field line 'headers.N', 'headers.N.name', 'headers.N.value'
 * (N from 0, as in `data.headers`). Line spans do not include the CRLF.
 */
export interface Http1HeadItem {
  readonly type: 'head';
  readonly data: H1HeadData;
  readonly raw: Uint8Array;
  readonly fields: readonly FieldSpan[];
  readonly offset: number;
  readonly exchange: number;
}

/**
 * A chunk of a chunked body: size line, CRLF, data, CRLF. Fields: 'size-line', 'size', 'extensions' (when
 * any), 'data'. A chunk of more than 64 KiB ({@link CHUNK_PIECE_BYTES}) comes out in pieces of 64 KiB of data
 * (cut at fixed data offsets, whatever the reads): the first piece holds the size line, the last the closing
 * CRLF, and `data.piece` / `data.pieces` number them; `payload` is the data of this item only.
 */
export interface Http1ChunkItem {
  readonly type: 'chunk';
  readonly data: H1ChunkData;
  readonly raw: Uint8Array;
  readonly fields: readonly FieldSpan[];
  /** The chunk data carried by this item. */
  readonly payload: Uint8Array;
  readonly offset: number;
  readonly exchange: number;
}

/** Bytes of a Content-Length or read-until-close body, as they arrived (one item per push that carried some). */
export interface Http1BodyItem {
  readonly type: 'body';
  readonly data: H1BodyData;
  readonly raw: Uint8Array;
  readonly offset: number;
  readonly exchange: number;
}

/**
 * The end of a message. For a chunked body, raw = last-chunk line, trailer section and final CRLF, with fields
 * 'last-chunk', 'trailers.N', 'trailers.N.name', 'trailers.N.value'; for other framings raw is empty.
 */
export interface Http1EndItem {
  readonly type: 'end';
  readonly data: H1MessageEndData;
  readonly raw: Uint8Array;
  readonly fields: readonly FieldSpan[];
  readonly offset: number;
  readonly exchange: number;
}

/**
 * The stream stopped being HTTP/1.1 (101 Switching Protocols, a 2xx answer to CONNECT, or an accepted upgrade
 * request): `rest` holds the bytes after the last HTTP/1.1 message. Bytes pushed after that come back the same
 * way, one 'upgrade' item per push, so nothing is lost.
 */
export interface Http1UpgradeItem {
  readonly type: 'upgrade';
  readonly rest: Uint8Array;
  readonly offset: number;
}

/**
 * Malformed input; the parser is dead afterwards. `raw` runs from the first byte of the item being read to the
 * offending byte included (or to the end of the stream when it ended mid-message); `offset` is where raw
 * starts, `data.offset` is the offending byte's absolute offset.
 */
export interface Http1ErrorItem {
  readonly type: 'error';
  readonly data: H1ErrorData;
  readonly raw: Uint8Array;
  readonly offset: number;
  readonly exchange: number;
}

/** Any item of the HTTP/1.1 parser. */
export type Http1Item = Http1HeadItem | Http1ChunkItem | Http1BodyItem | Http1EndItem | Http1UpgradeItem | Http1ErrorItem;

/** The items that become trace events (all but 'upgrade', which the caller acts on). */
export type Http1EventItem = Exclude<Http1Item, Http1UpgradeItem>;

/** Chunks with more data than this are reported in pieces of this much data. */
export const CHUNK_PIECE_BYTES = 65536;
