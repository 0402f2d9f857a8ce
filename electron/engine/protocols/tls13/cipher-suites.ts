/**
 * TLS 1.3 cipher suites (RFC 8446 §B.4). Framescope offers the AES-GCM suites only: Electron's
 * BoringSSL has no ChaCha20-Poly1305, so TLS_CHACHA20_POLY1305_SHA256 (0x1303) is never negotiated.
 */
import type { AeadAlgorithm, HashAlgorithm } from './crypto';

/** A TLS 1.3 cipher suite: its code point, hash and AEAD with key and IV lengths (RFC 8446 §7.3). */
export interface CipherSuite {
  /** Code point on the wire. */
  readonly id: number;
  /** IANA name. */
  readonly name: string;
  /** The HKDF / transcript hash. */
  readonly hash: HashAlgorithm;
  /** The record (QUIC packet) protection AEAD. */
  readonly aead: AeadAlgorithm;
  /** AEAD key length in bytes. */
  readonly keyLength: number;
  /** AEAD IV length in bytes (12 for every TLS 1.3 suite). */
  readonly ivLength: number;
}

/** TLS_AES_128_GCM_SHA256 (0x1301). */
export const TLS_AES_128_GCM_SHA256: CipherSuite = { id: 0x1301, name: 'TLS_AES_128_GCM_SHA256', hash: 'sha256', aead: 'aes-128-gcm', keyLength: 16, ivLength: 12 };

/** TLS_AES_256_GCM_SHA384 (0x1302). */
export const TLS_AES_256_GCM_SHA384: CipherSuite = { id: 0x1302, name: 'TLS_AES_256_GCM_SHA384', hash: 'sha384', aead: 'aes-256-gcm', keyLength: 32, ivLength: 12 };

/** Code point of TLS_CHACHA20_POLY1305_SHA256, which we recognise but never offer or accept. */
export const TLS_CHACHA20_POLY1305_SHA256_ID = 0x1303;

/** The suites we support, in our order of preference. */
export const SUPPORTED_CIPHER_SUITES: readonly CipherSuite[] = [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384];

/** The supported suite with this code point, or undefined. */
export function cipherSuiteById(id: number): CipherSuite | undefined {
  return SUPPORTED_CIPHER_SUITES.find((s) => s.id === id);
}
