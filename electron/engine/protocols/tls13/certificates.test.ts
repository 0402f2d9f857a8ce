import * as nodeCrypto from 'node:crypto';
import selfsigned from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCertificateChain, type TrustChoice } from './certificates';
import { ecdheKeyPairFromPrivateKey, loadEcdsaP256SigningKey, parseCertificateDer, parseCertificatesPem, verifySignature } from './crypto';
import { TlsError } from './errors';
import { caIssuedCert, selfSignedCert, type TestCert } from './handshake/test-pair';

// Independent signers: node:crypto directly (tests may; production code goes through crypto.ts).
const content = new TextEncoder().encode('TLS 1.3, server CertificateVerify test content');
const spkiOf = (k: nodeCrypto.KeyObject) => new Uint8Array(k.export({ format: 'der', type: 'spki' }));

let cert: TestCert;
let chain: { ca: TestCert; leaf: TestCert };
beforeAll(async () => {
  [cert, chain] = await Promise.all([selfSignedCert('localhost'), caIssuedCert('api.example')]);
});

describe('signatures (RFC 8446 §4.2.3)', () => {
  it('ECDSA P-256/SHA-256: we sign DER, verify our own and node-made signatures, and reject tampering', () => {
    const key = loadEcdsaP256SigningKey(cert.privateKeyPem);
    const sig = key.sign(content);
    expect(sig[0]).toBe(0x30); // DER SEQUENCE, not raw r||s
    expect(verifySignature(0x0403, key.publicKeySpki, content, sig)).toBe(true);
    expect(nodeCrypto.verify('sha256', content, { key: nodeCrypto.createPublicKey(cert.certPem), dsaEncoding: 'der' }, sig)).toBe(true);
    const tampered = sig.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(verifySignature(0x0403, key.publicKeySpki, content, tampered)).toBe(false);
    expect(verifySignature(0x0503, key.publicKeySpki, content, sig)).toBe(false); // P-384 scheme, P-256 key
    expect(verifySignature(0x0804, key.publicKeySpki, content, sig)).toBe(false); // RSA scheme, EC key
    expect(verifySignature(0x0201, key.publicKeySpki, content, sig)).toBe(false); // unknown to us
    expect(verifySignature(0x0403, new Uint8Array(10), content, sig)).toBe(false); // not a key
  });

  it('rsa_pss_rsae_sha256 needs PSS with a 32-byte salt; PKCS#1 v1.5 is refused', () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pss = (saltLength: number) => new Uint8Array(nodeCrypto.sign('sha256', content, { key: privateKey, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength }));
    expect(verifySignature(0x0804, spkiOf(publicKey), content, pss(32))).toBe(true);
    expect(verifySignature(0x0804, spkiOf(publicKey), content, pss(20))).toBe(false);
    expect(verifySignature(0x0804, spkiOf(publicKey), content, new Uint8Array(nodeCrypto.sign('sha256', content, privateKey)))).toBe(false);
    const pss384 = new Uint8Array(nodeCrypto.sign('sha384', content, { key: privateKey, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }));
    expect(verifySignature(0x0805, spkiOf(publicKey), content, pss384)).toBe(true);
  });

  it('ed25519 verifies, and refuses a flipped bit or another key type', () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ed25519');
    const sig = new Uint8Array(nodeCrypto.sign(null, content, privateKey));
    expect(verifySignature(0x0807, spkiOf(publicKey), content, sig)).toBe(true);
    sig[5]! ^= 4;
    expect(verifySignature(0x0807, spkiOf(publicKey), content, sig)).toBe(false);
    expect(verifySignature(0x0807, loadEcdsaP256SigningKey(cert.privateKeyPem).publicKeySpki, content, sig)).toBe(false);
  });

  it('an RSA certificate verifies rsa_pss_rsae_sha256 with its own key', async () => {
    const rsa = await selfsigned.generate([{ name: 'commonName', value: 'rsa.test' }], { keySize: 2048, algorithm: 'sha256' });
    const parsed = parseCertificatesPem(rsa.cert)[0]!;
    expect(parsed.publicKeyType).toBe('rsa');
    const sig = new Uint8Array(nodeCrypto.sign('sha256', content, { key: rsa.private, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }));
    expect(parsed.verifySignature(0x0804, content, sig)).toBe(true);
    expect(parsed.verifySignature(0x0403, content, sig)).toBe(false);
  });

  it('only ECDSA P-256 keys can sign (a configuration error is UsageError)', () => {
    const ed = nodeCrypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => loadEcdsaP256SigningKey(ed)).toThrow(/P-256/);
    expect(() => loadEcdsaP256SigningKey('not a key')).toThrow(/PEM/);
  });
});

