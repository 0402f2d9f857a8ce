/**
 * Data of the QUIC events (`quic:*`, qlog vocabulary; RFC 9000, 9001, 9002) and of TLS handshake messages.
 */

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
