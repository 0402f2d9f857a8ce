/**
 * QUIC transport parameters (RFC 9000 §18), carried in the TLS quic_transport_parameters extension
 * (RFC 9001 §8.2): a sequence of { Transport Parameter ID (i), Length (i), Value }. Absent parameters
 * take the defaults of §18.2 (see TRANSPORT_PARAMETER_DEFAULTS). Invalid input is
 * QuicError(TRANSPORT_PARAMETER_ERROR, 'remote') (§7.4).
 */
import { NeedMore, QuicError, TransportErrorCode, UsageError } from './wire/errors';
import { Reader } from './wire/reader';
import { Writer } from './wire/writer';

/** Transport parameter ids (RFC 9000 §18.2). */
export const TransportParameterId = {
  original_destination_connection_id: 0x00,
  max_idle_timeout: 0x01,
  stateless_reset_token: 0x02,
  max_udp_payload_size: 0x03,
  initial_max_data: 0x04,
  initial_max_stream_data_bidi_local: 0x05,
  initial_max_stream_data_bidi_remote: 0x06,
  initial_max_stream_data_uni: 0x07,
  initial_max_streams_bidi: 0x08,
  initial_max_streams_uni: 0x09,
  ack_delay_exponent: 0x0a,
  max_ack_delay: 0x0b,
  disable_active_migration: 0x0c,
  preferred_address: 0x0d,
  active_connection_id_limit: 0x0e,
  initial_source_connection_id: 0x0f,
  retry_source_connection_id: 0x10,
} as const;

/** The preferred_address value (§18.2). */
export interface PreferredAddress {
  /** 4 bytes (all zero when absent). */
  readonly ipv4Address: Uint8Array;
  readonly ipv4Port: number;
  /** 16 bytes (all zero when absent). */
  readonly ipv6Address: Uint8Array;
  readonly ipv6Port: number;
  /** 1..20 bytes: the connection ID with sequence number 1. */
  readonly connectionId: Uint8Array;
  /** 16 bytes. */
  readonly statelessResetToken: Uint8Array;
}

/** A parameter we do not know (e.g. a reserved 31*N+27 greasing id), kept as raw bytes. */
export interface UnknownTransportParameter {
  readonly id: bigint;
  readonly value: Uint8Array;
}

/** Transport parameters; an absent field means "not sent" (its §18.2 default applies). */
export interface TransportParameters {
  /** Server only. */
  readonly originalDestinationConnectionId?: Uint8Array;
  /** Milliseconds; 0 disables. */
  readonly maxIdleTimeout?: bigint;
  /** Server only; 16 bytes. */
  readonly statelessResetToken?: Uint8Array;
  /** At least 1200. */
  readonly maxUdpPayloadSize?: bigint;
  readonly initialMaxData?: bigint;
  readonly initialMaxStreamDataBidiLocal?: bigint;
  readonly initialMaxStreamDataBidiRemote?: bigint;
  readonly initialMaxStreamDataUni?: bigint;
  /** At most 2^60. */
  readonly initialMaxStreamsBidi?: bigint;
  /** At most 2^60. */
  readonly initialMaxStreamsUni?: bigint;
  /** At most 20. */
  readonly ackDelayExponent?: number;
  /** Milliseconds, below 2^14. */
  readonly maxAckDelay?: number;
  /** True when the zero-length disable_active_migration parameter is present. */
  readonly disableActiveMigration?: boolean;
  /** Server only. */
  readonly preferredAddress?: PreferredAddress;
  /** At least 2. */
  readonly activeConnectionIdLimit?: bigint;
  readonly initialSourceConnectionId?: Uint8Array;
  /** Server only. */
  readonly retrySourceConnectionId?: Uint8Array;
  /** Unknown parameters in wire order (ignored by the protocol, §7.4.2). */
  readonly unknown?: readonly UnknownTransportParameter[];
}

/** Defaults of absent parameters (§18.2). */
export const TRANSPORT_PARAMETER_DEFAULTS = {
  maxIdleTimeout: 0n,
  maxUdpPayloadSize: 65527n,
  initialMaxData: 0n,
  initialMaxStreamDataBidiLocal: 0n,
  initialMaxStreamDataBidiRemote: 0n,
  initialMaxStreamDataUni: 0n,
  initialMaxStreamsBidi: 0n,
  initialMaxStreamsUni: 0n,
  ackDelayExponent: 3,
  maxAckDelay: 25,
  disableActiveMigration: false,
  activeConnectionIdLimit: 2n,
} as const;

