/**
 * The mtls lesson against the embedded server (our QUIC and TLS 1.3 at both ends over UDP; Node's TLS on the
 * server's TCP port, our h2 client over Node's TLS), and the server's client-certificate setting on its own: a
 * certificate its test CA did not issue is refused over QUIC and TCP.
 */
import { connect } from 'node:tls';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuicConnectionClosedData, SessionEvent, TlsHandshakeData, TlsHandshakeMessageData } from '../../../shared/events';
import { QuicClientSession } from '../client/quic-client';
import { parseTarget } from '../client/target';
import type { Engine } from '../engine';
import { TlsAlert } from '../protocols/tls13/errors';
import { startTestEngine } from '../test-support/engine-fixture';
import { QUIC_CERTIFICATE_REQUIRED } from './mtls-lesson';

const tls = (events: readonly SessionEvent[], vantage: 'client' | 'server', dir: 'sent' | 'received'): TlsHandshakeMessageData[] =>
  events.filter((e) => e.name === 'tls:handshake_message' && e.vantage === vantage && e.dir === dir).map((e) => e.data as TlsHandshakeMessageData);
const types = (list: readonly TlsHandshakeMessageData[]): string[] => list.map((m) => m.type);
const notes = (events: readonly SessionEvent[], vantage: 'client' | 'server'): string[] =>
  events.filter((e) => e.name === 'app:note' && e.vantage === vantage).map((e) => (e.data as { text: string }).text);

