/**
 * What a QUIC connection core reports (drainEvents): trace items in qlog's vocabulary, ready to become
 * session events (the caller adds time, connection and vantage, and base64 of `raw`), and application
 * events that the HTTP/3 layer acts on (stream data, resets, handshake completion, close).
 */
import type { EventDataMap, JsonValue, QuicFrameData, QuicPacketHeaderData } from '../../../../../shared/events';
import { toHex } from '../../../../../shared/bytes';
import type { Frame } from '../frames/types';
import type { QuicError } from '../wire/errors';

/** The event names a QUIC core emits. */
export type QuicTraceName =
  | 'quic:packet_sent'
  | 'quic:packet_received'
  | 'quic:packet_dropped'
  | 'quic:packet_lost'
  | 'quic:packets_acked'
  | 'quic:recovery_metrics_updated'
  | 'quic:stream_state_updated'
  | 'quic:key_updated'
  | 'quic:key_discarded'
  | 'quic:parameters_set'
  | 'quic:connection_closed'
  | 'tls:handshake_message'
  | 'tls:handshake_done';

/** A trace item of one name: the data of that session event, the stream and direction, and the raw bytes. */
export type QuicTrace = {
  [N in QuicTraceName]: {
    readonly kind: 'trace';
    readonly name: N;
    readonly data: EventDataMap[N];
    /** The stream, for stream events. */
    readonly stream?: number;
    readonly dir?: 'sent' | 'received';
    /** Packets: the decrypted payload; TLS messages: the message bytes. */
    readonly raw?: Uint8Array;
  };
}[QuicTraceName];

/** Application events: what a user of the core acts on. */
export type QuicAppEvent =
  /** The handshake completed (client: Finished sent; server: client Finished received). */
  | { readonly kind: 'handshake_complete'; readonly alpn: string }
  /** The peer opened a stream (the first frame for it arrived). */
  | { readonly kind: 'stream_opened'; readonly streamId: number }
  /** In-order stream data; `fin` on the last piece (possibly empty). */
  | { readonly kind: 'stream_data'; readonly streamId: number; readonly data: Uint8Array; readonly fin: boolean }
  /** The peer reset its sending side (RESET_STREAM, RFC 9000 §19.4). */
  | { readonly kind: 'stream_reset'; readonly streamId: number; readonly errorCode: bigint; readonly finalSize: number }
  /** The peer asked us to stop sending (STOP_SENDING, §19.5); we answered with RESET_STREAM. */
  | { readonly kind: 'stop_sending'; readonly streamId: number; readonly errorCode: bigint }
  /** Flow control credit or stream limits opened: writes that were held back may proceed. */
  | { readonly kind: 'writable' }
  /** The connection is closing or draining (nothing more is sent but CONNECTION_CLOSE); `error` when not clean. */
  | { readonly kind: 'closed'; readonly error: QuicError | null; readonly applicationCode?: bigint; readonly reason: string; readonly initiator: 'local' | 'remote' | 'idle' };

/** Everything drainEvents returns, in order. */
export type QuicCoreEvent = QuicTrace | QuicAppEvent;

/** An append-only list of core events, drained by the caller. */
export class QuicEventQueue {
  private events: QuicCoreEvent[] = [];

  /** Set false to skip building trace items (e.g. a benchmark without capture). */
  tracing = true;

  /** Appends an application event. */
  push(e: QuicAppEvent): void {
    this.events.push(e);
  }

  /** Appends a trace item (skipped when tracing is off). */
  trace<N extends QuicTraceName>(name: N, data: EventDataMap[N], extra: { stream?: number; dir?: 'sent' | 'received'; raw?: Uint8Array } = {}): void {
    if (this.tracing) this.events.push({ kind: 'trace', name, data, ...extra } as QuicTrace);
  }

  /** Everything since the last drain, oldest first. */
  drain(): QuicCoreEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}

/** A value made JSON-friendly: bytes as hex, bigints as numbers when safe (else decimal strings). */
export function jsonFriendly(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return toHex(v);
  if (Array.isArray(v)) return v.map(jsonFriendly);
  if (typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = jsonFriendly(x);
    return out;
  }
  return String(v);
}

/** A frame in qlog's QuicFrame shape (draft-ietf-quic-qlog-quic-events): stream data as offset/length, not bytes. */
export function frameToJson(f: Frame, ackDelayExponent = 3): QuicFrameData {
  switch (f.type) {
    case 'padding':
      return { frame_type: 'padding', length: f.length };
    case 'ack':
      return {
        frame_type: 'ack',
        ack_delay: (f.ackDelay * 2 ** ackDelayExponent) / 1000,
        acked_ranges: f.ranges.map((r) => [r.smallest, r.largest]),
        ...(f.ecn ? { ect0: f.ecn.ect0, ect1: f.ecn.ect1, ce: f.ecn.ce } : {}),
      };
    case 'stream':
      return { frame_type: 'stream', stream_id: f.streamId, offset: f.offset, length: f.data.length, fin: f.fin };
    case 'crypto':
      return { frame_type: 'crypto', offset: f.offset, length: f.data.length };
    case 'connection_close':
      return { frame_type: 'connection_close', error_space: 'transport', error_code: jsonFriendly(f.errorCode), trigger_frame_type: jsonFriendly(f.frameType), reason: f.reason };
    case 'application_close':
      return { frame_type: 'connection_close', error_space: 'application', error_code: jsonFriendly(f.errorCode), reason: f.reason };
    case 'new_connection_id':
      return { frame_type: 'new_connection_id', sequence_number: f.sequenceNumber, retire_prior_to: f.retirePriorTo, connection_id: toHex(f.connectionId), stateless_reset_token: toHex(f.statelessResetToken) };
    default: {
      const { type, ...rest } = f as Frame & Record<string, unknown>;
      const out: Record<string, JsonValue> = { frame_type: type };
      for (const [k, x] of Object.entries(rest)) out[k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = jsonFriendly(x);
      return out as QuicFrameData;
    }
  }
}

/** qlog's packet type name for a packet kind. */
export function qlogPacketType(kind: string): QuicPacketHeaderData['packet_type'] {
  switch (kind) {
    case 'initial':
    case 'handshake':
    case 'retry':
    case 'version_negotiation':
      return kind;
    case '0rtt':
      return '0RTT';
    case '1rtt':
      return '1RTT';
    default:
      return 'unknown';
  }
}
