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

/** The HTTP/2 frame types by name (RFC 9113 §6, RFC 9218 §7.1); 'UNKNOWN' for extension types. */
export type H2FrameTypeName =
  | 'DATA'
  | 'HEADERS'
  | 'PRIORITY'
  | 'RST_STREAM'
  | 'SETTINGS'
  | 'PUSH_PROMISE'
  | 'PING'
  | 'GOAWAY'
  | 'WINDOW_UPDATE'
  | 'CONTINUATION'
  | 'PRIORITY_UPDATE'
  | 'UNKNOWN';

/** How one representation of an HPACK header block was encoded (RFC 7541 §6). */
export interface HpackFieldData {
  readonly representation: 'indexed' | 'literal-incremental' | 'literal-without-indexing' | 'literal-never-indexed' | 'size-update';
  /** The field (absent for size updates). */
  readonly name?: string;
  readonly value?: string;
  /** The table index: of the field for 'indexed', of the name for literals with an indexed name. */
  readonly index?: number;
  /** Which table `index` points into. */
  readonly table?: 'static' | 'dynamic';
  /** Whether a literal name / value was Huffman coded (absent where there is no literal). */
  readonly nameHuffman?: boolean;
  readonly valueHuffman?: boolean;
  /** The new maximum size, for a size update (RFC 7541 §6.3). */
  readonly maxSize?: number;
  /** Byte range [start, end) of the representation within the whole header block. */
  readonly start: number;
  readonly end: number;
}

/** One setting of a SETTINGS frame (RFC 9113 §6.5.1), e.g. { id: 4, name: 'INITIAL_WINDOW_SIZE', value: 65535 }. */
export interface H2SettingData {
  readonly id: number;
  readonly name: string;
  readonly value: number;
}

/** Data of `h2:preface`: the client connection preface, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" (RFC 9113 §3.4). */
export interface H2PrefaceData {
  readonly length: number;
}

/**
 * Data of `h2:frame`: one HTTP/2 frame sent or received (`dir`), decoded. Only the fields of its type are set.
 * For a header block (HEADERS / PUSH_PROMISE + CONTINUATION), `headers` and `hpack` are on the frame that ends it.
 */
export interface H2FrameData {
  readonly type: H2FrameTypeName;
  /** The type code on the wire (useful for UNKNOWN). */
  readonly frameType: number;
  /** Flag names set, e.g. ['END_STREAM', 'END_HEADERS']; undefined bits as '0x40'. */
  readonly flags: readonly string[];
  /** Payload length (RFC 9113 §4.1). */
  readonly length: number;
  readonly streamId: number;
  /** Pad Length, when the PADDED flag is set. */
  readonly padLength?: number;
  /** DATA: octets of data (without padding). */
  readonly dataLength?: number;
  /** HEADERS (PRIORITY flag) and PRIORITY: the deprecated stream dependency (RFC 9113 §5.3.2). */
  readonly priority?: { readonly exclusive: boolean; readonly dependency: number; readonly weight: number };
  /** SETTINGS. */
  readonly settings?: readonly H2SettingData[];
  /** RST_STREAM and GOAWAY: the error code, and its name (RFC 9113 §7). */
  readonly errorCode?: number;
  readonly errorName?: string;
  /** GOAWAY. */
  readonly lastStreamId?: number;
  /** GOAWAY debug data as text (Latin-1). */
  readonly debugData?: string;
  /** PING opaque data, hex. */
  readonly opaque?: string;
  /** WINDOW_UPDATE. */
  readonly increment?: number;
  /** PUSH_PROMISE. */
  readonly promisedStreamId?: number;
  /** PRIORITY_UPDATE (RFC 9218 §7.1). */
  readonly prioritizedStreamId?: number;
  readonly priorityFieldValue?: string;
  /** HEADERS / PUSH_PROMISE / CONTINUATION: octets of field block fragment in this frame. */
  readonly headerBlockLength?: number;
  /** The decoded header list, on the frame that completes the block. */
  readonly headers?: readonly HeaderField[];
  /** Each representation of the block, on the frame that completes it. */
  readonly hpack?: readonly HpackFieldData[];
  /** Why the frame could not be decoded, when it could not (the error follows as `h2:error`). */
  readonly malformed?: string;
}

