/** HEADERS frames (RFC 9114 §7.2.2), type 0x01: the payload is one QPACK-encoded field section (RFC 9204 §4.5). */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { HeadersFrame } from './types';

/** Decodes a HEADERS payload; the field section is decoded later, by QPACK. */
export function decodeHeadersPayload(c: PayloadCursor): HeadersFrame {
  return { type: 'HEADERS', fieldSection: c.rest('field_section', true).slice() };
}

/** Writes a HEADERS payload. */
export function encodeHeadersPayload(w: Writer, f: HeadersFrame): void {
  w.bytes(f.fieldSection);
}
