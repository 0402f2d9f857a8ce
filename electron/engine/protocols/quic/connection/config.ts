/**
 * Configuration of a QUIC connection core: the TLS side (who we are, whom we trust, ALPN), our transport
 * parameters (RFC 9000 §18.2) with their defaults, and knobs for tests (randomness, tracing).
 */
import type { TrustChoice } from '../../tls13/certificates';
import type { CipherSuite } from '../../tls13/cipher-suites';
import type { EcdheGroup, EcdheKeyPair } from '../../tls13/crypto';
import type { TlsClientAuthConfig, TlsIdentity } from '../../tls13/handshake/types';

/** Settings both roles share. */
export interface QuicCommonConfig {
  /** ALPN protocol ids (RFC 9001 §8.1), e.g. ['h3']. */
  readonly alpn: readonly string[];
  /** TLS cipher suites (default: AES-128-GCM, AES-256-GCM). */
  readonly cipherSuites?: readonly CipherSuite[];
  /** TLS key exchange groups (default: x25519, secp256r1). */
  readonly groups?: readonly EcdheGroup[];
  /** max_idle_timeout in ms (default 30 000; 0 disables ours). */
  readonly maxIdleTimeoutMs?: number;
  /** initial_max_data and the connection receive window (default 16 MiB). */
  readonly maxData?: number;
  /** initial_max_stream_data_* and the stream receive window (default 6 MiB). */
  readonly maxStreamData?: number;
  /** initial_max_streams_bidi (default 100). */
  readonly maxStreamsBidi?: number;
  /** initial_max_streams_uni (default 100). */
  readonly maxStreamsUni?: number;
  /** max_ack_delay in ms (default 25). */
  readonly maxAckDelayMs?: number;
  /** ack_delay_exponent (default 3). */
  readonly ackDelayExponent?: number;
  /** Size of the datagrams we send (default 1200, the minimum every path carries, RFC 9000 §14). */
  readonly maxDatagramSize?: number;
  /** Length of our connection IDs (default 8). */
  readonly connectionIdLength?: number;
  /** active_connection_id_limit (default 4). */
  readonly activeConnectionIdLimit?: number;
  /** Randomness for connection IDs and tokens (default crypto random); tests pass a seeded one. */
  readonly randomBytes?: (n: number) => Uint8Array;
  /** Emit trace items (default true). */
  readonly tracing?: boolean;
  /** Extra transport parameters to send verbatim (tests: bad values, unknown ids). */
  readonly extraTransportParameters?: Uint8Array;
}

/** A client. */
export interface QuicClientConfig extends QuicCommonConfig {
  readonly role: 'client';
  /** Server name (SNI) or IP literal. */
  readonly serverName: string;
  /** What to trust for the server's certificate. */
  readonly trust: TrustChoice;
  /** Wall-clock time (ms since the epoch) to check certificates at. */
  readonly validationTimeMs: number;
  /** Our certificate for mTLS. */
  readonly clientIdentity?: TlsIdentity;
  /** Ephemeral key factory for tests. */
  readonly ecdhe?: (group: EcdheGroup) => EcdheKeyPair;
}

/** A server (one instance per connection; the UDP adapter routes by connection ID). */
export interface QuicServerConfig extends QuicCommonConfig {
  readonly role: 'server';
  /** Certificate chain and ECDSA P-256 key. */
  readonly identity: TlsIdentity;
  /** Ask for client certificates. */
  readonly clientAuth?: TlsClientAuthConfig;
}

/** Either role. */
export type QuicConfig = QuicClientConfig | QuicServerConfig;

/** The defaults, resolved. */
export interface ResolvedSettings {
  readonly maxIdleTimeoutMs: number;
  readonly maxData: number;
  readonly maxStreamData: number;
  readonly maxStreamsBidi: number;
  readonly maxStreamsUni: number;
  readonly maxAckDelayMs: number;
  readonly ackDelayExponent: number;
  readonly maxDatagramSize: number;
  readonly connectionIdLength: number;
  readonly activeConnectionIdLimit: number;
}

/** Fills in defaults. */
export function resolveSettings(c: QuicCommonConfig): ResolvedSettings {
  return {
    maxIdleTimeoutMs: c.maxIdleTimeoutMs ?? 30_000,
    maxData: c.maxData ?? 16 * 1024 * 1024,
    maxStreamData: c.maxStreamData ?? 6 * 1024 * 1024,
    maxStreamsBidi: c.maxStreamsBidi ?? 100,
    maxStreamsUni: c.maxStreamsUni ?? 100,
    maxAckDelayMs: c.maxAckDelayMs ?? 25,
    ackDelayExponent: c.ackDelayExponent ?? 3,
    maxDatagramSize: Math.max(1200, c.maxDatagramSize ?? 1200),
    connectionIdLength: c.connectionIdLength ?? 8,
    activeConnectionIdLimit: Math.max(2, c.activeConnectionIdLimit ?? 4),
  };
}
