/**
 * The crypto provider: the ONLY module of tls13/ and quic/ that calls node:crypto, so a provider can
 * be swapped (ARCHITECTURE.md). Electron's BoringSSL has no ChaCha20-Poly1305, so AEADs are AES-GCM only.
 *
 * Everything here is synchronous and works on Uint8Array in, fresh Uint8Array out.
 */
import * as nodeCrypto from 'node:crypto';
import { TlsAlert, TlsError, UsageError } from './errors';

/** Hash functions of the TLS 1.3 cipher suites we offer (RFC 8446 §B.4). */
export type HashAlgorithm = 'sha256' | 'sha384';

/** AEADs we offer: AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 5116). */
export type AeadAlgorithm = 'aes-128-gcm' | 'aes-256-gcm';

/** ECDHE groups we offer (RFC 8446 §4.2.7): x25519 (0x001d) and secp256r1 (0x0017). */
export type EcdheGroup = 'x25519' | 'secp256r1';

/** AEAD authentication tag length in bytes (16 for AES-GCM). */
export const AEAD_TAG_LENGTH = 16;

const u8 = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Output length of a hash in bytes. */
export function hashLength(alg: HashAlgorithm): number {
  return alg === 'sha256' ? 32 : 48;
}

/** Key length in bytes of an AEAD. */
export function aeadKeyLength(alg: AeadAlgorithm): number {
  return alg === 'aes-128-gcm' ? 16 : 32;
}

/** Hash of the concatenation of `parts`. */
export function hash(alg: HashAlgorithm, ...parts: Uint8Array[]): Uint8Array {
  const h = nodeCrypto.createHash(alg);
  for (const p of parts) h.update(p);
  return u8(h.digest());
}

/** A running transcript hash (RFC 8446 §4.4.1): add messages, read the hash so far at any point. */
export interface TranscriptHash {
  /** The hash function. */
  readonly algorithm: HashAlgorithm;
  /** Appends bytes (whole handshake messages, header included). */
  update(data: Uint8Array): void;
  /** The hash of everything added so far; the transcript can keep growing afterwards. */
  digest(): Uint8Array;
}

/** Starts an empty transcript hash. */
export function createTranscriptHash(alg: HashAlgorithm): TranscriptHash {
  const h = nodeCrypto.createHash(alg);
  return {
    algorithm: alg,
    update: (data) => void h.update(data),
    digest: () => u8(h.copy().digest()),
  };
}

/** HMAC (RFC 2104) of `data` under `key`. */
export function hmac(alg: HashAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  return u8(nodeCrypto.createHmac(alg, key).update(data).digest());
}

function checkAead(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== aeadKeyLength(alg)) throw new UsageError(`${alg} needs a ${aeadKeyLength(alg)}-byte key, got ${key.length}`);
  if (nonce.length !== 12) throw new UsageError(`AES-GCM nonce must be 12 bytes, got ${nonce.length}`);
}

/** AEAD seal (RFC 5116 §2.1): returns ciphertext followed by the 16-byte tag. */
export function aeadSeal(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkAead(alg, key, nonce);
  const c = nodeCrypto.createCipheriv(alg, key, nonce, { authTagLength: AEAD_TAG_LENGTH });
  c.setAAD(aad);
  const head = c.update(plaintext);
  const tail = c.final();
  const tag = c.getAuthTag();
  const out = new Uint8Array(head.length + tail.length + tag.length);
  out.set(head, 0);
  out.set(tail, head.length);
  out.set(tag, head.length + tail.length);
  return out;
}

/**
 * AEAD open (RFC 5116 §2.2) of ciphertext-with-tag. Returns null when authentication fails
 * (or the input is shorter than a tag): the caller decides whether that drops a packet or is an alert.
 */
export function aeadOpen(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  checkAead(alg, key, nonce);
  if (sealed.length < AEAD_TAG_LENGTH) return null;
  const ctLen = sealed.length - AEAD_TAG_LENGTH;
  const d = nodeCrypto.createDecipheriv(alg, key, nonce, { authTagLength: AEAD_TAG_LENGTH });
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(ctLen));
  try {
    const head = d.update(sealed.subarray(0, ctLen));
    const tail = d.final();
    const out = new Uint8Array(head.length + tail.length);
    out.set(head, 0);
    out.set(tail, head.length);
    return out;
  } catch {
    return null;
  }
}

