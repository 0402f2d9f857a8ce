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
  /** Whether the peer certificate was verified, and against what. */
  readonly verification?: string;
}

/** Data of `h1:head`: a request line or status line and the header fields (RFC 9112 §3, §4, §5). */
export interface H1HeadData {
  readonly kind: 'request' | 'response';
  readonly method?: string;
  readonly target?: string;
  readonly status?: number;
  readonly reason?: string;
  readonly version: string;
  readonly headers: readonly HeaderField[];
  /** How the body is framed (RFC 9112 §6.3). */
  readonly framing: 'content-length' | 'chunked' | 'until-close' | 'none';
  readonly contentLength?: number;
}

/** Data of `h1:chunk`: one chunk of a chunked body (RFC 9112 §7.1), its size line and data. */
export interface H1ChunkData {
  readonly size: number;
  /** The size line as sent, without CRLF, e.g. "1a;name=value". */
  readonly sizeLine: string;
  readonly extensions: readonly HeaderField[];
  /** 1-based index of the chunk in its message. */
  readonly index: number;
  /** Set when a chunk of more than 64 KiB is reported in pieces: 1-based number of this piece, of `pieces`. */
  readonly piece?: number;
  readonly pieces?: number;
}

/** Data of `h1:body`: a piece of a Content-Length or read-until-close body, as it arrived. */
export interface H1BodyData {
  readonly length: number;
  /** Body bytes of this message so far, including this piece. */
  readonly offset: number;
}

/** Data of `h1:message_end`: the end of a message; for chunked bodies the last-chunk and trailer section. */
export interface H1MessageEndData {
  readonly kind: 'request' | 'response';
  readonly bodyBytes: number;
  readonly trailers: readonly HeaderField[];
  readonly chunks: number;
}

/** Data of `h1:error`: bytes that could not be parsed as HTTP/1.1. */
export interface H1ErrorData {
  readonly reason: string;
  /** Offset of the offending byte within the connection's byte stream in that direction. */
  readonly offset: number;
  /** What the parser was reading: 'head', 'chunk-size', 'chunk-data', 'trailers', 'body'. */
  readonly at: string;
  /** What the server answered, when the error was on the server's side: 400, 431, or 'close'. */
  readonly outcome?: string;
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
