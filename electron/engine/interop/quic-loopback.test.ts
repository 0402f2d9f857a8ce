/**
 * Our QUIC client against our QUIC server over real UDP sockets on loopback (the net/udp-quic adapter on both
 * ends): handshake, a request and a 2 MB response, and routing by connection ID at the server.
 */
import { describe, expect, it } from 'vitest';
import { QuicUdpClient, QuicUdpServer } from '../net/udp-quic';
import { selfSignedCert } from '../protocols/tls13/handshake/test-pair';

describe('our QUIC client and server over UDP loopback', () => {
  it('handshake, then 2 MB on a bidirectional stream', async () => {
    const cert = await selfSignedCert('localhost');
    const server = await QuicUdpServer.listen({ role: 'server', alpn: ['h3'], identity: cert, tracing: false }, 0);
    const size = 2 * 1024 * 1024;
    server.onEvents = (conn, events) => {
      for (const e of events) if (e.kind === 'stream_data' && e.fin) conn.write(e.streamId, new Uint8Array(size).fill(7), true);
    };
    const client = await QuicUdpClient.connect({ role: 'client', alpn: ['h3'], serverName: 'localhost', trust: { kind: 'pinned-cert', pem: cert.certPem }, validationTimeMs: Date.now(), tracing: false }, '127.0.0.1', server.port);
    let n = 0;
    let fin = false;
    client.onEvent((e) => {
      if (e.kind === 'stream_data') {
        n += e.data.length;
        fin ||= e.fin;
      }
    });
    try {
      const t0 = performance.now();
      await client.handshake(5000);
      const handshakeMs = performance.now() - t0;
      const id = client.conn.openStream(true)!;
      client.conn.write(id, Uint8Array.of(1), true);
      client.driver.kick();
      const t1 = performance.now();
      const deadline = Date.now() + 10_000;
      while (!fin && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const ms = performance.now() - t1;
      expect(n).toBe(size);
      expect(server.connectionCount).toBe(1);
      console.log(`loopback: handshake ${handshakeMs.toFixed(1)} ms, 2 MiB in ${ms.toFixed(0)} ms (${(2 / (ms / 1000)).toFixed(1)} MiB/s)`);
    } finally {
      await client.close(0n, '', 300);
      server.close();
    }
  }, 20_000);
});
