/**
 * Events as they travel to the renderer (shared/api.ts WireEvent): without their bytes and field spans, which
 * stay in the engine until the inspector asks for one event's (`eventDetail`).
 */
import type { WireEvent } from '../../../shared/api';
import type { SessionEvent } from '../../../shared/events';

/** Bytes of base64 text without decoding it (RFC 4648 §4: 3 bytes per 4 characters, less the padding). */
export function base64ByteLength(text: string): number {
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  return Math.floor((text.length * 3) / 4) - pad;
}

/** The wire form of an event: the same object when it has no bytes or spans, else a copy without them. */
export function toWireEvent(event: SessionEvent): WireEvent {
  if (event.raw === undefined && event.fields === undefined) return event as WireEvent;
  const { raw, fields: _fields, ...rest } = event;
  return (raw === undefined ? rest : { ...rest, rawLength: base64ByteLength(raw) }) as WireEvent;
}
