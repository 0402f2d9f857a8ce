import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal, aesEcbEncryptBlock, constantTimeEqual, generateEcdheKeyPair, hash } from './crypto';
import { TlsError } from './errors';
import { hkdfExpand, hkdfExtract } from './hkdf';
import { hex, toHexString as h } from './test-helpers';

describe('crypto provider', () => {
  it('HKDF matches RFC 5869 A.1', () => {
    const prk = hkdfExtract('sha256', hex('000102030405060708090a0b0c'), hex('0b'.repeat(22)));
    expect(h(prk)).toBe('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
    expect(h(hkdfExpand('sha256', prk, hex('f0f1f2f3f4f5f6f7f8f9'), 42))).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('AES-128-GCM and AES-256-GCM seal/open, and open fails on a flipped bit', () => {
    for (const [alg, keyLen] of [['aes-128-gcm', 16], ['aes-256-gcm', 32]] as const) {
      const key = new Uint8Array(keyLen).fill(7);
      const nonce = new Uint8Array(12).fill(1);
      const aad = hex('c0ffee');
      const sealed = aeadSeal(alg, key, nonce, aad, hex('48656c6c6f'));
      expect(sealed.length).toBe(5 + 16);
      expect(h(aeadOpen(alg, key, nonce, aad, sealed)!)).toBe('48656c6c6f');
      sealed[0]! ^= 1;
      expect(aeadOpen(alg, key, nonce, aad, sealed)).toBeNull();
      expect(aeadOpen(alg, key, nonce, aad, new Uint8Array(3))).toBeNull();
    }
    // NIST GCM test case 2 (zero key, zero IV, one zero block).
    expect(h(aeadSeal('aes-128-gcm', new Uint8Array(16), new Uint8Array(12), new Uint8Array(0), new Uint8Array(16)))).toBe(
      '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf',
    );
  });

  it('AES-ECB single block (FIPS 197 C.1)', () => {
    expect(h(aesEcbEncryptBlock(hex('000102030405060708090a0b0c0d0e0f'), hex('00112233445566778899aabbccddeeff')))).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
  });

  it('ECDHE x25519 and secp256r1 agree, and invalid shares are TlsError', () => {
    for (const group of ['x25519', 'secp256r1'] as const) {
      const a = generateEcdheKeyPair(group);
      const b = generateEcdheKeyPair(group);
      expect(h(a.computeSharedSecret(b.publicKey))).toBe(h(b.computeSharedSecret(a.publicKey)));
      expect(() => a.computeSharedSecret(new Uint8Array(5))).toThrow(TlsError);
    }
    expect(generateEcdheKeyPair('secp256r1').publicKey.length).toBe(65);
    // An all-zero x25519 result (low-order point) must be rejected (RFC 8446 §7.4.2).
    expect(() => generateEcdheKeyPair('x25519').computeSharedSecret(new Uint8Array(32))).toThrow(TlsError);
  });

  it('hash and constant-time compare', () => {
    expect(h(hash('sha256'))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hash('sha384').length).toBe(48);
    expect(constantTimeEqual(hex('0102'), hex('0102'))).toBe(true);
    expect(constantTimeEqual(hex('0102'), hex('0103'))).toBe(false);
    expect(constantTimeEqual(hex('0102'), hex('01'))).toBe(false);
  });
});