describe('X.509 parsing (RFC 5280)', () => {
  it('reads names, validity, key and pins; matches DNS and IP subjectAltNames only', () => {
    const c = parseCertificatesPem(cert.certPem)[0]!;
    expect(c.subject).toBe('CN=localhost');
    expect(c.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(c.validFromMs).toBeLessThanOrEqual(Date.now());
    expect(c.validToMs).toBeGreaterThan(Date.now());
    expect(c.isCa).toBe(false);
    expect(c.publicKeyType).toBe('ec');
    expect(c.spkiSha256Base64).toBe(nodeCrypto.createHash('sha256').update(c.publicKeySpki).digest('base64'));
    expect(c.publicKeySpki).toEqual(loadEcdsaP256SigningKey(cert.privateKeyPem).publicKeySpki);
    expect(c.matchesHostName('localhost')).toBe(true);
    expect(c.matchesHostName('LOCALHOST')).toBe(true);
    expect(c.matchesHostName('evil.localhost')).toBe(false);
    expect(c.matchesIp('127.0.0.1')).toBe(true);
    expect(c.matchesIp('127.0.0.2')).toBe(false);
    expect(c.isIssuedBy(c)).toBe(true); // self-signed
    expect(parseCertificateDer(c.der).fingerprint256).toBe(c.fingerprint256);
  });

  it('unreadable DER is bad_certificate; a PEM chain parses in order', () => {
    expect(() => parseCertificateDer(Uint8Array.of(0x30, 0x03, 1, 2, 3))).toThrow(expect.objectContaining({ alert: 42 }));
    const certs = parseCertificatesPem(chain.leaf.certificateChainPem);
    expect(certs.map((c) => c.subject)).toEqual(['CN=api.example', 'CN=Framescope Test CA']);
    expect(certs[0]!.isIssuedBy(certs[1]!)).toBe(true);
    expect(certs[1]!.isIssuedBy(certs[0]!)).toBe(false);
  });

  it('a malformed certificate leaves no stale OpenSSL error behind for the next key import', () => {
    // Node leaves ASN.1 errors queued when it reads a broken subjectAltName; crypto.ts drains them.
    const der = parseCertificatesPem(cert.certPem)[0]!.der;
    let parsedBroken = 0;
    for (let i = 0; i < der.length * 8; i += 3) {
      const m = der.slice();
      m[i >> 3]! ^= 1 << (i & 7);
      try {
        const c = parseCertificateDer(m);
        void c.subjectAltName;
        c.matchesHostName('localhost');
        parsedBroken++;
      } catch (e) {
        expect(e).toBeInstanceOf(TlsError);
      }
      expect(() => ecdheKeyPairFromPrivateKey('x25519', new Uint8Array(32).fill(3))).not.toThrow();
    }
    expect(parsedBroken).toBeGreaterThan(0);
  });
});

describe('certificate chain validation against a trust choice', () => {
  const now = () => Date.now();
  const der = (pem: string) => parseCertificatesPem(pem).map((c) => c.der);
  const alertOf = (f: () => unknown): number | undefined => {
    try {
      f();
    } catch (e) {
      if (e instanceof TlsError) return e.alert;
      throw e;
    }
    return undefined;
  };

  it('ca: a chain to a trusted CA verifies; another CA is unknown_ca; a leaf alone (no intermediate) still chains', () => {
    const trust: TrustChoice = { kind: 'ca', pems: [chain.ca.certPem] };
    expect(validateCertificateChain(der(chain.leaf.certificateChainPem), { trust, host: 'api.example', timeMs: now() })).toMatchObject({ status: 'verified', trust: 'ca' });
    expect(validateCertificateChain(der(chain.leaf.certPem), { trust, host: 'api.example', timeMs: now() }).status).toBe('verified');
    expect(alertOf(() => validateCertificateChain(der(chain.leaf.certificateChainPem), { trust: { kind: 'ca', pems: [cert.certPem] }, host: 'api.example', timeMs: now() }))).toBe(48);
  });

  it('ca: a self-signed certificate listed as trusted verifies itself; names and time are still checked', () => {
    const trust: TrustChoice = { kind: 'ca', pems: [cert.certPem] };
    expect(validateCertificateChain(der(cert.certPem), { trust, host: '127.0.0.1', timeMs: now() }).status).toBe('verified');
    expect(validateCertificateChain(der(cert.certPem), { trust, host: '[127.0.0.1]', timeMs: now() }).status).toBe('verified');
    expect(alertOf(() => validateCertificateChain(der(cert.certPem), { trust, host: 'example.com', timeMs: now() }))).toBe(42);
    expect(alertOf(() => validateCertificateChain(der(cert.certPem), { trust, host: 'localhost', timeMs: 0 }))).toBe(45);
    expect(validateCertificateChain(der(cert.certPem), { trust, timeMs: now() }).status).toBe('verified'); // client certs: no name
  });

  it('a certificate issued by a non-CA certificate is refused', async () => {
    const fake = await selfsigned.generate([{ name: 'commonName', value: 'api.example' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      ca: { key: cert.privateKeyPem, cert: cert.certPem },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'api.example' }] }],
    });
    expect(alertOf(() => validateCertificateChain([...der(fake.cert), ...der(cert.certPem)], { trust: { kind: 'ca', pems: [cert.certPem] }, host: 'api.example', timeMs: now() }))).toBe(42);
  });

  it('pinned-cert and spki-pin', () => {
    const pin = parseCertificatesPem(cert.certPem)[0]!.spkiSha256Base64;
    const opts = { host: 'localhost', timeMs: now() };
    expect(validateCertificateChain(der(cert.certPem), { ...opts, trust: { kind: 'pinned-cert', pem: cert.certPem } }).status).toBe('verified');
    expect(alertOf(() => validateCertificateChain(der(cert.certPem), { ...opts, trust: { kind: 'pinned-cert', pem: chain.ca.certPem } }))).toBe(42);
    expect(validateCertificateChain(der(cert.certPem), { ...opts, trust: { kind: 'spki-pin', sha256Base64: [pin] } })).toMatchObject({ status: 'verified', trust: 'spki-pin' });
    expect(alertOf(() => validateCertificateChain(der(cert.certPem), { ...opts, trust: { kind: 'spki-pin', sha256Base64: 'AAAA' } }))).toBe(42);
  });

  it('insecure accepts anything and says NOT VERIFIED with what would have failed', () => {
    const v = validateCertificateChain(der(cert.certPem), { trust: { kind: 'insecure' }, host: 'example.com', timeMs: 0 });
    expect(v.status).toBe('not-verified');
    expect(v.summary).toMatch(/^NOT VERIFIED/);
    if (v.status === 'not-verified') expect(v.problems.length).toBe(2);
    expect(alertOf(() => validateCertificateChain([], { trust: { kind: 'insecure' }, timeMs: 0 }))).toBe(50);
  });
});
