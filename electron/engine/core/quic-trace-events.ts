/**
 * Turns what a QUIC connection core reports (drainEvents: qlog-style trace items `quic:*`, `tls:handshake_message`,
 * `tls:handshake_done`) into session events: adds time, connection and vantage, and base64 of the bytes (the
 * decrypted payload of a packet, the bytes of a TLS handshake message). Application events (stream data, resets,
 * handshake completion, close) are returned to the caller, in order. The HTTP/2 twin is h2-trace-events.ts.
 */
import type { Vantage } from '../../../shared/events';
import type { QuicAppEvent, QuicCoreEvent } from '../protocols/quic/connection/events';
import type { EventSink } from './event-sink';
import { emitTraces } from './trace-events';

/** Emits every trace item of `events` as a session event of `conn` seen from `vantage`; returns the application events. */
export function emitQuicTraces(sink: EventSink, conn: number, vantage: Vantage, events: readonly QuicCoreEvent[]): QuicAppEvent[] {
  return emitTraces(sink, conn, vantage, events) as QuicAppEvent[];
}
