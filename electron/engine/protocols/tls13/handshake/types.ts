/**
 * The public shapes of the TLS 1.3 handshake cores for QUIC (RFC 9001 §4.1): encryption levels, the
 * secrets handed to QUIC, the per-message events for the UI, configuration and the negotiated result.
 *
 * Session resumption and 0-RTT have room here but are not implemented: a client offers no
 * pre_shared_key / psk_key_exchange_modes / early_data, so every handshake is a full one; a server
 * ignores a client's PSK offer (RFC 8446 §4.2.11 lets it) and never accepts early_data, which tells a
 * QUIC client its 0-RTT was rejected (RFC 9001 §4.6.2). Adding them means: NewSessionTicket after the
 * handshake at the 1-RTT level (RFC 9001 §4.6.1, with max_early_data_size 0xffffffff), the resumption
 * secret already kept in `TlsHandshakeResult.resumptionMasterSecret`, a `level: '0rtt'` secret from
 * client_early_traffic_secret (key-schedule.ts), and `SessionTicket` below as what a client stores.
 */
import type { CertificateVerification, TrustChoice } from '../certificates';
import type { CipherSuite } from '../cipher-suites';
import type { EcdheGroup, EcdheKeyPair } from '../crypto';
import type { HandshakeMessage } from '../messages/handshake';

/** QUIC encryption levels that carry TLS handshake data (RFC 9001 §4.1.4; 0-RTT carries none). */
export type EncryptionLevel = 'initial' | 'handshake' | '1rtt';

/** Which side a core plays. */
export type TlsRole = 'client' | 'server';

/** A traffic secret for QUIC to derive packet keys from (RFC 9001 §5.1 via quic-keys.quicPacketKeys). */
export interface TlsSecret {
  /** The encryption level the keys protect. */
  readonly level: 'handshake' | '1rtt';
  /** `read` opens what the peer sends; `write` protects what we send. */
  readonly direction: 'read' | 'write';
  /** The negotiated suite (AEAD and hash for the packet keys). */
  readonly suite: CipherSuite;
  /** The traffic secret. */
  readonly secret: Uint8Array;
}

/** Handshake bytes to send in CRYPTO frames at a level, in order (RFC 9001 §4.1.3). */
export interface TlsOutput {
  /** The encryption level whose packets carry them. */
  readonly level: EncryptionLevel;
  /** One or more whole handshake messages. */
  readonly bytes: Uint8Array;
}

/** The `type` of a handshake message, as events name it. */
export type HandshakeMessageType = HandshakeMessage['type'];

/** One handshake message sent or received, for the timeline (decoded fields and the exact bytes). */
export interface TlsMessageEvent {
  /** Sent by this core or received from the peer. */
  readonly dir: 'sent' | 'received';
  /** The encryption level it travelled at. */
  readonly level: EncryptionLevel;
  /** The message type ('client_hello', 'hello_retry_request', 'finished', ...). */
  readonly type: HandshakeMessageType;
  /** The decoded message. */
  readonly decoded: HandshakeMessage;
  /** Header and body exactly as on the wire. */
  readonly raw: Uint8Array;
}

/** The negotiated facts once the handshake is complete (RFC 9001 §4.1.1). */
export interface TlsHandshakeResult {
  /** The cipher suite. */
  readonly suite: CipherSuite;
  /** The ECDHE group. */
  readonly group: EcdheGroup;
  /** True when a HelloRetryRequest was needed. */
  readonly helloRetry: boolean;
  /** The application protocol (RFC 7301; mandatory in QUIC, RFC 9001 §8.1). */
  readonly alpn: string;
  /** The SNI host name the client sent, or null (IP literal or none). */
  readonly serverName: string | null;
  /** The peer's quic_transport_parameters, raw (RFC 9001 §8.2; QUIC decodes them). */
  readonly peerTransportParameters: Uint8Array;
  /** The peer's certificate chain, DER, leaf first; empty when the peer (a client) sent none. */
  readonly peerCertificates: readonly Uint8Array[];
  /** How the peer's certificate was judged; null when the peer was not asked to or sent none. */
  readonly peerVerification: CertificateVerification | null;
  /** The signature scheme of the peer's CertificateVerify, or null. */
  readonly peerSignatureScheme: number | null;
  /** exporter_master_secret (RFC 8446 §7.5). */
  readonly exporterMasterSecret: Uint8Array;
  /** resumption_master_secret (RFC 8446 §7.1), kept for session tickets. */
  readonly resumptionMasterSecret: Uint8Array;
}

