import { beforeAll, describe, expect, it } from 'vitest';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, type CipherSuite } from '../cipher-suites';
import { ecdheKeyPairFromPrivateKey, hash, hashLength, type EcdheGroup } from '../crypto';
import { findExtension } from '../extensions/types';
import { computeEarlySecret, computeHandshakeSecret, computeMasterSecret, finishedVerifyData, handshakeTrafficSecrets, applicationTrafficSecrets } from '../key-schedule';
import { toHexString as h } from '../test-helpers';
import { TlsClientHandshake } from './client';
import { TlsServerHandshake } from './server';
import { caIssuedCert, clientConfig, pump, selfSignedCert, serverConfig, SERVER_PARAMS, CLIENT_PARAMS, type SideLog, type TestCert } from './test-pair';

let cert: TestCert;
let clientCert: TestCert;
beforeAll(async () => {
  [cert, clientCert] = await Promise.all([selfSignedCert('localhost'), selfSignedCert('client.test')]);
});

/** The secret each side derived for each level and direction must pair up: client write == server read. */
function expectMatchingSecrets(client: SideLog, server: SideLog): void {
  const key = (s: { level: string; direction: string }) => `${s.level}/${s.direction}`;
  const c = new Map(client.secrets.map((s) => [key(s), h(s.secret)]));
  const s = new Map(server.secrets.map((x) => [key(x), h(x.secret)]));
  expect([...c.keys()].sort()).toEqual(['1rtt/read', '1rtt/write', 'handshake/read', 'handshake/write']);
  expect([...s.keys()].sort()).toEqual(['1rtt/read', '1rtt/write', 'handshake/read', 'handshake/write']);
  for (const level of ['handshake', '1rtt']) {
    expect(c.get(`${level}/write`)).toBe(s.get(`${level}/read`));
    expect(c.get(`${level}/read`)).toBe(s.get(`${level}/write`));
  }
}

const types = (log: SideLog, dir: 'sent' | 'received') => log.events.filter((e) => e.dir === dir).map((e) => `${e.level}:${e.type}`);

