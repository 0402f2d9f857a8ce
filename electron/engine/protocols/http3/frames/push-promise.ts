/**
 * PUSH_PROMISE frames (RFC 9114 §7.2.5), type 0x05, server to client on a request stream: a push id varint, then
 * the promised request's QPACK-encoded field section.
 */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { PushPromiseFrame } from './types';

/** Decodes a PUSH_PROMISE payload. */
export function decodePushPromisePayload(c: PayloadCursor): PushPromiseFrame {
  const pushId = c.varint('push_id');
  return { type: 'PUSH_PROMISE', pushId, fieldSection: c.rest('field_section', true).slice() };
}

/** Writes a PUSH_PROMISE payload. */
export function encodePushPromisePayload(w: Writer, f: PushPromiseFrame): void {
  w.varint(f.pushId).bytes(f.fieldSection);
}
