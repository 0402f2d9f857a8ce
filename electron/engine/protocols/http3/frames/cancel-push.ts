/** CANCEL_PUSH frames (RFC 9114 §7.2.3), type 0x03, control stream only: one varint, the push id. */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { CancelPushFrame } from './types';

/** Decodes a CANCEL_PUSH payload. */
export function decodeCancelPushPayload(c: PayloadCursor): CancelPushFrame {
  const pushId = c.varint('push_id');
  c.finish();
  return { type: 'CANCEL_PUSH', pushId };
}

/** Writes a CANCEL_PUSH payload. */
export function encodeCancelPushPayload(w: Writer, f: CancelPushFrame): void {
  w.varint(f.pushId);
}