describe('mtls against the embedded server', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  async function run(options: Record<string, string | number | boolean>, ok = true): Promise<SessionEvent[]> {
    const started = await engine.run({ scenario: 'mtls', options });
    const result = await started.finished;
    expect(result, JSON.stringify(result)).toEqual(ok ? { ok: true } : expect.objectContaining({ ok: false }));
    // the server's last events (its view of the close) trail the run a little
    const deadline = Date.now() + 3000;
    while (engine.currentEvents().filter((e) => e.vantage === 'server' && (e.name === 'quic:connection_closed' || e.name === 'tcp:closed')).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return [...engine.currentEvents()];
  }

  it('shows CertificateRequest, the client Certificate and CertificateVerify from both ends over QUIC; TCP reports the verdict', async () => {
    const events = await run({});
    expect(types(tls(events, 'server', 'sent'))).toEqual(['server_hello', 'encrypted_extensions', 'certificate_request', 'certificate', 'certificate_verify', 'finished']);
    expect(types(tls(events, 'client', 'received'))).toContain('certificate_request');
    expect(types(tls(events, 'client', 'sent'))).toEqual(['client_hello', 'certificate', 'certificate_verify', 'finished']);
    expect(types(tls(events, 'server', 'received'))).toEqual(['client_hello', 'certificate', 'certificate_verify', 'finished']);
    // the client's Certificate carries one certificate, and the server's note names it and says it verified
    const clientCert = tls(events, 'server', 'received').find((m) => m.type === 'certificate')!;
    expect((clientCert.message as { entries: unknown[] }).entries).toHaveLength(1);
    expect(notes(events, 'server').join('\n')).toMatch(/client certificate: CN=Framescope test client; verified: chain to CN=Framescope test CA/);
    // over TCP, Node's TLS: the server's handshake_done has the subject and the verdict
    const tcpDone = events.find((e) => e.name === 'tls:handshake_done' && e.vantage === 'server' && engine.currentConnections().find((c) => c.id === e.conn)?.transport === 'tcp');
    expect(tcpDone?.data).toMatchObject({ peerCertificate: 'CN=Framescope test client', alpn: 'h2' } satisfies Partial<TlsHandshakeData>);
    expect((tcpDone!.data as TlsHandshakeData).verification).toMatch(/^verified/);
    // the lesson leaves the server as it found it
    expect(engine.serverStatus().clientAuth).toEqual({ mode: 'off', trust: 'test-ca' });
  });

  it('refuses a client without a certificate: certificate_required (116) over QUIC and over TCP', async () => {
    const events = await run({ clientCert: false });
    const empty = tls(events, 'server', 'received').find((m) => m.type === 'certificate')!;
    expect((empty.message as { entries: unknown[] }).entries).toHaveLength(0);
    expect(types(tls(events, 'client', 'sent'))).not.toContain('certificate_verify');
    const closed = events.find((e) => e.name === 'quic:connection_closed' && e.vantage === 'client')!.data as QuicConnectionClosedData;
    expect(closed).toMatchObject({ owner: 'remote', connection_code: QUIC_CERTIFICATE_REQUIRED });
    expect(QUIC_CERTIFICATE_REQUIRED).toBe(0x174);
    const tcpClosed = events.find((e) => e.name === 'tcp:closed' && e.vantage === 'client')!;
    expect((tcpClosed.data as { error?: string }).error).toMatch(/alert certificate required|alert number 116/);
    expect(notes(events, 'client').filter((t) => t.includes('refused, certificate_required'))).toHaveLength(2);
  });

  it('lets a client without a certificate in when the server only asks, and says so', async () => {
    const events = await run({ clientCert: false, required: false });
    expect(notes(events, 'server').join('\n')).toMatch(/client certificate: none sent/);
    const tcpDone = events.filter((e) => e.name === 'tls:handshake_done' && e.vantage === 'server').map((e) => e.data as TlsHandshakeData);
    expect(tcpDone.some((d) => d.verification?.startsWith('no client certificate'))).toBe(true);
  });

  it('refuses a certificate its test CA did not issue: unknown_ca (48) over QUIC, a silent close over TCP', async () => {
    const stranger = await selfsigned.generate([{ name: 'commonName', value: 'stranger' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
    const status = engine.setServerSettings({ clientAuth: 'require' });
    try {
      expect(status.clientAuth).toEqual({ mode: 'require', trust: 'test-ca' });
      const target = parseTarget(`https://localhost:${status.tlsPort}/`, { ca: engine.server.certificatePem(), clientCert: { certPem: stranger.cert, keyPem: stranger.private } });
      const session = await QuicClientSession.open(target, engine).catch((e: Error) => e);
      const close = session instanceof QuicClientSession ? await waitClosed(session) : null;
      const code = close?.error?.code ?? (session instanceof Error ? Number(/0x([0-9a-f]+)/i.exec(session.message)?.[1] ?? 'NaN') : NaN);
      expect(code).toBe(0x100 + TlsAlert.unknown_ca);
      if (session instanceof QuicClientSession) await session.close();
      const tcpError = await new Promise<string>((resolve) => {
        const s = connect({ host: '127.0.0.1', port: status.tlsPort, servername: 'localhost', ca: engine.server.certificatePem(), cert: stranger.cert, key: stranger.private, ALPNProtocols: ['http/1.1'] });
        s.on('secureConnect', () => s.write('GET / HTTP/1.1\r\nhost: localhost\r\n\r\n'));
        s.on('data', () => resolve('answered'));
        s.on('error', (e) => resolve(e.message));
        s.on('close', () => resolve('closed'));
      });
      // Node's TLS drops a client whose certificate does not verify without an alert; the server's events say so
      expect(tcpError).toBe('closed');
      const deadline = Date.now() + 2000;
      const failed = (): boolean =>
        engine.currentEvents().some((e) => e.name === 'app:error' && e.vantage === 'server' && /closed before the TLS handshake finished \(the server requires a client certificate/.test((e.data as { message: string }).message));
      while (!failed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(failed()).toBe(true);
    } finally {
      engine.setServerSettings({ clientAuth: 'off' });
    }
  });
});

async function waitClosed(session: QuicClientSession): Promise<QuicClientSession['conn']['closed']> {
  const deadline = Date.now() + 3000;
  while (!session.conn.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return session.conn.closed;
}
