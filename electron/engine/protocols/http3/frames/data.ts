/** DATA frames (RFC 9114 §7.2.1), type 0x00: the payload is content, any length including zero. */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { DataFrame } from './types';

/** Decodes a DATA payload. */
export function decodeDataPayload(c: PayloadCursor): DataFrame {
  return { type: 'DATA', data: c.rest('data', true).slice() };
}

/** Writes a DATA payload. */
export function encodeDataPayload(w: Writer, f: DataFrame): void {
  w.bytes(f.data);
}
