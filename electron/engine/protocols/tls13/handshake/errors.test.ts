import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificatesPem } from '../crypto';
import { TlsError } from '../errors';
import type { HandshakeMessage } from '../messages/handshake';
import { TlsClientHandshake } from './client';
import { TlsServerHandshake } from './server';
import { caIssuedCert, clientConfig, pump, rewriteMessages, selfSignedCert, serverConfig, type Tamper, type TestCert } from './test-pair';
import type { TlsClientConfig, TlsServerConfig } from './types';

let cert: TestCert;
let other: TestCert;
beforeAll(async () => {
  [cert, other] = await Promise.all([selfSignedCert('localhost'), selfSignedCert('elsewhere.test')]);
});

function run(c: Partial<TlsClientConfig> = {}, s: Partial<TlsServerConfig> = {}, tamper?: Tamper, serverCert: TestCert = cert) {
  const client = new TlsClientHandshake(clientConfig(cert, c));
  const server = new TlsServerHandshake(serverConfig(serverCert, s));
  return { clientCore: client, serverCore: server, ...pump(client, server, tamper) };
}

/** A tamper that edits messages of one type sent by one side. */
function editing(from: 'client' | 'server', type: HandshakeMessage['type'], edit: (m: HandshakeMessage) => HandshakeMessage | Uint8Array): Tamper {
  return (who, out) => (who !== from ? out : { level: out.level, bytes: rewriteMessages(out.bytes, (m) => (m.type === type ? edit(m) : m)) });
}

function expectAlert(r: { error: { side: string; error: TlsError } | null }, side: 'client' | 'server', alert: number): void {
  expect(r.error, 'expected a TLS error').not.toBeNull();
  expect({ side: r.error!.side, alert: r.error!.error.alert }).toEqual({ side, alert });
  expect(r.error!.error.initiator).toBe('remote');
}

