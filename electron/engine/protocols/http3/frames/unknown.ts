/**
 * Frames of reserved (grease, 0x1f*N+0x21, RFC 9114 §7.2.8), HTTP/2-only (0x02, 0x06, 0x08, 0x09) and unknown
 * types: the payload is kept as bytes so it can be shown. Unknown and reserved frames are ignored (§9); the
 * HTTP/2-only ones are H3_FRAME_UNEXPECTED, decided by the connection.
 */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import { HTTP2_RESERVED_FRAME_TYPES, isReservedCode, type UnknownFrame, type UnknownFrameKind } from './types';

/** What kind of unknown type a code is. */
export function unknownFrameKind(typeCode: number | bigint): UnknownFrameKind {
  const n = typeof typeCode === 'bigint' ? (typeCode < 0x100n ? Number(typeCode) : -1) : typeCode;
  if (HTTP2_RESERVED_FRAME_TYPES.has(n)) return 'http2';
  return isReservedCode(typeCode) ? 'reserved' : 'unknown';
}

/** Decodes the payload of a frame whose type is not otherwise known. */
export function decodeUnknownPayload(c: PayloadCursor, typeCode: bigint): UnknownFrame {
  return { type: 'UNKNOWN', typeCode: Number(typeCode), kind: unknownFrameKind(typeCode), payload: c.rest('payload', true).slice() };
}

/** Writes an unknown frame's payload. */
export function encodeUnknownPayload(w: Writer, f: UnknownFrame): void {
  w.bytes(f.payload);
}
