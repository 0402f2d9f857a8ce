/**
 * QUIC's use of the TLS key schedule (RFC 9001 §5): packet protection keys from a traffic secret with the
 * "quic key", "quic iv", "quic hp" labels (§5.1), the key update secret "quic ku" (§6.1), and the
 * Initial secrets derived from the client's first Destination Connection ID with the v1 salt (§5.2).
 */
import { TLS_AES_128_GCM_SHA256, type CipherSuite } from './cipher-suites';
import { hashLength, type AeadAlgorithm } from './crypto';
import { UsageError } from './errors';
import { hkdfExpandLabel, hkdfExtract } from './hkdf';

/** QUIC version 1 (RFC 9000 §15). */
export const QUIC_VERSION_1 = 0x00000001;

/** initial_salt of QUIC v1 (RFC 9001 §5.2). */
export const QUIC_V1_INITIAL_SALT: Uint8Array = Uint8Array.from([
  0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a,
]);

/** The keys that protect QUIC packets in one direction at one encryption level (RFC 9001 §5.1). */
export interface QuicPacketKeys {
  /** The AEAD (AES-GCM only here). */
  readonly aead: AeadAlgorithm;
  /** AEAD key ("quic key"). */
  readonly key: Uint8Array;
  /** AEAD IV ("quic iv"), XORed with the packet number to form the nonce (§5.3). */
  readonly iv: Uint8Array;
  /** Header protection key ("quic hp"), used with AES-ECB (§5.4.3). */
  readonly hp: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** Packet protection key, IV and header protection key from a traffic secret (RFC 9001 §5.1). */
export function quicPacketKeys(suite: CipherSuite, secret: Uint8Array): QuicPacketKeys {
  return {
    aead: suite.aead,
    key: hkdfExpandLabel(suite.hash, secret, 'quic key', EMPTY, suite.keyLength),
    iv: hkdfExpandLabel(suite.hash, secret, 'quic iv', EMPTY, suite.ivLength),
    hp: hkdfExpandLabel(suite.hash, secret, 'quic hp', EMPTY, suite.keyLength),
  };
}

/**
 * The next 1-RTT secret on a key update: HKDF-Expand-Label(secret, "quic ku", "", Hash.length) (RFC 9001 §6.1).
 * The header protection key does not change on key update, so keep the old `hp`.
 */
export function quicNextSecret(suite: CipherSuite, secret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(suite.hash, secret, 'quic ku', EMPTY, hashLength(suite.hash));
}

/** The Initial secrets of a connection (RFC 9001 §5.2). */
export interface QuicInitialSecrets {
  /** initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id). */
  readonly initialSecret: Uint8Array;
  /** client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32). */
  readonly client: Uint8Array;
  /** server_initial_secret = HKDF-Expand-Label(initial_secret, "server in", "", 32). */
  readonly server: Uint8Array;
}

/** Initial secrets from the Destination Connection ID of the client's first Initial packet (RFC 9001 §5.2). QUIC v1 only. */
export function quicInitialSecrets(clientDestinationConnectionId: Uint8Array, version: number = QUIC_VERSION_1): QuicInitialSecrets {
  if (version !== QUIC_VERSION_1) throw new UsageError(`no Initial salt for QUIC version 0x${version.toString(16)}`);
  const alg = TLS_AES_128_GCM_SHA256.hash;
  const initialSecret = hkdfExtract(alg, QUIC_V1_INITIAL_SALT, clientDestinationConnectionId);
  return {
    initialSecret,
    client: hkdfExpandLabel(alg, initialSecret, 'client in', EMPTY, 32),
    server: hkdfExpandLabel(alg, initialSecret, 'server in', EMPTY, 32),
  };
}

/** Initial packet protection keys of both directions; Initial packets always use AEAD_AES_128_GCM (RFC 9001 §5.2). */
export function quicInitialKeys(clientDestinationConnectionId: Uint8Array, version: number = QUIC_VERSION_1): { readonly client: QuicPacketKeys; readonly server: QuicPacketKeys } {
  const s = quicInitialSecrets(clientDestinationConnectionId, version);
  return { client: quicPacketKeys(TLS_AES_128_GCM_SHA256, s.client), server: quicPacketKeys(TLS_AES_128_GCM_SHA256, s.server) };
}
