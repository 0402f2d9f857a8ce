/**
 * Our QUIC client (sans-IO core + UDP adapter) against Caddy's HTTP/3 (quic-go): the handshake completes with
 * ALPN h3 against our own certificate (pinned), and a minimal hand-encoded HTTP/3 request on stream 0 gets
 * Caddy's response back. Skips when caddy is not installed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuicUdpClient } from '../net/udp-quic';
import { generateCertificate } from '../server/certificate';
import type { QuicPacketData } from '../../../shared/events';
import { startTestEngine } from '../test-support/engine-fixture';
import { freePort, hasCommand, startPeer, waitForPort, type PeerProcess } from '../test-support/peers';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 } from '../protocols/tls13/cipher-suites';

const hasCaddy = hasCommand('caddy');
if (!hasCaddy) console.warn('quic-caddy: caddy is not installed (apt-get install -y caddy); skipping');

/** A HEADERS frame (RFC 9114 §7.2.2) with a QPACK field section using only the static table and literals (RFC 9204 §4.5). */
function requestHeaders(authority: string, path = '/'): Uint8Array {
  const auth = new TextEncoder().encode(authority);
  if (auth.length > 127 || path !== '/') throw new Error('test helper handles short authorities and / only');
  const section = [
    0x00, 0x00, // Required Insert Count 0, Delta Base 0
    0xc0 | 17, // :method GET (static 17)
    0xc0 | 23, // :scheme https (static 23)
    0xc0 | 1, // :path / (static 1)
    0x50 | 0, // :authority (static name 0), literal value
    auth.length,
    ...auth,
  ];
  return Uint8Array.from([0x01, section.length, ...section]);
}

describe.skipIf(!hasCaddy)('our QUIC client against Caddy (HTTP/3)', () => {
  let caddy: PeerProcess;
  let dir: string;
  let port: number;
  let certPem: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'framescope-quic-caddy-'));
    const cert = await generateCertificate();
    certPem = cert.certPem;
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    port = await freePort();
    writeFileSync(
      join(dir, 'Caddyfile'),
      `{\n\tadmin off\n\tskip_install_trust\n\tauto_https disable_redirects\n\tservers {\n\t\tprotocols h1 h2 h3\n\t}\n}\nhttps://localhost:${port} {\n\tbind 127.0.0.1\n\ttls ${dir}/cert.pem ${dir}/key.pem\n\trespond "hello proto={http.request.proto}"\n}\n`,
    );
    caddy = startPeer('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir });
    await waitForPort(port, 20_000, caddy.child);
  }, 30_000);

  afterAll(async () => {
    await caddy?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const suite of [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]) {
    it(`handshakes (${suite.name}, ALPN h3) and exchanges an HTTP/3 request and response`, async () => {
      const client = await QuicUdpClient.connect({ role: 'client', alpn: ['h3'], serverName: 'localhost', trust: { kind: 'pinned-cert', pem: certPem }, validationTimeMs: Date.now(), cipherSuites: [suite] }, '127.0.0.1', port);
      const events: string[] = [];
      const response: number[] = [];
      let fin = false;
      client.onEvent((e) => {
        if (e.kind === 'trace') events.push(e.name);
        if (e.kind === 'stream_data' && e.streamId === 0) {
          response.push(...e.data);
          fin ||= e.fin;
        }
      });
      try {
        await client.handshake(5000);
        expect(client.conn.alpn).toBe('h3');
        expect(client.conn.cipherSuite).toBe(suite.name);
        // control stream: type 0x00, SETTINGS (0x04) of length 0 (RFC 9114 §6.2.1, §7.2.4)
        const control = client.conn.openStream(false)!;
        client.conn.write(control, Uint8Array.of(0x00, 0x04, 0x00));
        const request = client.conn.openStream(true)!;
        expect(request).toBe(0);
        client.conn.write(request, requestHeaders(`localhost:${port}`), true);
        client.driver.kick();
        const deadline = Date.now() + 5000;
        while (!fin && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        expect(fin).toBe(true);
        const text = Buffer.from(response).toString('latin1');
        expect(text).toContain('hello proto=HTTP/3.0');
        // first frame is HEADERS (type 0x01)
        expect(response[0]).toBe(0x01);
        expect(events).toEqual(expect.arrayContaining(['quic:packet_sent', 'quic:packet_received', 'quic:packets_acked', 'quic:key_updated', 'tls:handshake_message', 'quic:parameters_set']));
        expect(client.conn.isHandshakeConfirmed).toBe(true);
      } finally {
        await client.close(0x100n, '', 500); // H3_NO_ERROR
      }
    }, 20_000);
  }

  it('the quic-handshake lesson runs against Caddy as a target URL (trust: its certificate, pinned), with a key update', async () => {
    const { engine, cleanup } = await startTestEngine();
    try {
      const run = await engine.run({ scenario: 'quic-handshake', target: `https://localhost:${port}/`, trust: { caPem: certPem }, options: { cipher: 'TLS_AES_256_GCM_SHA384', keyUpdate: true } });
      expect(await run.finished).toEqual({ ok: true });
      const events = engine.currentEvents();
      const conn = engine.currentConnections().find((c) => c.transport === 'udp')!;
      expect(conn).toMatchObject({ vantages: ['client'], alpn: 'h3', cipher: 'TLS_AES_256_GCM_SHA384' });
      const notes = events.filter((e) => e.name === 'app:note').map((e) => (e.data as { text: string }).text);
      expect(notes.some((n) => n.startsWith('stream 0: the server answered 200 in HTTP/3'))).toBe(true);
      // quic-go followed our key update (RFC 9001 §6): its packets came back under Key Phase 1, and the second request got its answer
      const phases = events.filter((e) => e.name === 'quic:packet_received' && (e.data as QuicPacketData).header.packet_type === '1RTT').map((e) => (e.data as QuicPacketData).header.key_phase);
      expect(phases).toContain(1);
      expect(notes.some((n) => /stream 4: 200, \d+ bytes back under the new keys/.test(n))).toBe(true);
      expect(events.some((e) => e.name === 'quic:connection_closed' && e.vantage === 'client' && (e.data as { application_code?: number }).application_code === 0x100)).toBe(true);
      expect(engine.keylogText()).toContain('CLIENT_TRAFFIC_SECRET_0');
    } finally {
      await cleanup();
    }
  }, 20_000);
});
