/**
 * Our transport parameters from the configuration, and checks of the peer's (RFC 9000 §7.3, §18.2):
 * the authenticated connection IDs must match what the packets said, else TRANSPORT_PARAMETER_ERROR.
 */
import { bytesEqual } from './connection-ids';
import { decodeTransportParameters, encodeTransportParameters, TRANSPORT_PARAMETER_DEFAULTS, type TransportParameters } from '../transport-parameters';
import { QuicError, TransportErrorCode } from '../wire/errors';
import type { ResolvedSettings } from './config';
import { jsonFriendly } from './events';
import type { QuicParametersSetData } from '../../../../../shared/events';

/** Our parameters. `server` adds original_destination_connection_id and a stateless reset token. */
export function localTransportParameters(s: ResolvedSettings, scid: Uint8Array, server: { odcid: Uint8Array; resetToken: Uint8Array } | null): TransportParameters {
  return {
    ...(server ? { originalDestinationConnectionId: server.odcid, statelessResetToken: server.resetToken } : {}),
    maxIdleTimeout: BigInt(s.maxIdleTimeoutMs),
    maxUdpPayloadSize: 65527n,
    initialMaxData: BigInt(s.maxData),
    initialMaxStreamDataBidiLocal: BigInt(s.maxStreamData),
    initialMaxStreamDataBidiRemote: BigInt(s.maxStreamData),
    initialMaxStreamDataUni: BigInt(s.maxStreamData),
    initialMaxStreamsBidi: BigInt(s.maxStreamsBidi),
    initialMaxStreamsUni: BigInt(s.maxStreamsUni),
    ackDelayExponent: s.ackDelayExponent,
    maxAckDelay: s.maxAckDelayMs,
    activeConnectionIdLimit: BigInt(s.activeConnectionIdLimit),
    initialSourceConnectionId: scid,
  };
}

/** Encodes ours, with optional extra raw parameters appended. */
export function encodeLocalParameters(tp: TransportParameters, extra?: Uint8Array): Uint8Array {
  const base = encodeTransportParameters(tp);
  if (!extra || extra.length === 0) return base;
  const out = new Uint8Array(base.length + extra.length);
  out.set(base);
  out.set(extra, base.length);
  return out;
}

/** What the peer's packets said, to compare with its authenticated parameters. */
export interface PeerIdCheck {
  /** The SCID of the peer's first packet. */
  readonly peerScid: Uint8Array;
  /** Client only: the DCID of our first Initial. */
  readonly odcid?: Uint8Array;
}

const tpError = (reason: string): QuicError => new QuicError(TransportErrorCode.TRANSPORT_PARAMETER_ERROR, reason, 'remote');

/** Decodes and checks the peer's parameters (sender = the peer's role). Throws TRANSPORT_PARAMETER_ERROR. */
export function acceptPeerParameters(raw: Uint8Array, sender: 'client' | 'server', check: PeerIdCheck): TransportParameters {
  const tp = decodeTransportParameters(raw, sender);
  if (!tp.initialSourceConnectionId) throw tpError('initial_source_connection_id is missing');
  if (!bytesEqual(tp.initialSourceConnectionId, check.peerScid)) throw tpError('initial_source_connection_id does not match the Source Connection ID of the first packet');
  if (sender === 'server') {
    if (!tp.originalDestinationConnectionId) throw tpError('original_destination_connection_id is missing');
    if (check.odcid && !bytesEqual(tp.originalDestinationConnectionId, check.odcid)) throw tpError('original_destination_connection_id does not match our first Destination Connection ID');
    if (tp.retrySourceConnectionId) throw tpError('retry_source_connection_id without a Retry');
  }
  if (tp.activeConnectionIdLimit !== undefined && tp.activeConnectionIdLimit < 2n) throw tpError('active_connection_id_limit below 2');
  if (tp.maxAckDelay !== undefined && tp.maxAckDelay >= 2 ** 14) throw tpError('max_ack_delay of 2^14 or more');
  return tp;
}

/** Effective value helpers with the §18.2 defaults. */
export function num(v: bigint | number | undefined, d: bigint | number): number {
  return Number(v ?? d);
}

/** The peer's max_ack_delay in ms. */
export function peerMaxAckDelay(tp: TransportParameters | null): number {
  return tp?.maxAckDelay ?? TRANSPORT_PARAMETER_DEFAULTS.maxAckDelay;
}

/** Transport parameters as `quic:parameters_set` data. */
export function parametersEvent(owner: 'local' | 'remote', tp: TransportParameters): QuicParametersSetData {
  const out: Record<string, unknown> = { owner };
  for (const [k, v] of Object.entries(tp)) out[k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = jsonFriendly(v);
  return out as unknown as QuicParametersSetData;
}
