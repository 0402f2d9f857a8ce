/**
 * HTTP/3 core events (`http3:*`, `qpack:*` trace items) as session events; see trace-events.ts.
 */
import type { Vantage } from '../../../shared/events';
import type { H3AppEvent, H3CoreEvent } from '../protocols/http3';
import type { EventSink } from './event-sink';
import { emitTraces } from './trace-events';

/** Emits every trace item of `events` as a session event of `conn` seen from `vantage`; returns the application events. */
export function emitH3Traces(sink: EventSink, conn: number, vantage: Vantage, events: readonly H3CoreEvent[]): H3AppEvent[] {
  return emitTraces(sink, conn, vantage, events) as H3AppEvent[];
}