/** An HPACK dynamic table entry as shown (RFC 7541 §2.3.2): its index at that moment, 62 the newest. */
export interface HpackEntryData {
  readonly index: number;
  readonly name: string;
  readonly value: string;
  readonly size: number;
}

/**
 * Data of `hpack:table_updated`: a dynamic table after a header block changed it. With `dir` 'sent' it is the
 * encoder's table (ours), with 'received' the decoder's (mirroring the peer's encoder).
 */
export interface HpackTableUpdatedData {
  readonly entries: readonly HpackEntryData[];
  /** Sum of entry sizes (RFC 7541 §4.1). */
  readonly size: number;
  readonly maxSize: number;
  readonly inserted: readonly { readonly name: string; readonly value: string; readonly size: number }[];
  readonly evicted: readonly { readonly name: string; readonly value: string; readonly size: number }[];
}

/** The stream states of RFC 9113 §5.1. */
export type H2StreamStateName = 'idle' | 'reserved_local' | 'reserved_remote' | 'open' | 'half_closed_local' | 'half_closed_remote' | 'closed';

/** Data of `h2:stream_state`: a stream moved along the RFC 9113 §5.1 diagram. */
export interface H2StreamStateData {
  readonly from: H2StreamStateName;
  readonly to: H2StreamStateName;
  /** What moved it, e.g. "sent HEADERS", "received END_STREAM", "received RST_STREAM". */
  readonly cause: string;
}

/** Data of `h2:flow_window`: a flow-control window after a change (RFC 9113 §5.2, §6.9). */
export interface H2FlowWindowData {
  readonly scope: 'connection' | 'stream';
  /** 'send': how much this end may send; 'receive': how much the peer may send to it. */
  readonly side: 'send' | 'receive';
  /** The window now (a send window may be negative, RFC 9113 §6.9.2). */
  readonly window: number;
  readonly delta: number;
  readonly cause: string;
}

/** Data of `h2:settings_applied`: settings that took effect, ours (when acknowledged) or the peer's (on receipt). */
export interface H2SettingsAppliedData {
  readonly side: 'local' | 'remote';
  readonly settings: readonly H2SettingData[];
}

