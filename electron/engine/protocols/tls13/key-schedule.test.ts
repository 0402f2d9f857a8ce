import { describe, expect, it } from 'vitest';
import v8448 from '../../../../test-vectors/rfc8448-simple.json';
import v9001 from '../../../../test-vectors/rfc9001-initial.json';
import { TLS_AES_128_GCM_SHA256 } from './cipher-suites';
import { createTranscriptHash, ecdheKeyPairFromPrivateKey } from './crypto';
import { encodeHkdfLabel, hkdfExpandLabel } from './hkdf';
import {
  applicationTrafficSecrets,
  computeEarlySecret,
  computeHandshakeSecret,
  computeMasterSecret,
  emptyTranscriptHash,
  finishedKey,
  finishedVerifyData,
  handshakeTrafficSecrets,
  trafficKeys,
} from './key-schedule';
import { deriveSecret } from './hkdf';
import { quicInitialKeys, quicInitialSecrets, quicNextSecret, quicPacketKeys } from './quic-keys';
import { hex, toHexString as h } from './test-helpers';

describe('RFC 8448 §3 key schedule (TLS_AES_128_GCM_SHA256, x25519)', () => {
  const alg = 'sha256' as const;
  const m = v8448.messages;

  it('ECDHE shared secret from the RFC key pairs', () => {
    const client = ecdheKeyPairFromPrivateKey('x25519', hex(v8448.client_x25519_private));
    const server = ecdheKeyPairFromPrivateKey('x25519', hex(v8448.server_x25519_private));
    expect(h(client.publicKey)).toBe(v8448.client_x25519_public);
    expect(h(server.publicKey)).toBe(v8448.server_x25519_public);
    expect(h(client.computeSharedSecret(server.publicKey))).toBe(v8448.ecdhe_shared_secret);
    expect(h(server.computeSharedSecret(client.publicKey))).toBe(v8448.ecdhe_shared_secret);
  });

  it('early, handshake and master secrets', () => {
    const early = computeEarlySecret(alg);
    expect(h(early)).toBe(v8448.early_secret);
    expect(h(early)).toBe(v9001.tls13_early_secret_no_psk_sha256);
    expect(h(deriveSecret(alg, early, 'derived', emptyTranscriptHash(alg)))).toBe(v8448.derived_from_early);
    const hs = computeHandshakeSecret(alg, early, hex(v8448.ecdhe_shared_secret));
    expect(h(hs)).toBe(v8448.handshake_secret);
    expect(h(deriveSecret(alg, hs, 'derived', emptyTranscriptHash(alg)))).toBe(v8448.derived_from_handshake);
    expect(h(computeMasterSecret(alg, hs))).toBe(v8448.master_secret);
  });

  it('traffic secrets from a running transcript of the RFC messages', () => {
    const transcript = createTranscriptHash(alg);
    transcript.update(hex(m.client_hello));
    transcript.update(hex(m.server_hello));
    const chSh = transcript.digest();
    expect(h(chSh)).toBe(v8448.transcript_hash_ch_sh);
    const hs = computeHandshakeSecret(alg, computeEarlySecret(alg), hex(v8448.ecdhe_shared_secret));
    const hsSecrets = handshakeTrafficSecrets(alg, hs, chSh);
    expect(h(hsSecrets.client)).toBe(v8448.client_handshake_traffic_secret);
    expect(h(hsSecrets.server)).toBe(v8448.server_handshake_traffic_secret);

    const keys = trafficKeys(TLS_AES_128_GCM_SHA256, hsSecrets.server);
    expect(h(keys.key)).toBe(v8448.server_handshake_key);
    expect(h(keys.iv)).toBe(v8448.server_handshake_iv);
    expect(h(finishedKey(alg, hsSecrets.server))).toBe(v8448.server_finished_key);

    transcript.update(hex(m.encrypted_extensions));
    transcript.update(hex(m.certificate));
    transcript.update(hex(m.certificate_verify));
    // Server Finished = HMAC(finished_key, transcript through CertificateVerify) (RFC 8446 §4.4.4).
    expect(h(finishedVerifyData(alg, hsSecrets.server, transcript.digest()))).toBe(m.server_finished.slice(8));
    transcript.update(hex(m.server_finished));
    const chSf = transcript.digest();
    expect(h(chSf)).toBe(v8448.transcript_hash_ch_server_finished);

    const ap = applicationTrafficSecrets(alg, computeMasterSecret(alg, hs), chSf);
    expect(h(ap.client)).toBe(v8448.client_application_traffic_secret_0);
    expect(h(ap.server)).toBe(v8448.server_application_traffic_secret_0);
  });

  it('HkdfLabel layout (RFC 8446 §7.1)', () => {
    expect(h(encodeHkdfLabel(16, 'key', new Uint8Array(0)))).toBe('001009746c733133206b657900');
  });
});

describe('RFC 9001 §5 QUIC keys', () => {
  const dcid = hex(v9001.client_dcid);

  it('HkdfLabel of "client in" and "quic key" (A.1)', () => {
    expect(h(encodeHkdfLabel(32, 'client in', new Uint8Array(0)))).toBe('00200f746c73313320636c69656e7420696e00');
    expect(h(encodeHkdfLabel(16, 'quic key', new Uint8Array(0)))).toBe('00100e746c7331332071756963206b657900');
  });

  it('Initial secrets, keys, IVs and hp keys (A.1)', () => {
    const s = quicInitialSecrets(dcid);
    expect(h(s.initialSecret)).toBe(v9001.initial_secret);
    expect(h(s.client)).toBe(v9001.client_initial_secret);
    expect(h(s.server)).toBe(v9001.server_initial_secret);
    const k = quicInitialKeys(dcid);
    expect([h(k.client.key), h(k.client.iv), h(k.client.hp)]).toEqual([v9001.client_key, v9001.client_iv, v9001.client_hp]);
    expect([h(k.server.key), h(k.server.iv), h(k.server.hp)]).toEqual([v9001.server_key, v9001.server_iv, v9001.server_hp]);
  });

  it('"quic ku" derives a different secret of the same length and keys follow it (§6.1)', () => {
    const s = quicInitialSecrets(dcid).client;
    const next = quicNextSecret(TLS_AES_128_GCM_SHA256, s);
    expect(next.length).toBe(32);
    expect(h(next)).toBe(h(hkdfExpandLabel('sha256', s, 'quic ku', new Uint8Array(0), 32)));
    expect(h(quicPacketKeys(TLS_AES_128_GCM_SHA256, next).key)).not.toBe(v9001.client_key);
  });

  it('rejects versions without a known salt', () => {
    expect(() => quicInitialSecrets(dcid, 0xff00001d)).toThrow(/no Initial salt/);
  });
});
