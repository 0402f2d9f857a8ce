/**
 * PRIORITY_UPDATE frames (RFC 9218 §7.2), types 0xf0700 (request stream) and 0xf0701 (push), client to server on
 * the control stream: the prioritized element id varint, then a Priority Field Value (ASCII, e.g. "u=1, i").
 */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import type { PriorityUpdateFrame } from './types';

/** Decodes a PRIORITY_UPDATE payload of either type. */
export function decodePriorityUpdatePayload(c: PayloadCursor, element: 'request' | 'push'): PriorityUpdateFrame {
  const elementId = c.varint('prioritized_element_id');
  const value = c.rest('priority_field_value', true);
  let priorityFieldValue = '';
  for (let i = 0; i < value.length; i++) priorityFieldValue += String.fromCharCode(value[i]!);
  return { type: 'PRIORITY_UPDATE', element, elementId, priorityFieldValue };
}

/** Writes a PRIORITY_UPDATE payload (the value as Latin-1 octets). */
export function encodePriorityUpdatePayload(w: Writer, f: PriorityUpdateFrame): void {
  w.varint(f.elementId);
  for (let i = 0; i < f.priorityFieldValue.length; i++) w.u8(f.priorityFieldValue.charCodeAt(i) & 0xff);
}
