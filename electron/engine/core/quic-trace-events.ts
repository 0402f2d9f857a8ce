/**
 * Turns what a QUIC connection core reports (drainEvents: qlog-style trace items `quic:*`, `tls:handshake_message`,
 * `tls:handshake_done`) into session events: adds time, connection and vantage, and base64 of the bytes (the
 * decrypted payload of a packet, the bytes of a TLS handshake message). Application events (stream data, resets,
 * handshake completion, close) are returned to the caller, in order. The HTTP/2 twin is h2-trace-events.ts.
 */
import { toBase64 } from '../../../shared/bytes';
import type { PendingEvent, Vantage } from '../../../shared/events';
import type { QuicAppEvent, QuicCoreEvent } from '../protocols/quic/connection/events';
import type { EventSink } from './event-sink';

/** Emits every trace item of `events` as a session event of `conn` seen from `vantage`; returns the application events. */
export function emitQuicTraces(sink: EventSink, conn: number, vantage: Vantage, events: readonly QuicCoreEvent[]): QuicAppEvent[] {
  const app: QuicAppEvent[] = [];
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
    } as PendingEvent;
    sink.emit(event);
  }
  return app;
}
