/**
 * GOAWAY frames (RFC 9114 §7.2.6), type 0x07, control stream only: one varint, a client-initiated bidirectional
 * stream id (sent by a server) or a push id (sent by a client). §5.2 gives its meaning.
 */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { GoawayFrame } from './types';

/** Decodes a GOAWAY payload. */
export function decodeGoawayPayload(c: PayloadCursor): GoawayFrame {
  const id = c.varint('id');
  c.finish();
  return { type: 'GOAWAY', id };
}

/** Writes a GOAWAY payload. */
export function encodeGoawayPayload(w: Writer, f: GoawayFrame): void {
  w.varint(f.id);
}