/**
 * What a client would store from a NewSessionTicket to resume later (RFC 8446 §4.6.1). Not produced
 * yet: the shape fixes where resumption and 0-RTT plug in (see the module comment).
 */
export interface SessionTicket {
  /** The suite of the original connection. */
  readonly suite: CipherSuite;
  /** The ticket's opaque identity. */
  readonly ticket: Uint8Array;
  /** The PSK: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
  readonly psk: Uint8Array;
  /** ticket_age_add. */
  readonly ageAdd: number;
  /** Lifetime in seconds. */
  readonly lifetimeSeconds: number;
  /** max_early_data_size (0xffffffff allows 0-RTT in QUIC, RFC 9001 §4.6.1). */
  readonly maxEarlyDataSize: number;
  /** The ALPN of the original connection (0-RTT needs the same, RFC 9001 §4.6.1). */
  readonly alpn: string;
}

/** A certificate chain and its private key, for a server or a client (mTLS). */
export interface TlsIdentity {
  /** One or more PEM certificates, leaf first. */
  readonly certificateChainPem: string;
  /** The leaf's private key, PEM (ECDSA P-256: we sign with ecdsa_secp256r1_sha256). */
  readonly privateKeyPem: string;
}

/** Client configuration. */
export interface TlsClientConfig {
  /** The server's name or IP literal: sent as SNI when it is a name (RFC 6066 §3) and checked against the certificate. */
  readonly serverName: string;
  /** ALPN protocol ids offered, in preference order (at least one: RFC 9001 §8.1). */
  readonly alpn: readonly string[];
  /** Our quic_transport_parameters, encoded by QUIC (RFC 9001 §8.2). */
  readonly transportParameters: Uint8Array;
  /** What to trust for the server's certificate. */
  readonly trust: TrustChoice;
  /** Wall-clock time (ms since the Unix epoch) to check certificate validity at; the core reads no clock. */
  readonly validationTimeMs: number;
  /** Cipher suites offered, in preference order (default: AES-128-GCM, AES-256-GCM). */
  readonly cipherSuites?: readonly CipherSuite[];
  /** Groups in supported_groups, in preference order; a key share is sent for the first (default: x25519, secp256r1). */
  readonly groups?: readonly EcdheGroup[];
  /** Our certificate and key, sent when the server asks (RFC 8446 §4.4.2); without it we answer with an empty Certificate. */
  readonly clientIdentity?: TlsIdentity;
  /** ClientHello.random (32 bytes) for tests and replays; random by default. */
  readonly random?: Uint8Array;
  /** Makes our ephemeral key pairs, for tests and replays (crypto.ecdheKeyPairFromPrivateKey); fresh ones by default. */
  readonly ecdhe?: (group: EcdheGroup) => EcdheKeyPair;
}

/** How a server asks for client certificates (mTLS, RFC 8446 §4.3.2). */
export interface TlsClientAuthConfig {
  /** What to trust for the client's certificate. */
  readonly trust: TrustChoice;
  /** When true an empty client Certificate is certificate_required (116); otherwise it is accepted (§4.4.2.4). */
  readonly required: boolean;
  /** Wall-clock time (ms since the Unix epoch) to check certificate validity at. */
  readonly validationTimeMs: number;
}

/** Server configuration. */
export interface TlsServerConfig {
  /** Our certificate chain and ECDSA P-256 key. */
  readonly identity: TlsIdentity;
  /** ALPN protocol ids we serve, in our preference order (RFC 9001 §8.1: no overlap is fatal). */
  readonly alpn: readonly string[];
  /** Our quic_transport_parameters, encoded by QUIC (RFC 9001 §8.2). */
  readonly transportParameters: Uint8Array;
  /** Cipher suites in our preference order (default: AES-128-GCM, AES-256-GCM); we pick ours, not the client's. */
  readonly cipherSuites?: readonly CipherSuite[];
  /** Groups in our preference order (default: x25519, secp256r1); a client without a share for our pick gets a HelloRetryRequest. */
  readonly groups?: readonly EcdheGroup[];
  /** Ask for a client certificate (mTLS). */
  readonly clientAuth?: TlsClientAuthConfig;
  /** ServerHello.random (32 bytes) for tests and replays; random by default. */
  readonly random?: Uint8Array;
  /** Makes our ephemeral key pairs, for tests and replays (crypto.ecdheKeyPairFromPrivateKey); fresh ones by default. */
  readonly ecdhe?: (group: EcdheGroup) => EcdheKeyPair;
}