describe('TLS 1.3 handshake for QUIC, client and server in memory', () => {
  for (const suite of [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]) {
    it(`completes with ${suite.name} over x25519, and both sides agree`, () => {
      const client = new TlsClientHandshake(clientConfig(cert));
      const server = new TlsServerHandshake(serverConfig(cert, { cipherSuites: [suite] }));
      const r = pump(client, server);
      expect(r.error).toBeNull();
      const cd = client.done!;
      const sd = server.done!;
      expect(cd.suite).toBe(suite);
      expect(sd.suite).toBe(suite);
      expect(cd.group).toBe('x25519');
      expect(cd.helloRetry).toBe(false);
      expect(cd.alpn).toBe('h3');
      expect(sd.alpn).toBe('h3');
      expect(sd.serverName).toBe('localhost');
      expect(h(cd.peerTransportParameters)).toBe(h(SERVER_PARAMS));
      expect(h(sd.peerTransportParameters)).toBe(h(CLIENT_PARAMS));
      expect(cd.peerCertificates.length).toBe(1);
      expect(cd.peerVerification?.status).toBe('verified');
      expect(cd.peerSignatureScheme).toBe(0x0403);
      expect(sd.peerCertificates.length).toBe(0);
      expect(h(cd.exporterMasterSecret)).toBe(h(sd.exporterMasterSecret));
      expect(h(cd.resumptionMasterSecret)).toBe(h(sd.resumptionMasterSecret));
      expectMatchingSecrets(r.client, r.server);
      for (const s of [...r.client.secrets, ...r.server.secrets]) {
        expect(s.suite).toBe(suite);
        expect(s.secret.length).toBe(hashLength(suite.hash));
      }
      // Every message is an event on both sides, at the right level.
      const flight = ['initial:client_hello', 'initial:server_hello', 'handshake:encrypted_extensions', 'handshake:certificate', 'handshake:certificate_verify', 'handshake:finished', 'handshake:finished'];
      expect(types(r.client, 'sent')).toEqual(['initial:client_hello', 'handshake:finished']);
      expect(types(r.client, 'received')).toEqual(flight.slice(1, 6));
      expect(types(r.server, 'received')).toEqual(['initial:client_hello', 'handshake:finished']);
      expect(types(r.server, 'sent')).toEqual(flight.slice(1, 6));
      // Raw bytes of a sent event equal those the peer received.
      expect(r.client.events.filter((e) => e.dir === 'received').map((e) => h(e.raw))).toEqual(r.server.events.filter((e) => e.dir === 'sent').map((e) => h(e.raw)));
      // Key logs: four NSS labels with the ClientHello random, identical on both ends.
      const ch = r.client.events[0]!.decoded;
      if (ch.type !== 'client_hello') throw new Error('first event is not the ClientHello');
      const lines = client.keylogLines();
      expect(lines.map((l) => l.split(' ')[0])).toEqual(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0', 'EXPORTER_SECRET']);
      for (const l of lines) expect(l.split(' ')[1]).toBe(h(ch.random));
      expect(server.keylogLines()).toEqual(lines);
      expect(lines[0]!.split(' ')[2]).toBe(h(r.client.secrets.find((s) => s.level === 'handshake' && s.direction === 'write')!.secret));
      // No CCS, no legacy session id, no records: the first output is a bare ClientHello at the initial level.
      expect(r.client.outputs[0]!.level).toBe('initial');
      expect(r.client.outputs[0]!.bytes[0]).toBe(1);
      expect(ch.legacySessionId.length).toBe(0);
    });
  }

  it('server preferring secp256r1 sends a HelloRetryRequest and the client retries with P-256', () => {
    const client = new TlsClientHandshake(clientConfig(cert));
    const server = new TlsServerHandshake(serverConfig(cert, { groups: ['secp256r1'] }));
    const r = pump(client, server);
    expect(r.error).toBeNull();
    expect(client.done!.group).toBe('secp256r1');
    expect(client.done!.helloRetry).toBe(true);
    expect(server.done!.helloRetry).toBe(true);
    expectMatchingSecrets(r.client, r.server);
    expect(types(r.client, 'sent')).toEqual(['initial:client_hello', 'initial:client_hello', 'handshake:finished']);
    expect(types(r.client, 'received')[0]).toBe('initial:hello_retry_request');
    const ch2 = r.client.events.filter((e) => e.type === 'client_hello')[1]!.decoded;
    if (ch2.type !== 'client_hello') throw new Error('not a ClientHello');
    expect(findExtension(ch2.extensions, 'key_share')!.entries.map((e) => e.group)).toEqual([0x17]);
    expect(findExtension(ch2.extensions, 'key_share')!.entries[0]!.keyExchange.length).toBe(65);
  });

  it('a client offering only P-256 completes without a retry', () => {
    const client = new TlsClientHandshake(clientConfig(cert, { groups: ['secp256r1'] }));
    const server = new TlsServerHandshake(serverConfig(cert));
    const r = pump(client, server);
    expect(r.error).toBeNull();
    expect(server.done!.group).toBe('secp256r1');
    expect(server.done!.helloRetry).toBe(false);
  });

  it('the server picks its own cipher suite preference, not the client order', () => {
    const client = new TlsClientHandshake(clientConfig(cert, { cipherSuites: [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384] }));
    const server = new TlsServerHandshake(serverConfig(cert, { cipherSuites: [TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256] }));
    expect(pump(client, server).error).toBeNull();
    expect(client.done!.suite).toBe(TLS_AES_256_GCM_SHA384);
  });

  it('mTLS: the client authenticates with a certificate the server trusts', () => {
    const client = new TlsClientHandshake(clientConfig(cert, { clientIdentity: clientCert }));
    const clientAuth = { trust: { kind: 'pinned-cert' as const, pem: clientCert.certPem }, required: true, validationTimeMs: Date.now() };
    const server = new TlsServerHandshake(serverConfig(cert, { clientAuth }));
    const r = pump(client, server);
    expect(r.error).toBeNull();
    expect(types(r.server, 'sent')).toContain('handshake:certificate_request');
    expect(types(r.client, 'sent')).toEqual(['initial:client_hello', 'handshake:certificate', 'handshake:certificate_verify', 'handshake:finished']);
    expect(server.done!.peerCertificates.length).toBe(1);
    expect(server.done!.peerVerification?.status).toBe('verified');
    expect(server.done!.peerSignatureScheme).toBe(0x0403);
    expectMatchingSecrets(r.client, r.server);
  });

  it('mTLS: a client without a certificate sends an empty Certificate; optional auth accepts it, required auth is certificate_required', () => {
    const optional = { trust: { kind: 'pinned-cert' as const, pem: clientCert.certPem }, required: false, validationTimeMs: Date.now() };
    const client = new TlsClientHandshake(clientConfig(cert));
    const server = new TlsServerHandshake(serverConfig(cert, { clientAuth: optional }));
    const r = pump(client, server);
    expect(r.error).toBeNull();
    expect(types(r.client, 'sent')).toEqual(['initial:client_hello', 'handshake:certificate', 'handshake:finished']);
    expect(server.done!.peerCertificates).toEqual([]);
    expect(server.done!.peerVerification).toBeNull();

    const strict = new TlsServerHandshake(serverConfig(cert, { clientAuth: { ...optional, required: true } }));
    const r2 = pump(new TlsClientHandshake(clientConfig(cert)), strict);
    expect(r2.error?.side).toBe('server');
    expect(r2.error?.error.alert).toBe(116);
  });

  it('mTLS: a client certificate the server does not trust is rejected', () => {
    const clientAuth = { trust: { kind: 'pinned-cert' as const, pem: cert.certPem }, required: true, validationTimeMs: Date.now() };
    const r = pump(new TlsClientHandshake(clientConfig(cert, { clientIdentity: clientCert })), new TlsServerHandshake(serverConfig(cert, { clientAuth })));
    expect(r.error?.side).toBe('server');
    expect(r.error?.error.alert).toBe(42);
  });

  it('the ClientHello split in two at every point still completes the handshake', () => {
    const first = new TlsClientHandshake(clientConfig(cert)).pollOutput()!;
    const bytes = first.bytes;
    for (let cut = 0; cut <= bytes.length; cut++) {
      const server = new TlsServerHandshake(serverConfig(cert));
      server.receive('initial', bytes.subarray(0, cut));
      if (cut < bytes.length) expect(server.pollOutput()).toBeNull();
      server.receive('initial', bytes.subarray(cut));
      const out = server.pollOutput();
      expect(out?.level).toBe('initial');
      expect(out?.bytes[0]).toBe(2);
    }
  });

  it('exposes the peer transport parameters before completion, and after it accepts tickets but no KeyUpdate (RFC 9001 §6)', () => {
    const client = new TlsClientHandshake(clientConfig(cert));
    const server = new TlsServerHandshake(serverConfig(cert));
    server.receive('initial', client.pollOutput()!.bytes);
    expect(h(server.peerTransportParameters!)).toBe(h(CLIENT_PARAMS));
    expect(server.done).toBeNull();
    client.receive('initial', server.pollOutput()!.bytes);
    expect(client.peerTransportParameters).toBeNull();
    client.receive('handshake', server.pollOutput()!.bytes);
    expect(h(client.peerTransportParameters!)).toBe(h(SERVER_PARAMS));
    expect(client.done).not.toBeNull();
    expect(server.done).toBeNull(); // the server completes on the client's Finished
    server.receive('handshake', client.pollOutput()!.bytes);
    expect(server.done).not.toBeNull();
    // A NewSessionTicket at 1-RTT is read and ignored (no resumption yet); a KeyUpdate is forbidden in QUIC.
    client.receive('1rtt', Uint8Array.of(4, 0, 0, 5, 0, 0, 0, 0, 0));
    expect(client.pollEvent()).toBeTruthy();
    expect(() => client.receive('1rtt', Uint8Array.of(24, 0, 0, 1, 0))).toThrow(expect.objectContaining({ alert: 10 }));
    // Anything more for a finished server is unexpected.
    expect(() => server.receive('handshake', Uint8Array.of(20, 0, 0, 0))).toThrow(expect.objectContaining({ alert: 10 }));
  });

  it('chains to a CA the client trusts', async () => {
    const { ca, leaf } = await caIssuedCert('quic.example');
    const client = new TlsClientHandshake(clientConfig(ca, { serverName: 'quic.example', trust: { kind: 'ca', pems: [ca.certPem] } }));
    const r = pump(client, new TlsServerHandshake(serverConfig(leaf)));
    expect(r.error).toBeNull();
    expect(client.done!.peerCertificates.length).toBe(2);
    expect(client.done!.peerVerification).toMatchObject({ status: 'verified', trust: 'ca' });
  });
});

describe('key schedule cross-check from the wire bytes', () => {
  // Fixed ephemeral keys so the test can recompute everything independently from the transcript.
  const clientPriv = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const serverPriv = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
  const keys = (priv: Uint8Array) => (group: EcdheGroup) => ecdheKeyPairFromPrivateKey(group, priv);

  for (const [suite, retry] of [[TLS_AES_128_GCM_SHA256, false], [TLS_AES_256_GCM_SHA384, false], [TLS_AES_256_GCM_SHA384, true]] as [CipherSuite, boolean][]) {
    it(`recomputes the secrets and Finished of a ${suite.name} handshake${retry ? ' after a HelloRetryRequest' : ''}`, () => {
      const client = new TlsClientHandshake(clientConfig(cert, { ecdhe: keys(clientPriv) }));
      const server = new TlsServerHandshake(serverConfig(cert, { cipherSuites: [suite], ecdhe: keys(serverPriv), groups: retry ? ['secp256r1'] : undefined }));
      const r = pump(client, server);
      expect(r.error).toBeNull();
      const alg = suite.hash;
      const group: EcdheGroup = retry ? 'secp256r1' : 'x25519';
      // The server's view of the wire, in order: what it received and sent.
      const wire = r.server.events.map((e) => e.raw);
      const shared = ecdheKeyPairFromPrivateKey(group, clientPriv).computeSharedSecret(ecdheKeyPairFromPrivateKey(group, serverPriv).publicKey);
      // Transcript prefix: with a retry, ClientHello1 becomes message_hash (RFC 8446 §4.4.1).
      const prefix: Uint8Array[] = [];
      let rest = wire;
      if (retry) {
        const d = hash(alg, wire[0]!);
        prefix.push(Uint8Array.of(254, 0, 0, d.length, ...d), wire[1]!);
        rest = wire.slice(2);
      }
      const upTo = (n: number) => hash(alg, ...prefix, ...rest.slice(0, n));
      // rest: CH, SH, EE, Certificate, CV, server Finished, client Finished
      const hsSecret = computeHandshakeSecret(alg, computeEarlySecret(alg), shared);
      const hs = handshakeTrafficSecrets(alg, hsSecret, upTo(2));
      const app = applicationTrafficSecrets(alg, computeMasterSecret(alg, hsSecret), upTo(6));
      const got = (level: string, direction: string) => h(r.client.secrets.find((s) => s.level === level && s.direction === direction)!.secret);
      expect(got('handshake', 'write')).toBe(h(hs.client));
      expect(got('handshake', 'read')).toBe(h(hs.server));
      expect(got('1rtt', 'write')).toBe(h(app.client));
      expect(got('1rtt', 'read')).toBe(h(app.server));
      // Both Finished messages carry HMACs we can recompute (RFC 8446 §4.4.4).
      expect(h(rest[5]!.subarray(4))).toBe(h(finishedVerifyData(alg, hs.server, upTo(5))));
      expect(h(rest[6]!.subarray(4))).toBe(h(finishedVerifyData(alg, hs.client, upTo(6))));
      expect(client.keylogLines()[2]).toContain(h(app.client));
    });
  }
});