/** Data of `h2:error`: an HTTP/2 error (RFC 9113 §5.4, §7) and who caused it. */
export interface H2ErrorData {
  /** The error code's name, e.g. 'PROTOCOL_ERROR'. */
  readonly code: string;
  readonly codeNumber: number;
  /** A connection error ends with GOAWAY, a stream error with RST_STREAM. */
  readonly scope: 'connection' | 'stream';
  readonly initiator: 'local' | 'remote';
  readonly reason: string;
  /** The frame type that caused it, when known. */
  readonly frameType?: string;
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

/** A JSON-friendly value (bytes as hex strings, 64-bit integers as numbers or decimal strings). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** QUIC packet types as qlog names them. */
export type QuicPacketTypeName = 'initial' | 'handshake' | '0RTT' | '1RTT' | 'retry' | 'version_negotiation' | 'unknown';

/** A QUIC packet header as qlog's PacketHeader (RFC 9000 §17); connection IDs in hex. */
export interface QuicPacketHeaderData {
  readonly packet_type: QuicPacketTypeName;
  readonly packet_number?: number;
  readonly dcid?: string;
  readonly scid?: string;
  /** Version in hex, long headers only. */
  readonly version?: string;
  readonly token_length?: number;
  /** 1-RTT: the key phase bit. */
  readonly key_phase?: number;
  /** The Length field of a long header (packet number + protected payload). */
  readonly length?: number;
}

/** One QUIC frame as qlog's QuicFrame: `frame_type` plus its fields (stream_id, offset, length, fin, acked_ranges, ...). */
export interface QuicFrameData {
  readonly frame_type: string;
  readonly [field: string]: JsonValue | undefined;
}

/** Data of `quic:packet_sent` and `quic:packet_received` (raw: the decrypted payload). */
export interface QuicPacketData {
  readonly header: QuicPacketHeaderData;
  readonly frames: readonly QuicFrameData[];
  /** Bytes of the protected packet on the wire. */
  readonly raw_length: number;
  /** Bytes of the decrypted payload (the frames). */
  readonly payload_length: number;
  /** Bytes of the UDP datagram that carried it (coalesced packets share one). */
  readonly datagram_length?: number;
  /** Why it was sent, when not ordinary: 'pto_probe', 'retransmit', 'closing'. */
  readonly trigger?: string;
}

/** Data of `quic:packet_dropped`: a packet discarded without a connection error (RFC 9000 §12.2, RFC 9001 §5.5). */
export interface QuicPacketDroppedData {
  readonly header?: QuicPacketHeaderData;
  readonly raw_length: number;
  /** qlog's trigger: 'header_parse_error', 'key_unavailable', 'decryption_failure', 'duplicate', 'unknown_connection_id', 'unsupported_version', 'general'. */
  readonly trigger: string;
  readonly details?: string;
}

/** Data of `quic:packet_lost` (RFC 9002 §6.1). */
export interface QuicPacketLostData {
  readonly header: QuicPacketHeaderData;
  readonly frames: readonly QuicFrameData[];
  /** 'reordering_threshold' (packet threshold) or 'time_threshold'. */
  readonly trigger: string;
}

/** Data of `quic:packets_acked`. */
export interface QuicPacketsAckedData {
  readonly packet_number_space: 'initial' | 'handshake' | 'application_data';
  readonly packet_numbers: readonly number[];
}

/** Data of `quic:recovery_metrics_updated` (RFC 9002 §5, §7); times in ms, sizes in bytes. */
export interface QuicRecoveryMetricsData {
  readonly min_rtt: number;
  readonly smoothed_rtt: number;
  readonly latest_rtt: number;
  readonly rtt_variance: number;
  readonly pto_count: number;
  readonly congestion_window: number;
  readonly bytes_in_flight: number;
  /** Infinity is reported as null (no threshold yet). */
  readonly ssthresh: number | null;
  /** 'slow_start', 'recovery' or 'congestion_avoidance'. */
  readonly congestion_state: string;
}

/** Data of `quic:stream_state_updated` (RFC 9000 §3). */
export interface QuicStreamStateData {
  readonly stream_id: number;
  readonly stream_type: 'bidirectional' | 'unidirectional';
  readonly stream_side: 'sending' | 'receiving';
  readonly old?: string;
  readonly new: string;
}

/** Data of `quic:key_updated` and `quic:key_discarded` (RFC 9001 §4.9, §5). */
export interface QuicKeyData {
  /** 'client_initial_secret', 'server_handshake_secret', 'client_1rtt_secret', ... */
  readonly key_type: string;
  /** 'tls' (from the handshake), 'initial' (from the client's DCID), 'handshake_done', 'handshake_packet', 'closing'. */
  readonly trigger: string;
  /** The cipher suite whose AEAD protects packets with this key. */
  readonly cipher?: string;
}

/** Data of `quic:parameters_set`: transport parameters (RFC 9000 §18.2) of one side. */
export interface QuicParametersSetData {
  readonly owner: 'local' | 'remote';
  readonly [parameter: string]: JsonValue | undefined;
}

/** Data of `quic:connection_closed` (RFC 9000 §10). */
export interface QuicConnectionClosedData {
  readonly owner: 'local' | 'remote';
  /** The transport error code (CONNECTION_CLOSE 0x1c). */
  readonly connection_code?: number;
  /** The application error code (CONNECTION_CLOSE 0x1d). */
  readonly application_code?: number;
  /** Name of the error, e.g. 'FLOW_CONTROL_ERROR' or 'CRYPTO_ERROR(0x128)'. */
  readonly error_name?: string;
  readonly reason: string;
  /** 'error', 'clean', 'application', 'idle_timeout'. */
  readonly trigger: string;
}

/** Data of `tls:handshake_message`: one TLS handshake message carried in CRYPTO frames (RFC 8446 §4, RFC 9001 §4). */
export interface TlsHandshakeMessageData {
  /** 'client_hello', 'server_hello', 'encrypted_extensions', 'certificate', 'certificate_verify', 'finished', ... */
  readonly type: string;
  /** 'initial', 'handshake' or '1rtt': the QUIC encryption level that carried it. */
  readonly level: string;
  readonly length: number;
  /** The decoded message (bytes in hex). */
  readonly message: JsonValue;
}

/** How one field line of a QPACK field section was represented (RFC 9204 §4.5.2-§4.5.6). */
export interface QpackFieldData {
  readonly representation:
    | 'indexed'
    | 'indexed-post-base'
    | 'literal-with-name-reference'
    | 'literal-with-post-base-name-reference'
    | 'literal-with-literal-name';
  readonly name: string;
  readonly value: string;
  /** The table of an index or name reference (post-base references are always dynamic). */
  readonly table?: 'static' | 'dynamic';
  /** The index as on the wire: static index, relative index (§3.2.5) or post-base index (§3.2.6). */
  readonly index?: number;
  /** The absolute index (§3.2.4) of the dynamic entry used, when one was. */
  readonly absoluteIndex?: number;
  /** The N bit of a literal (§4.5.4): never to be inserted by an intermediary. */
  readonly neverIndex?: boolean;
  readonly nameHuffman?: boolean;
  readonly valueHuffman?: boolean;
  /** Byte range [start, end) of the representation within the encoded field section. */
  readonly start: number;
  readonly end: number;
}

/** HTTP/3 frame types as qlog names them (RFC 9114 §7.2, RFC 9218 §7.2). */
export type H3FrameTypeName =
  | 'data'
  | 'headers'
  | 'cancel_push'
  | 'settings'
  | 'push_promise'
  | 'goaway'
  | 'max_push_id'
  | 'priority_update'
  | 'reserved'
  | 'unknown';

/** One setting of an HTTP/3 SETTINGS frame (RFC 9114 §7.2.4.1), e.g. { id: 1, name: 'QPACK_MAX_TABLE_CAPACITY', value: 4096 }. */
export interface H3SettingData {
  readonly id: number;
  readonly name: string;
  readonly value: number;
}

/**
 * Data of `http3:frame_created` and `http3:frame_parsed`: one HTTP/3 frame (RFC 9114 §7) written to or read from a
 * stream (`raw`: type, length and payload). Only the fields of its type are set.
 */
export interface H3FrameData {
  readonly frame_type: H3FrameTypeName;
  /** The type code on the wire (useful for reserved and unknown types). */
  readonly type_code: number;
  /** Payload length (§7.1). */
  readonly length: number;
  readonly stream_id: number;
  /** HEADERS / PUSH_PROMISE: the decoded field section (absent while QPACK-blocked). */
  readonly headers?: readonly HeaderField[];
  /** HEADERS / PUSH_PROMISE: how each field line was represented. */
  readonly qpack?: readonly QpackFieldData[];
  readonly required_insert_count?: number;
  readonly base?: number;
  /** HEADERS / PUSH_PROMISE received: the section waits for encoder stream data (RFC 9204 §2.2.1). */
  readonly blocked?: boolean;
  /** HEADERS: the section is an informational response, a response, request or trailers. */
  readonly role?: string;
  readonly settings?: readonly H3SettingData[];
  /** CANCEL_PUSH, PUSH_PROMISE, MAX_PUSH_ID. */
  readonly push_id?: number;
  /** GOAWAY: a stream id (from a server) or push id (from a client). */
  readonly id?: number;
  /** PRIORITY_UPDATE (RFC 9218 §7.2). */
  readonly prioritized_element_type?: 'request' | 'push';
  readonly prioritized_element_id?: number;
  readonly priority_field_value?: string;
  /** An HTTP/2 frame type with no HTTP/3 meaning (§7.2.8), e.g. 'PING'. */
  readonly http2_type?: string;
  /** A large DATA or unknown frame reported at its header; `raw` holds the header only. */
  readonly streamed?: boolean;
}

/** Data of `http3:stream_type_set`: what a stream is (RFC 9114 §6), from its first bytes or from who opened it. */
export interface H3StreamTypeSetData {
  readonly stream_id: number;
  /** 'local': we opened it; 'remote': the peer did. */
  readonly owner: 'local' | 'remote';
  /** qlog's names: 'control', 'push', 'qpack_encode', 'qpack_decode', 'request', 'reserved', 'unknown'. */
  readonly stream_type: string;
  /** The unidirectional stream type code (§6.2). */
  readonly type_code?: number;
  /** Push streams: the push id after the type. */
  readonly push_id?: number;
  /** Set when the stream is refused or ignored, e.g. 'ignored (reserved type)' or 'STOP_SENDING H3_STREAM_CREATION_ERROR'. */
  readonly outcome?: string;
}

/** Data of `qpack:instruction`: one instruction on a QPACK encoder or decoder stream (RFC 9204 §4.3, §4.4). */
export interface QpackInstructionData {
  readonly stream_type: 'encoder' | 'decoder';
  /** qlog's names: 'set_dynamic_table_capacity', 'insert_with_name_reference', 'insert_without_name_reference', 'duplicate', 'section_acknowledgement', 'stream_cancellation', 'insert_count_increment'. */
  readonly instruction_type: string;
  readonly capacity?: number;
  readonly table_type?: 'static' | 'dynamic';
  readonly name_index?: number;
  readonly name?: string;
  readonly value?: string;
  readonly huffman_encoded_name?: boolean;
  readonly huffman_encoded_value?: boolean;
  /** Duplicate: the relative index. */
  readonly index?: number;
  /** Section Acknowledgment and Stream Cancellation. */
  readonly stream_id?: number;
  readonly increment?: number;
  /** The absolute index of the entry an insert or duplicate created. */
  readonly absolute_index?: number;
  /** Offsets [start, end) in the instruction stream (after its type byte). */
  readonly start: number;
  readonly end: number;
}

/** A QPACK dynamic table entry as shown (RFC 9204 §3.2). */
export interface QpackEntryData {
  readonly absoluteIndex: number;
  readonly name: string;
  readonly value: string;
  readonly size: number;
  /** Encoder side: unacknowledged field sections referencing it. */
  readonly references?: number;
}

/**
 * Data of `qpack:table_updated`: a QPACK dynamic table after a change. 'encoder' is our encoder's table (mirrored
 * by the peer's decoder), 'decoder' our decoder's (mirroring the peer's encoder).
 */
export interface QpackTableUpdatedData {
  readonly side: 'encoder' | 'decoder';
  /** Newest first. */
  readonly entries: readonly QpackEntryData[];
  readonly size: number;
  readonly capacity: number;
  readonly maxCapacity: number;
  readonly insertCount: number;
  readonly knownReceivedCount: number;
  readonly inserted: readonly QpackEntryData[];
  readonly evicted: readonly QpackEntryData[];
  /** What changed it, e.g. 'insert_with_name_reference' or 'section_acknowledgement'. */
  readonly cause: string;
}

/** Data of `qpack:section_unblocked`: a field section that waited for encoder stream data is decoded now (RFC 9204 §2.2.1). */
export interface QpackSectionUnblockedData {
  readonly stream_id: number;
  readonly required_insert_count: number;
  readonly headers: readonly HeaderField[];
  readonly qpack: readonly QpackFieldData[];
}

/** Data of `http3:error`: an HTTP/3 or QPACK error (RFC 9114 §8, RFC 9204 §6) and who caused it. */
export interface H3ErrorData {
  /** The error code's name, e.g. 'H3_FRAME_UNEXPECTED'. */
  readonly code: string;
  readonly codeNumber: number;
  /** A connection error ends with CONNECTION_CLOSE, a stream error with RESET_STREAM / STOP_SENDING. */
  readonly scope: 'connection' | 'stream';
  readonly initiator: 'local' | 'remote';
  readonly reason: string;
  /** The frame type that caused it, when known. */
  readonly frameType?: string;
  readonly streamId?: number;
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
