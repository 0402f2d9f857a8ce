/**
 * Turns what an HTTP/2 core or observer reports (trace items) into session events: adds time, connection and
 * vantage, and base64 of the frame bytes. Application events (responses, pushes, ...) are the caller's.
 */
import { toBase64 } from '../../../shared/bytes';
import type { Vantage } from '../../../shared/events';
import type { H2CoreEvent } from '../protocols/http2';
import type { EventSink } from './event-sink';
import { emitTrace } from './trace-events';

/** Emits every trace item (and the preface) of `events` as a session event; returns the other application events, in order. */
export function emitH2Traces(sink: EventSink, conn: number, vantage: Vantage, events: readonly H2CoreEvent[]): Exclude<H2CoreEvent, { kind: 'trace' }>[] {
  const app: Exclude<H2CoreEvent, { kind: 'trace' }>[] = [];
  for (const e of events) {
    if (e.kind === 'preface') {
      // the preface always goes from client to server (RFC 9113 §3.4)
      sink.emit({ name: 'h2:preface', time: sink.now(), conn, vantage, dir: vantage === 'client' ? 'sent' : 'received', data: { length: e.raw.length }, raw: toBase64(e.raw) });
      continue;
    }
    if (e.kind === 'trace') emitTrace(sink, conn, vantage, e);
    else app.push(e);
  }
  return app;
}