describe('handshake failures carry the right alert', () => {
  it('no common ALPN: the server sends no_application_protocol (120)', () => {
    expectAlert(run({ alpn: ['h3-29'] }, { alpn: ['h3'] }), 'server', 120);
  });

  it('the server choosing an ALPN the client never offered is illegal_parameter; none at all is 120', () => {
    const swap = editing('server', 'encrypted_extensions', (m) => (m.type === 'encrypted_extensions' ? { ...m, extensions: m.extensions.map((e) => (e.kind === 'alpn' ? { ...e, protocols: ['hq-interop'] } : e)) } : m));
    expectAlert(run({}, {}, swap), 'client', 47);
    const drop = editing('server', 'encrypted_extensions', (m) => (m.type === 'encrypted_extensions' ? { ...m, extensions: m.extensions.filter((e) => e.kind !== 'alpn') } : m));
    expectAlert(run({}, {}, drop), 'client', 120);
  });

  it('missing quic_transport_parameters is missing_extension (109), in either direction', () => {
    const fromClient = editing('client', 'client_hello', (m) => (m.type === 'client_hello' ? { ...m, extensions: m.extensions.filter((e) => e.kind !== 'quic_transport_parameters') } : m));
    expectAlert(run({}, {}, fromClient), 'server', 109);
    const fromServer = editing('server', 'encrypted_extensions', (m) => (m.type === 'encrypted_extensions' ? { ...m, extensions: m.extensions.filter((e) => e.kind !== 'quic_transport_parameters') } : m));
    expectAlert(run({}, {}, fromServer), 'client', 109);
  });

  it('a tampered Finished is decrypt_error (51), in either direction', () => {
    const flip = (m: HandshakeMessage) => (m.type === 'finished' ? { ...m, verifyData: m.verifyData.map((b, i) => (i === 0 ? b ^ 1 : b)) } : m);
    expectAlert(run({}, {}, editing('server', 'finished', flip)), 'client', 51);
    expectAlert(run({}, {}, editing('client', 'finished', flip)), 'server', 51);
  });

  it('a tampered CertificateVerify signature is decrypt_error (51)', () => {
    const flip = (m: HandshakeMessage) => (m.type === 'certificate_verify' ? { ...m, signature: m.signature.map((b, i) => (i === 10 ? b ^ 0x80 : b)) } : m);
    expectAlert(run({}, {}, editing('server', 'certificate_verify', flip)), 'client', 51);
  });

  it('a certificate for another name is bad_certificate (42) unless the trust choice is insecure', () => {
    expectAlert(run({ trust: { kind: 'ca', pems: [other.certPem] } }, {}, undefined, other), 'client', 42);
    expectAlert(run({ trust: { kind: 'pinned-cert', pem: other.certPem } }, {}, undefined, other), 'client', 42);
    const insecure = run({ trust: { kind: 'insecure' } }, {}, undefined, other);
    expect(insecure.error).toBeNull();
    const v = insecure.clientCore.done!.peerVerification!;
    expect(v.status).toBe('not-verified');
    expect(v.summary).toMatch(/^NOT VERIFIED/);
    if (v.status === 'not-verified') expect(v.problems.join()).toMatch(/not for "localhost"/);
  });

  it('spki-pin trust: a matching pin verifies, another pin is bad_certificate', () => {
    const pin = parseCertificatesPem(cert.certPem)[0]!.spkiSha256Base64;
    const ok = run({ trust: { kind: 'spki-pin', sha256Base64: pin } });
    expect(ok.error).toBeNull();
    expect(ok.clientCore.done!.peerVerification).toMatchObject({ status: 'verified', trust: 'spki-pin' });
    const wrong = parseCertificatesPem(other.certPem)[0]!.spkiSha256Base64;
    expectAlert(run({ trust: { kind: 'spki-pin', sha256Base64: [wrong] } }), 'client', 42);
  });

  it('an unknown CA is unknown_ca (48); an expired certificate is certificate_expired (45)', async () => {
    const { leaf } = await caIssuedCert('localhost');
    expectAlert(run({ trust: { kind: 'ca', pems: [cert.certPem] } }, {}, undefined, leaf), 'client', 48);
    expectAlert(run({ validationTimeMs: Date.now() + 5 * 365 * 86400_000 }), 'client', 45);
  });

  it('an empty server Certificate is decode_error (50)', () => {
    expectAlert(run({}, {}, editing('server', 'certificate', (m) => (m.type === 'certificate' ? { ...m, entries: [] } : m))), 'client', 50);
  });

  it('a ServerHello with a cipher suite the client did not offer is illegal_parameter (47)', () => {
    const r = run({ cipherSuites: undefined }, {}, editing('server', 'server_hello', (m) => (m.type === 'server_hello' ? { ...m, cipherSuite: 0x1303 } : m)));
    expectAlert(r, 'client', 47);
  });

  it('a non-empty legacy_session_id is rejected (RFC 9001 §8.4)', () => {
    const withId = editing('client', 'client_hello', (m) => (m.type === 'client_hello' ? { ...m, legacySessionId: new Uint8Array(32).fill(7) } : m));
    expectAlert(run({}, {}, withId), 'server', 47);
  });

  it('no common cipher suite or group is handshake_failure (40)', () => {
    const suites = editing('client', 'client_hello', (m) => (m.type === 'client_hello' ? { ...m, cipherSuites: [0x1303] } : m));
    expectAlert(run({}, {}, suites), 'server', 40);
    expectAlert(run({ groups: ['secp256r1'] }, { groups: ['x25519'] }), 'server', 40);
  });

  it('messages out of order or at the wrong level are unexpected_message (10)', () => {
    // A Finished where a ClientHello is expected.
    const server = new TlsServerHandshake(serverConfig(cert));
    expect(() => server.receive('initial', Uint8Array.of(20, 0, 0, 32, ...new Uint8Array(32)))).toThrow(expect.objectContaining({ alert: 10 }));
    // Once failed, the core repeats its error.
    expect(() => server.receive('initial', Uint8Array.of(1))).toThrow(expect.objectContaining({ alert: 10 }));
    // A ClientHello at the handshake level.
    const hello = new TlsClientHandshake(clientConfig(cert)).pollOutput()!.bytes;
    expect(() => new TlsServerHandshake(serverConfig(cert)).receive('handshake', hello)).toThrow(expect.objectContaining({ alert: 10 }));
    // A second HelloRetryRequest.
    const client = new TlsClientHandshake(clientConfig(cert));
    const s2 = new TlsServerHandshake(serverConfig(cert, { groups: ['secp256r1'] }));
    s2.receive('initial', client.pollOutput()!.bytes);
    const hrr = s2.pollOutput()!.bytes;
    client.receive('initial', hrr);
    expect(() => client.receive('initial', hrr)).toThrow(expect.objectContaining({ alert: 10 }));
  });

  it('a handshake message larger than the limit is rejected before it is buffered', () => {
    const server = new TlsServerHandshake(serverConfig(cert));
    expect(() => server.receive('initial', Uint8Array.of(1, 0xff, 0xff, 0xff))).toThrow(expect.objectContaining({ alert: 47 }));
  });

  it('configuration mistakes are UsageError, not TlsError', () => {
    expect(() => new TlsServerHandshake(serverConfig({ ...cert, privateKeyPem: other.privateKeyPem }))).toThrow(/does not match/);
    expect(() => new TlsClientHandshake(clientConfig(cert, { alpn: [] }))).toThrow(/ALPN/);
  });
});
