/**
 * Turns what an HTTP/3 core reports (drainEvents: trace items `http3:*`, `qpack:*`) into session events: adds
 * time, connection and vantage, and base64 of the bytes (a frame, a stream type, a QPACK instruction). Application
 * events (requests, responses, data, resets, ...) are returned to the caller, in order. The HTTP/2 twin is
 * h2-trace-events.ts; the QUIC one quic-trace-events.ts.
 */
import { toBase64 } from '../../../shared/bytes';
import type { PendingEvent, Vantage } from '../../../shared/events';
import type { H3AppEvent, H3CoreEvent } from '../protocols/http3';
import type { EventSink } from './event-sink';

/** Emits every trace item of `events` as a session event of `conn` seen from `vantage`; returns the application events. */
export function emitH3Traces(sink: EventSink, conn: number, vantage: Vantage, events: readonly H3CoreEvent[]): H3AppEvent[] {
  const app: H3AppEvent[] = [];
  for (const e of events) {
    if (e.kind !== 'trace') {
      app.push(e);
      continue;
    }
    const event = {
      name: e.name,
      time: sink.now(),
      conn,
      vantage,
      data: e.data,
      ...(e.stream !== undefined ? { stream: e.stream } : {}),
      ...(e.dir ? { dir: e.dir } : {}),
      ...(e.raw ? { raw: toBase64(e.raw) } : {}),
      ...(e.fields ? { fields: e.fields } : {}),
    } as PendingEvent;
    sink.emit(event);
  }
  return app;
}
