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

/**
 * The wire form of an event: the same object when it has no bytes or spans, else a copy without them. The copy
 * is built field by field, always with the same shape (an object rest spread, or deleting absent fields, is
 * several times slower).
 */
export function toWireEvent(event: SessionEvent): WireEvent {
  if (event.raw === undefined && event.fields === undefined) return event as WireEvent;
  const wire: { -readonly [K in keyof WireEvent]?: unknown } = {
    seq: event.seq,
    time: event.time,
    conn: event.conn,
    vantage: event.vantage,
    name: event.name,
    stream: event.stream,
    dir: event.dir,
    data: event.data,
    rawLength: event.raw === undefined ? undefined : base64ByteLength(event.raw),
  };
  // absent fields stay as undefined: JSON (both hosts send JSON text) leaves them out, and one shape stays fast
  return wire as WireEvent;
}