const ID = TransportParameterId;
const SERVER_ONLY = new Set<number>([ID.original_destination_connection_id, ID.stateless_reset_token, ID.preferred_address, ID.retry_source_connection_id]);

function tpError(reason: string): QuicError {
  return new QuicError(TransportErrorCode.TRANSPORT_PARAMETER_ERROR, reason, 'remote');
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function integer(value: Uint8Array, name: string): bigint {
  const r = new Reader(value);
  const v = r.varintBig(name);
  if (!r.atEnd) throw tpError(`${name} has trailing bytes`);
  return v;
}

function connectionIdValue(value: Uint8Array, name: string): Uint8Array {
  if (value.length > 20) throw tpError(`${name} longer than 20 bytes`);
  return value.slice();
}

function decodePreferredAddress(value: Uint8Array): PreferredAddress {
  const r = new Reader(value);
  const ipv4Address = r.bytesCopy(4);
  const ipv4Port = r.u16();
  const ipv6Address = r.bytesCopy(16);
  const ipv6Port = r.u16();
  const cidLength = r.u8();
  // §18.2: a zero-length connection ID in preferred_address is TRANSPORT_PARAMETER_ERROR
  if (cidLength < 1 || cidLength > 20) throw tpError(`preferred_address connection ID length ${cidLength}`);
  const connectionId = r.bytesCopy(cidLength);
  const statelessResetToken = r.bytesCopy(16);
  if (!r.atEnd) throw tpError('preferred_address has trailing bytes');
  return { ipv4Address, ipv4Port, ipv6Address, ipv6Port, connectionId, statelessResetToken };
}

function decodeOne(tp: Mutable<TransportParameters>, id: bigint, value: Uint8Array): void {
  const known = id <= 0x10n ? Number(id) : -1;
  switch (known) {
    case ID.original_destination_connection_id:
      tp.originalDestinationConnectionId = connectionIdValue(value, 'original_destination_connection_id');
      return;
    case ID.max_idle_timeout:
      tp.maxIdleTimeout = integer(value, 'max_idle_timeout');
      return;
    case ID.stateless_reset_token:
      if (value.length !== 16) throw tpError('stateless_reset_token must be 16 bytes');
      tp.statelessResetToken = value.slice();
      return;
    case ID.max_udp_payload_size:
      tp.maxUdpPayloadSize = integer(value, 'max_udp_payload_size');
      if (tp.maxUdpPayloadSize < 1200n) throw tpError('max_udp_payload_size below 1200');
      return;
    case ID.initial_max_data:
      tp.initialMaxData = integer(value, 'initial_max_data');
      return;
    case ID.initial_max_stream_data_bidi_local:
      tp.initialMaxStreamDataBidiLocal = integer(value, 'initial_max_stream_data_bidi_local');
      return;
    case ID.initial_max_stream_data_bidi_remote:
      tp.initialMaxStreamDataBidiRemote = integer(value, 'initial_max_stream_data_bidi_remote');
      return;
    case ID.initial_max_stream_data_uni:
      tp.initialMaxStreamDataUni = integer(value, 'initial_max_stream_data_uni');
      return;
    case ID.initial_max_streams_bidi:
    case ID.initial_max_streams_uni: {
      const n = integer(value, 'initial_max_streams');
      if (n > 1n << 60n) throw tpError('initial_max_streams above 2^60');
      if (known === ID.initial_max_streams_bidi) tp.initialMaxStreamsBidi = n;
      else tp.initialMaxStreamsUni = n;
      return;
    }
    case ID.ack_delay_exponent: {
      const v = integer(value, 'ack_delay_exponent');
      if (v > 20n) throw tpError('ack_delay_exponent above 20');
      tp.ackDelayExponent = Number(v);
      return;
    }
    case ID.max_ack_delay: {
      const v = integer(value, 'max_ack_delay');
      if (v >= 1n << 14n) throw tpError('max_ack_delay of 2^14 or more');
      tp.maxAckDelay = Number(v);
      return;
    }
    case ID.disable_active_migration:
      if (value.length !== 0) throw tpError('disable_active_migration must be empty');
      tp.disableActiveMigration = true;
      return;
    case ID.preferred_address:
      tp.preferredAddress = decodePreferredAddress(value);
      return;
    case ID.active_connection_id_limit:
      tp.activeConnectionIdLimit = integer(value, 'active_connection_id_limit');
      if (tp.activeConnectionIdLimit < 2n) throw tpError('active_connection_id_limit below 2');
      return;
    case ID.initial_source_connection_id:
      tp.initialSourceConnectionId = connectionIdValue(value, 'initial_source_connection_id');
      return;
    case ID.retry_source_connection_id:
      tp.retrySourceConnectionId = connectionIdValue(value, 'retry_source_connection_id');
      return;
    default:
      tp.unknown = [...(tp.unknown ?? []), { id, value: value.slice() }];
  }
}

/**
 * Decodes the quic_transport_parameters extension data sent by `sender`. Duplicates, malformed values
 * and server-only parameters from a client are TRANSPORT_PARAMETER_ERROR (§7.4, §18.2).
 */
export function decodeTransportParameters(data: Uint8Array, sender: 'client' | 'server'): TransportParameters {
  const r = new Reader(data);
  const tp: Mutable<TransportParameters> = {};
  const seen = new Set<bigint>();
  try {
    while (!r.atEnd) {
      const id = r.varintBig('Transport Parameter ID');
      const value = r.bytesView(r.varint('Transport Parameter Length'), 'Transport Parameter Value');
      if (seen.has(id)) throw tpError(`duplicate transport parameter 0x${id.toString(16)}`);
      seen.add(id);
      if (sender === 'client' && id <= 0x10n && SERVER_ONLY.has(Number(id))) throw tpError(`server-only transport parameter 0x${id.toString(16)} sent by a client`);
      decodeOne(tp, id, value);
    }
  } catch (e) {
    if (e instanceof NeedMore) throw tpError(`truncated transport parameters: ${e.message}`);
    if (e instanceof QuicError && e.code !== TransportErrorCode.TRANSPORT_PARAMETER_ERROR) throw tpError(e.reason);
    throw e;
  }
  return tp;
}

function putInt(w: Writer, id: number, v: bigint | number | undefined): void {
  if (v === undefined) return;
  const value = new Writer(8).varint(v).finish();
  w.varint(id).varint(value.length).bytes(value);
}

function putBytes(w: Writer, id: number, v: Uint8Array | undefined): void {
  if (v === undefined) return;
  w.varint(id).varint(v.length).bytes(v);
}

/** Encodes transport parameters in id order, unknown ones last. */
export function encodeTransportParameters(tp: TransportParameters): Uint8Array {
  const w = new Writer(128);
  putBytes(w, ID.original_destination_connection_id, tp.originalDestinationConnectionId);
  putInt(w, ID.max_idle_timeout, tp.maxIdleTimeout);
  if (tp.statelessResetToken && tp.statelessResetToken.length !== 16) throw new UsageError('stateless_reset_token must be 16 bytes');
  putBytes(w, ID.stateless_reset_token, tp.statelessResetToken);
  putInt(w, ID.max_udp_payload_size, tp.maxUdpPayloadSize);
  putInt(w, ID.initial_max_data, tp.initialMaxData);
  putInt(w, ID.initial_max_stream_data_bidi_local, tp.initialMaxStreamDataBidiLocal);
  putInt(w, ID.initial_max_stream_data_bidi_remote, tp.initialMaxStreamDataBidiRemote);
  putInt(w, ID.initial_max_stream_data_uni, tp.initialMaxStreamDataUni);
  putInt(w, ID.initial_max_streams_bidi, tp.initialMaxStreamsBidi);
  putInt(w, ID.initial_max_streams_uni, tp.initialMaxStreamsUni);
  putInt(w, ID.ack_delay_exponent, tp.ackDelayExponent);
  putInt(w, ID.max_ack_delay, tp.maxAckDelay);
  if (tp.disableActiveMigration) putBytes(w, ID.disable_active_migration, new Uint8Array(0));
  const pa = tp.preferredAddress;
  if (pa) {
    if (pa.ipv4Address.length !== 4 || pa.ipv6Address.length !== 16 || pa.statelessResetToken.length !== 16 || pa.connectionId.length < 1 || pa.connectionId.length > 20) {
      throw new UsageError('malformed preferred_address');
    }
    const v = new Writer(64).bytes(pa.ipv4Address).u16(pa.ipv4Port).bytes(pa.ipv6Address).u16(pa.ipv6Port);
    v.u8(pa.connectionId.length).bytes(pa.connectionId).bytes(pa.statelessResetToken);
    putBytes(w, ID.preferred_address, v.finish());
  }
  putInt(w, ID.active_connection_id_limit, tp.activeConnectionIdLimit);
  putBytes(w, ID.initial_source_connection_id, tp.initialSourceConnectionId);
  putBytes(w, ID.retry_source_connection_id, tp.retrySourceConnectionId);
  for (const u of tp.unknown ?? []) w.varint(u.id).varint(u.value.length).bytes(u.value);
  return w.finish();
}
