/** MAX_PUSH_ID frames (RFC 9114 §7.2.7), type 0x0d, client to server on the control stream: one varint, a push id. */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { MaxPushIdFrame } from './types';

/** Decodes a MAX_PUSH_ID payload. */
export function decodeMaxPushIdPayload(c: PayloadCursor): MaxPushIdFrame {
  const pushId = c.varint('push_id');
  c.finish();
  return { type: 'MAX_PUSH_ID', pushId };
}

/** Writes a MAX_PUSH_ID payload. */
export function encodeMaxPushIdPayload(w: Writer, f: MaxPushIdFrame): void {
  w.varint(f.pushId);
}