/** One AES block encryption (AES-ECB, no padding) of a 16-byte block: QUIC header protection (RFC 9001 §5.4.3). */
export function aesEcbEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  if (block.length !== 16) throw new UsageError(`AES block must be 16 bytes, got ${block.length}`);
  const alg = key.length === 16 ? 'aes-128-ecb' : key.length === 32 ? 'aes-256-ecb' : null;
  if (!alg) throw new UsageError(`AES key must be 16 or 32 bytes, got ${key.length}`);
  const c = nodeCrypto.createCipheriv(alg, key, null);
  c.setAutoPadding(false);
  return u8(c.update(block));
}

/** Constant-time equality of two byte strings (false when lengths differ). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && nodeCrypto.timingSafeEqual(a, b);
}

/** Cryptographically secure random bytes. */
export function randomBytes(length: number): Uint8Array {
  return u8(nodeCrypto.randomBytes(length));
}

/** One side of an ECDHE exchange (RFC 8446 §4.2.8): our public key share and a way to finish the exchange. */
export interface EcdheKeyPair {
  /** The group. */
  readonly group: EcdheGroup;
  /** Our public key as it goes on the wire: 32 bytes for x25519, 65-byte uncompressed point for secp256r1 (§4.2.8.2). */
  readonly publicKey: Uint8Array;
  /** The shared secret with the peer's public key; throws TlsError(illegal_parameter) for an invalid key. */
  computeSharedSecret(peerPublicKey: Uint8Array): Uint8Array;
}

// DER prefixes that wrap a raw X25519 key as PKCS#8 / SPKI (RFC 8410 §7 and §4).
const X25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);
const X25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00]);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function x25519KeyPair(privateKey: nodeCrypto.KeyObject): EcdheKeyPair {
  const spki = nodeCrypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = u8(spki).slice(spki.length - 32);
  return {
    group: 'x25519',
    publicKey,
    computeSharedSecret(peer) {
      if (peer.length !== 32) throw new TlsError(TlsAlert.illegal_parameter, `x25519 key share must be 32 bytes, got ${peer.length}`);
      let secret: Uint8Array;
      try {
        const peerKey = nodeCrypto.createPublicKey({ key: Buffer.from(concat(X25519_SPKI_PREFIX, peer)), format: 'der', type: 'spki' });
        secret = u8(nodeCrypto.diffieHellman({ privateKey, publicKey: peerKey }));
      } catch {
        throw new TlsError(TlsAlert.illegal_parameter, 'invalid x25519 key share');
      }
      // RFC 8446 §7.4.2: an all-zero x25519 result MUST be rejected.
      if (secret.every((b) => b === 0)) throw new TlsError(TlsAlert.illegal_parameter, 'x25519 shared secret is all zero');
      return secret;
    },
  };
}

function p256KeyPair(ecdh: nodeCrypto.ECDH): EcdheKeyPair {
  return {
    group: 'secp256r1',
    publicKey: u8(ecdh.getPublicKey()),
    computeSharedSecret(peer) {
      // RFC 8446 §4.2.8.2: uncompressed points only (0x04 || X || Y).
      if (peer.length !== 65 || peer[0] !== 4) throw new TlsError(TlsAlert.illegal_parameter, 'secp256r1 key share must be a 65-byte uncompressed point');
      try {
        return u8(ecdh.computeSecret(peer));
      } catch {
        throw new TlsError(TlsAlert.illegal_parameter, 'invalid secp256r1 key share');
      }
    },
  };
}

/** Generates a fresh ephemeral ECDHE key pair. */
export function generateEcdheKeyPair(group: EcdheGroup): EcdheKeyPair {
  if (group === 'x25519') return x25519KeyPair(nodeCrypto.generateKeyPairSync('x25519').privateKey);
  const ecdh = nodeCrypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return p256KeyPair(ecdh);
}

/** An ECDHE key pair from a known raw private key (for test vectors such as RFC 8448, and replay). */
export function ecdheKeyPairFromPrivateKey(group: EcdheGroup, privateKey: Uint8Array): EcdheKeyPair {
  if (group === 'x25519') {
    if (privateKey.length !== 32) throw new UsageError('x25519 private key must be 32 bytes');
    return x25519KeyPair(nodeCrypto.createPrivateKey({ key: Buffer.from(concat(X25519_PKCS8_PREFIX, privateKey)), format: 'der', type: 'pkcs8' }));
  }
  const ecdh = nodeCrypto.createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  return p256KeyPair(ecdh);
}
