/**
 * The event model: one schema for the live view, replay, session files and exports.
 *
 * Names follow qlog's style (`category:event`). Every event carries the session clock (`time`, ms since the
 * session started, fractional, from one monotonic clock shared by client and server), the connection it belongs
 * to, the vantage point that saw it (`client` or `server`), and, where bytes crossed the wire, those bytes in
 * `raw` (base64; decrypted where the wire was encrypted). `fields` maps decoded fields to byte ranges of `raw`
 * so an inspector can highlight the bytes of a field.
 *
 * Pure TypeScript: no node:*, no DOM.
 */
import type { H1HeadData, H1ChunkData, H1BodyData, H1MessageEndData, H1ErrorData } from './event-data/http1';
import type { H2PrefaceData, H2FrameData, HpackTableUpdatedData, H2StreamStateData, H2FlowWindowData, H2SettingsAppliedData, H2ErrorData } from './event-data/http2';
import type { QuicPacketData, QuicPacketDroppedData, QuicPacketLostData, QuicPacketsAckedData, QuicRecoveryMetricsData, QuicStreamStateData, QuicKeyData, QuicParametersSetData, QuicConnectionClosedData, TlsHandshakeMessageData } from './event-data/quic';
import type { H3FrameData, H3StreamTypeSetData, QpackInstructionData, QpackTableUpdatedData, QpackSectionUnblockedData, H3ErrorData } from './event-data/http3';

export type * from './event-data/http1';
export type * from './event-data/http2';
export type * from './event-data/quic';
export type * from './event-data/http3';


/** Which end of a connection saw an event. */
export type Vantage = 'client' | 'server';

/** Whether the vantage point sent or received the bytes of an event. Absent for events that are not on the wire. */
export type Direction = 'sent' | 'received';

/** The application protocol a connection carries. `raw` is bytes typed by a person, `unknown` before ALPN. */
export type ConnectionProtocol = 'h1' | 'h2' | 'h2c' | 'h3' | 'raw' | 'unknown';

/** An address and port pair. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * A connection of the session. Client and server records of the same TCP connection share one `id` when both
 * ends are ours (the engine matches them by address and port), so the two timelines line up.
 */
export interface ConnectionInfo {
  /** Connection id, unique in the session; events refer to it by `conn`. */
  readonly id: number;
  /** Which ends we see: 'client', 'server' or both. */
  readonly vantages: readonly Vantage[];
  readonly protocol: ConnectionProtocol;
  readonly transport: 'tcp' | 'udp';
  /** Client side of the connection. */
  readonly client: Endpoint;
  /** Server side of the connection. */
  readonly server: Endpoint;
  /** True when the connection runs over TLS (or QUIC's TLS). */
  readonly tls: boolean;
  /** The ALPN outcome: a protocol id, or null when TLS ran without ALPN agreement. */
  readonly alpn?: string | null;
  readonly tlsVersion?: string;
  readonly cipher?: string;
  readonly serverName?: string;
  /** Session time at which the connection opened. */
  readonly openedAt: number;
  /** Session time at which it closed, when it has. */
  readonly closedAt?: number;
  /** A short human label, e.g. "h1 #1 127.0.0.1:51234 → :8443". */
  readonly label: string;
}

