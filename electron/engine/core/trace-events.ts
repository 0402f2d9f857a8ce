/**
 * Turns what a protocol core reports (drainEvents: trace items beside application events) into session events:
 * adds time, connection and vantage, and base64 of the bytes. One path for HTTP/2, QUIC and HTTP/3 cores, whose
 * trace items share this shape.
 */
import { toBase64 } from '../../../shared/bytes';
import type { Direction, FieldSpan, PendingEvent, Vantage } from '../../../shared/events';
import type { EventSink } from './event-sink';

/** A core's trace item: a session event's name and data, and the bytes it is about. */
export interface CoreTrace {
  readonly kind: 'trace';
  readonly name: string;
  readonly data: unknown;
  readonly stream?: number;
  readonly dir?: Direction;
  readonly raw?: Uint8Array;
  readonly fields?: readonly FieldSpan[];
}

/** Emits one trace item as a session event of `conn` seen from `vantage`. */
export function emitTrace(sink: EventSink, conn: number, vantage: Vantage, e: CoreTrace): void {
  sink.emit({
    name: e.name,
    time: sink.now(),
    conn,
    vantage,
    data: e.data,
    ...(e.stream !== undefined ? { stream: e.stream } : {}),
    ...(e.dir ? { dir: e.dir } : {}),
    ...(e.raw ? { raw: toBase64(e.raw) } : {}),
    ...(e.fields ? { fields: e.fields } : {}),
  } as PendingEvent);
}

/** Emits every trace item of `events`; returns the other (application) events, in order. */
export function emitTraces<E extends { readonly kind: string }>(sink: EventSink, conn: number, vantage: Vantage, events: readonly E[]): Exclude<E, { kind: 'trace' }>[] {
  const app: Exclude<E, { kind: 'trace' }>[] = [];
  for (const e of events) {
    if (e.kind === 'trace') emitTrace(sink, conn, vantage, e as unknown as CoreTrace);
    else app.push(e as Exclude<E, { kind: 'trace' }>);
  }
  return app;
}
