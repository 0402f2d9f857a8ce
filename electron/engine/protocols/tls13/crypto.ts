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

// The DER prefix that wraps a raw X25519 private key as PKCS#8 (RFC 8410 §7).
const X25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

// X25519 keys move in and out as JWK: OpenSSL 3's DER decoders cost ~100 µs a key, JWK a few µs.
function x25519KeyPair(privateKey: nodeCrypto.KeyObject): EcdheKeyPair {
  const publicKey = u8(Buffer.from(nodeCrypto.createPublicKey(privateKey).export({ format: 'jwk' }).x ?? '', 'base64url'));
  return {
    group: 'x25519',
    publicKey,
    computeSharedSecret(peer) {
      if (peer.length !== 32) throw new TlsError(TlsAlert.illegal_parameter, `x25519 key share must be 32 bytes, got ${peer.length}`);
      let secret: Uint8Array;
      try {
        const peerKey = nodeCrypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(peer).toString('base64url') }, format: 'jwk' });
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

// ---------------------------------------------------------------------------------------------
// Signatures (RFC 8446 §4.2.3, §4.4.3) and X.509 certificates (RFC 5280), for CertificateVerify
// and certificate validation. Policy (which chain to trust) lives in ../certificates.ts; only the
// primitives that touch node:crypto are here.
// ---------------------------------------------------------------------------------------------

/** Signature schemes this provider can verify (RFC 8446 §4.2.3 code points). */
export const VERIFIABLE_SIGNATURE_SCHEMES: readonly number[] = [
  0x0403, // ecdsa_secp256r1_sha256
  0x0804, // rsa_pss_rsae_sha256
  0x0807, // ed25519
  0x0503, // ecdsa_secp384r1_sha384
  0x0805, // rsa_pss_rsae_sha384
  0x0806, // rsa_pss_rsae_sha512
];

interface SchemeRule {
  readonly digest: 'sha256' | 'sha384' | 'sha512' | null;
  readonly keyType: 'ec' | 'rsa' | 'ed25519';
  readonly curve?: string;
}

const SCHEME_RULES: ReadonlyMap<number, SchemeRule> = new Map<number, SchemeRule>([
  [0x0403, { digest: 'sha256', keyType: 'ec', curve: 'prime256v1' }],
  [0x0503, { digest: 'sha384', keyType: 'ec', curve: 'secp384r1' }],
  // rsa_pss_rsae_*: an rsaEncryption key used with PSS (RFC 8446 §4.2.3).
  [0x0804, { digest: 'sha256', keyType: 'rsa' }],
  [0x0805, { digest: 'sha384', keyType: 'rsa' }],
  [0x0806, { digest: 'sha512', keyType: 'rsa' }],
  [0x0807, { digest: null, keyType: 'ed25519' }],
]);

const DIGEST_LENGTH = { sha256: 32, sha384: 48, sha512: 64 } as const;

/**
 * Verifies `signature` over `content` with the public key `spki` (DER SubjectPublicKeyInfo) under the TLS
 * signature scheme `scheme`. ECDSA signatures are DER (RFC 8446 §4.2.3); RSASSA-PSS uses MGF1 with the same
 * hash and a salt as long as the hash (§4.2.3). Returns false for a bad signature, an unknown scheme or a key
 * that does not fit the scheme (RFC 8446 §4.4.3: the caller sends decrypt_error / illegal_parameter).
 */
export function verifySignature(scheme: number, spki: Uint8Array, content: Uint8Array, signature: Uint8Array): boolean {
  let key: nodeCrypto.KeyObject;
  try {
    key = nodeCrypto.createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return false;
  }
  return verifyWithKey(scheme, key, content, signature);
}

function verifyWithKey(scheme: number, key: nodeCrypto.KeyObject, content: Uint8Array, signature: Uint8Array): boolean {
  const rule = SCHEME_RULES.get(scheme);
  if (!rule) return false;
  try {
    if (key.asymmetricKeyType !== rule.keyType) return false;
    if (rule.curve && key.asymmetricKeyDetails?.namedCurve !== rule.curve) return false;
    if (rule.keyType === 'rsa' && rule.digest) {
      const opts = { key, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: DIGEST_LENGTH[rule.digest] };
      return nodeCrypto.verify(rule.digest, content, opts, signature);
    }
    if (rule.keyType === 'ec') return nodeCrypto.verify(rule.digest, content, { key, dsaEncoding: 'der' }, signature);
    return nodeCrypto.verify(null, content, key, signature);
  } catch {
    return false;
  }
}

/** A private key that signs CertificateVerify content (RFC 8446 §4.4.3). */
export interface SigningKey {
  /** The TLS signature scheme it signs with (0x0403 ecdsa_secp256r1_sha256). */
  readonly scheme: number;
  /** DER SubjectPublicKeyInfo of the matching public key. */
  readonly publicKeySpki: Uint8Array;
  /** Signs `content`; ECDSA signatures are DER-encoded (RFC 8446 §4.2.3). */
  sign(content: Uint8Array): Uint8Array;
}

/**
 * Loads an ECDSA P-256 private key (PEM, PKCS#8 or SEC1) that signs with ecdsa_secp256r1_sha256.
 * Throws UsageError for another key type: it is our configuration, not the peer, that is wrong.
 */
export function loadEcdsaP256SigningKey(privateKeyPem: string): SigningKey {
  let key: nodeCrypto.KeyObject;
  try {
    key = nodeCrypto.createPrivateKey(privateKeyPem);
  } catch (e) {
    throw new UsageError(`cannot read the private key PEM: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new UsageError('the signing key must be an ECDSA P-256 key');
  }
  const publicKeySpki = u8(nodeCrypto.createPublicKey(key).export({ format: 'der', type: 'spki' }));
  return {
    scheme: 0x0403,
    publicKeySpki,
    sign: (content) => u8(nodeCrypto.sign('sha256', content, { key, dsaEncoding: 'der' })),
  };
}

/** A parsed X.509 certificate (RFC 5280), with the checks TLS needs. Times are ms since the Unix epoch. */
export interface ParsedCertificate {
  /** The DER encoding. */
  readonly der: Uint8Array;
  /** Subject distinguished name, as text. */
  readonly subject: string;
  /** Issuer distinguished name, as text. */
  readonly issuer: string;
  /** subjectAltName as text ("DNS:a, IP Address:1.2.3.4"), or undefined. */
  readonly subjectAltName: string | undefined;
  /** Serial number, hex. */
  readonly serialNumber: string;
  /** notBefore. */
  readonly validFromMs: number;
  /** notAfter. */
  readonly validToMs: number;
  /** basicConstraints cA. */
  readonly isCa: boolean;
  /** SHA-256 fingerprint of the DER, colon-separated hex (as browsers show it). */
  readonly fingerprint256: string;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKeySpki: Uint8Array;
  /** Base64 SHA-256 of the SubjectPublicKeyInfo (the HPKP / Chromium --ignore-certificate-errors-spki-list pin). */
  readonly spkiSha256Base64: string;
  /** Key type: 'ec', 'rsa', 'rsa-pss', 'ed25519', ... */
  readonly publicKeyType: string;
  /** True when a subjectAltName dNSName matches `hostName` (RFC 6125; the subject CN is never used). */
  matchesHostName(hostName: string): boolean;
  /** True when a subjectAltName iPAddress equals `ip` (IPv4 or IPv6 text). */
  matchesIp(ip: string): boolean;
  /** True when `issuer` names this certificate's issuer and its key verifies this certificate's signature. */
  isIssuedBy(issuer: ParsedCertificate): boolean;
  /** verifySignature with this certificate's public key (no re-import of the key). */
  verifySignature(scheme: number, content: Uint8Array, signature: Uint8Array): boolean;
}

const x509Of = new WeakMap<ParsedCertificate, nodeCrypto.X509Certificate>();

const FLUSH_BYTE = Buffer.alloc(1);

/**
 * Runs an X509Certificate operation, then empties OpenSSL's thread-wide error queue. Node (v20) leaves ASN.1
 * errors queued when a peer's certificate has a malformed extension (e.g. reading subjectAltName or
 * checkHost); the next key import anywhere in the process (createPublicKey / createPrivateKey) then fails
 * with that stale error, which would break an unrelated connection (found by the handshake fuzz test).
 * A synchronous CSPRNG call clears the queue on return (checked by crypto.test.ts) and costs about a microsecond.
 */
function withCleanErrorQueue<T>(op: () => T): T {
  try {
    return op();
  } finally {
    nodeCrypto.randomFillSync(FLUSH_BYTE);
  }
}

function parseX509(x: nodeCrypto.X509Certificate): ParsedCertificate {
  const cert: ParsedCertificate = withCleanErrorQueue(() => {
    const publicKey = x.publicKey;
    let spki: Uint8Array | null = null;
    let pin: string | null = null;
    return {
      der: u8(x.raw).slice(),
      subject: x.subject,
      issuer: x.issuer,
      subjectAltName: x.subjectAltName,
      serialNumber: x.serialNumber,
      validFromMs: Date.parse(x.validFrom),
      validToMs: Date.parse(x.validTo),
      isCa: x.ca,
      fingerprint256: x.fingerprint256,
      // Exporting the SPKI costs ~100 µs (OpenSSL 3 encoders), so it and the pin are computed on first use.
      get publicKeySpki() {
        return (spki ??= u8(publicKey.export({ format: 'der', type: 'spki' })));
      },
      get spkiSha256Base64() {
        return (pin ??= nodeCrypto.createHash('sha256').update(this.publicKeySpki).digest('base64'));
      },
      publicKeyType: publicKey.asymmetricKeyType ?? 'unknown',
      verifySignature: (scheme: number, content: Uint8Array, signature: Uint8Array) => verifyWithKey(scheme, publicKey, content, signature),
      matchesHostName: (hostName: string) =>
        withCleanErrorQueue(() => x.checkHost(hostName, { subject: 'never', wildcards: true, partialWildcards: false }) !== undefined),
      matchesIp: (ip: string) => withCleanErrorQueue(() => x.checkIP(ip) !== undefined),
      isIssuedBy(issuer: ParsedCertificate) {
        const other = x509Of.get(issuer);
        if (!other) return false;
        return withCleanErrorQueue(() => {
          try {
            return x.checkIssued(other) && x.verify(other.publicKey);
          } catch {
            return false;
          }
        });
      },
    };
  });
  x509Of.set(cert, x);
  return cert;
}

/** Parses a DER certificate; throws TlsError(bad_certificate) when it is not a certificate we can read (RFC 8446 §4.4.2.4). */
export function parseCertificateDer(der: Uint8Array): ParsedCertificate {
  try {
    return parseX509(withCleanErrorQueue(() => new nodeCrypto.X509Certificate(Buffer.from(der))));
  } catch {
    throw new TlsError(TlsAlert.bad_certificate, 'certificate is not a readable X.509 certificate');
  }
}

/** Parses every certificate of a PEM text (one or more BEGIN CERTIFICATE blocks, in order); UsageError when there is none or one is broken. */
export function parseCertificatesPem(pem: string): ParsedCertificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new UsageError('no PEM certificate found');
  return blocks.map((b) => {
    try {
      return parseX509(new nodeCrypto.X509Certificate(b));
    } catch (e) {
      throw new UsageError(`cannot read a PEM certificate: ${(e as Error).message}`);
    }
  });
}