/** A decoded field's byte range in an event's `raw` bytes: [start, end). `path` names the field, e.g. "headers.2". */
export interface FieldSpan {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** A header field as it appeared on the wire, name and value as sent (no case folding). */
export type HeaderField = readonly [name: string, value: string];

/** Data of `tcp:connected`. */
export interface TcpConnectedData {
  readonly local: Endpoint;
  readonly remote: Endpoint;
}

/** Data of `tcp:closed`. */
export interface TcpClosedData {
  /** Who closed: 'local', 'remote', or 'error'. */
  readonly by: 'local' | 'remote' | 'error';
  readonly error?: string;
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

/** Data of `tcp:bytes`: bytes not (yet) parsed by a protocol, e.g. typed in raw mode. */
export interface TcpBytesData {
  readonly length: number;
  /** The bytes as text, with control characters escaped, for list summaries. */
  readonly preview: string;
}

/** Data of `tls:handshake_done`. */
export interface TlsHandshakeData {
  readonly version: string;
  readonly cipher: string;
  readonly alpn: string | null;
  /** What the client offered in ALPN, when known. */
  readonly alpnOffered?: readonly string[];
  readonly serverName?: string;
  /** Whether the peer certificate was verified, and against what (a server: the client's certificate, mTLS). */
  readonly verification?: string;
  /** The subject of the peer's certificate, when shown (a server: the client certificate it got, mTLS). */
  readonly peerCertificate?: string;
}

/** Data of `app:scenario_started`. */
export interface ScenarioStartedData {
  readonly scenario: string;
  readonly target: string;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

/** Data of `app:scenario_finished`. */
export interface ScenarioFinishedData {
  readonly scenario: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly durationMs: number;
}

/** Data of `app:note`: narration of a scenario step, shown in the list ("chunk 2 leaves now"). */
export interface NoteData {
  readonly text: string;
}

/** Data of `app:error`: something went wrong outside a protocol parser. */
export interface AppErrorData {
  readonly message: string;
}

/** Every known event name and the shape of its data. Later protocols add their names here. */
export interface EventDataMap {
  'tcp:connected': TcpConnectedData;
  'tcp:closed': TcpClosedData;
  'tcp:bytes': TcpBytesData;
  'tls:handshake_done': TlsHandshakeData;
  'h1:head': H1HeadData;
  'h1:chunk': H1ChunkData;
  'h1:body': H1BodyData;
  'h1:message_end': H1MessageEndData;
  'h1:error': H1ErrorData;
  'h2:preface': H2PrefaceData;
  'h2:frame': H2FrameData;
  'h2:stream_state': H2StreamStateData;
  'h2:flow_window': H2FlowWindowData;
  'h2:settings_applied': H2SettingsAppliedData;
  'h2:error': H2ErrorData;
  'hpack:table_updated': HpackTableUpdatedData;
  'quic:packet_sent': QuicPacketData;
  'quic:packet_received': QuicPacketData;
  'quic:packet_dropped': QuicPacketDroppedData;
  'quic:packet_lost': QuicPacketLostData;
  'quic:packets_acked': QuicPacketsAckedData;
  'quic:recovery_metrics_updated': QuicRecoveryMetricsData;
  'quic:stream_state_updated': QuicStreamStateData;
  'quic:key_updated': QuicKeyData;
  'quic:key_discarded': QuicKeyData;
  'quic:parameters_set': QuicParametersSetData;
  'quic:connection_closed': QuicConnectionClosedData;
  'tls:handshake_message': TlsHandshakeMessageData;
  'http3:frame_created': H3FrameData;
  'http3:frame_parsed': H3FrameData;
  'http3:stream_type_set': H3StreamTypeSetData;
  'http3:error': H3ErrorData;
  'qpack:instruction': QpackInstructionData;
  'qpack:table_updated': QpackTableUpdatedData;
  'qpack:section_unblocked': QpackSectionUnblockedData;
  'app:scenario_started': ScenarioStartedData;
  'app:scenario_finished': ScenarioFinishedData;
  'app:note': NoteData;
  'app:error': AppErrorData;
}

/** A known event name. */
export type EventName = keyof EventDataMap;

/** The fields every event has, whatever its name. */
export interface EventCommon {
  /** Order in the session, from 0, without gaps. */
  readonly seq: number;
  /** Milliseconds since the session started, fractional, from the session's monotonic clock. */
  readonly time: number;
  /** Connection id (see ConnectionInfo), or 0 for session-level events. */
  readonly conn: number;
  readonly vantage: Vantage;
  /** Stream id for multiplexed protocols; for HTTP/1.1, the 1-based index of the exchange on the connection. */
  readonly stream?: number;
  readonly dir?: Direction;
  /** The bytes of this frame, chunk or packet as they crossed the wire, base64. */
  readonly raw?: string;
  readonly fields?: readonly FieldSpan[];
}

/** One event of a known name, with data typed by that name. */
export type TraceEvent = {
  [N in EventName]: EventCommon & { readonly name: N; readonly data: EventDataMap[N] };
}[EventName];

/** An event whose name this version does not know (e.g. from a newer version's file): drawn generically. */
export interface GenericEvent extends EventCommon {
  readonly name: string;
  readonly data: object;
}

/** Any event that may appear in a session: known or generic. */
export type SessionEvent = TraceEvent | GenericEvent;

/** An event before the session assigns it a sequence number. */
export type PendingEvent = {
  [N in EventName]: Omit<EventCommon, 'seq'> & { readonly name: N; readonly data: EventDataMap[N] };
}[EventName];

const KNOWN_NAMES: ReadonlySet<string> = new Set<EventName>([
  'tcp:connected',
  'tcp:closed',
  'tcp:bytes',
  'tls:handshake_done',
  'h1:head',
  'h1:chunk',
  'h1:body',
  'h1:message_end',
  'h1:error',
  'h2:preface',
  'h2:frame',
  'h2:stream_state',
  'h2:flow_window',
  'h2:settings_applied',
  'h2:error',
  'hpack:table_updated',
  'quic:packet_sent',
  'quic:packet_received',
  'quic:packet_dropped',
  'quic:packet_lost',
  'quic:packets_acked',
  'quic:recovery_metrics_updated',
  'quic:stream_state_updated',
  'quic:key_updated',
  'quic:key_discarded',
  'quic:parameters_set',
  'quic:connection_closed',
  'tls:handshake_message',
  'http3:frame_created',
  'http3:frame_parsed',
  'http3:stream_type_set',
  'http3:error',
  'qpack:instruction',
  'qpack:table_updated',
  'qpack:section_unblocked',
  'app:scenario_started',
  'app:scenario_finished',
  'app:note',
  'app:error',
]);

/** True when this version knows the event's name (and so the shape of its data). */
export function isKnownEvent(event: SessionEvent): event is TraceEvent {
  return KNOWN_NAMES.has(event.name);
}

/** Narrows an event to one known name. */
export function isEvent<N extends EventName>(
  event: SessionEvent,
  name: N,
): event is Extract<TraceEvent, { readonly name: N }> {
  return event.name === name;
}

/** The protocol family of an event name: the part before the colon ("h1", "tcp", "app", ...). */
export function eventCategory(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}
