/**
 * Data of the HTTP/1.1 events (`h1:*`, RFC 9112).
 */
import type { HeaderField } from '../events';

/** Data of `h1:head`: a request line or status line and the header fields (RFC 9112 §3, §4, §5). */
export interface H1HeadData {
  readonly kind: 'request' | 'response';
  readonly method?: string;
  readonly target?: string;
  readonly status?: number;
  readonly reason?: string;
  readonly version: string;
  readonly headers: readonly HeaderField[];
  /** How the body is framed (RFC 9112 §6.3). */
  readonly framing: 'content-length' | 'chunked' | 'until-close' | 'none';
  readonly contentLength?: number;
}

/** Data of `h1:chunk`: one chunk of a chunked body (RFC 9112 §7.1), its size line and data. */
export interface H1ChunkData {
  readonly size: number;
  /** The size line as sent, without CRLF, e.g. "1a;name=value". */
  readonly sizeLine: string;
  readonly extensions: readonly HeaderField[];
  /** 1-based index of the chunk in its message. */
  readonly index: number;
  /** Set when a chunk of more than 64 KiB is reported in pieces: 1-based number of this piece, of `pieces`. */
  readonly piece?: number;
  readonly pieces?: number;
}

/** Data of `h1:body`: a piece of a Content-Length or read-until-close body, as it arrived. */
export interface H1BodyData {
  readonly length: number;
  /** Body bytes of this message so far, including this piece. */
  readonly offset: number;
}

/** Data of `h1:message_end`: the end of a message; for chunked bodies the last-chunk and trailer section. */
export interface H1MessageEndData {
  readonly kind: 'request' | 'response';
  readonly bodyBytes: number;
  readonly trailers: readonly HeaderField[];
  readonly chunks: number;
}

/** Data of `h1:error`: bytes that could not be parsed as HTTP/1.1. */
export interface H1ErrorData {
  readonly reason: string;
  /** Offset of the offending byte within the connection's byte stream in that direction. */
  readonly offset: number;
  /** What the parser was reading: 'head', 'chunk-size', 'chunk-data', 'trailers', 'body'. */
  readonly at: string;
  /** What the server answered, when the error was on the server's side: 400, 431, or 'close'. */
  readonly outcome?: string;
}
