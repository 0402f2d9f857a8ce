/**
 * Unidirectional stream types (RFC 9114 §6.2, RFC 9204 §4.2): the varint that opens every unidirectional stream.
 * Reserved types 0x1f*N+0x21 (§6.2.3) and unknown types are ignored; names follow qlog's `stream_type`.
 */
import { isReservedCode } from './frames';

/** Unidirectional stream type codes. */
export const H3StreamType = {
  /** §6.2.1: one per endpoint; carries SETTINGS first, then control frames. */
  CONTROL: 0x00,
  /** §6.2.2: server to client, a push id then a response. */
  PUSH: 0x01,
  /** RFC 9204 §4.2: encoder instructions, at most one per endpoint. */
  QPACK_ENCODER: 0x02,
  /** RFC 9204 §4.2: decoder instructions, at most one per endpoint. */
  QPACK_DECODER: 0x03,
} as const;

/** What a stream is, by qlog's names; bidirectional streams are 'request'. */
export type H3StreamKind = 'control' | 'push' | 'qpack_encode' | 'qpack_decode' | 'request' | 'reserved' | 'unknown';

/** The kind of a unidirectional stream from its type code. */
export function uniStreamKind(code: bigint): H3StreamKind {
  switch (code) {
    case 0n:
      return 'control';
    case 1n:
      return 'push';
    case 2n:
      return 'qpack_encode';
    case 3n:
      return 'qpack_decode';
    default:
      return isReservedCode(code) ? 'reserved' : 'unknown';
  }
}

/** Whether losing this stream ends the connection (§6.2.1, RFC 9204 §4.2: H3_CLOSED_CRITICAL_STREAM). */
export function isCritical(kind: H3StreamKind): boolean {
  return kind === 'control' || kind === 'qpack_encode' || kind === 'qpack_decode';
}

/** Stream id helpers (RFC 9000 §2.1): the two low bits say who opened it and whether it is bidirectional. */
export const StreamIds = {
  /** Whether the client opened the stream. */
  clientInitiated: (id: number): boolean => id % 2 === 0,
  /** Whether the stream is bidirectional. */
  bidirectional: (id: number): boolean => Math.floor(id / 2) % 2 === 0,
  /** The n-th stream (from 0) of a kind. */
  nth: (n: number, client: boolean, bidi: boolean): number => 4 * n + (client ? 0 : 1) + (bidi ? 0 : 2),
} as const;
