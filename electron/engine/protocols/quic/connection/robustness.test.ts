import { describe, expect, it } from 'vitest';
import { encodeFrames } from '../frames/codec';
import { sealPacket } from '../packet/protection';
import { clientConfig, QuicPair, serverConfig, testCert } from '../test-support/pair';
import { Space } from '../recovery/loss-detection';
import { TransportErrorCode } from '../wire/errors';
import { ConnectionState, QuicConnection } from './connection';

describe('QUIC connection under bad conditions', () => {
  it('server holds to 3x the bytes received before the client address is validated (RFC 9000 §8.1)', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    let fromClient = 0;
    let fromServer = 0;
    // let only the client's first datagram through; afterwards the client is silent
    pair.link.tamper = (from, d) => {
      if (from === 'client') {
        if (fromClient > 0) return null;
        fromClient += d.length;
      } else fromServer += d.length;
      return d;
    };
    pair.runUntil(() => false, 5000);
    expect(fromClient).toBe(1200);
    expect(fromServer).toBeGreaterThan(0);
    expect(fromServer).toBeLessThanOrEqual(3 * fromClient);
  });

  it('a lost server flight is recovered by PTO', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    let dropped = 0;
    pair.link.tamper = (from, d) => (from === 'server' && dropped++ < 1 ? null : d);
    expect(pair.handshake(5000)).toBe(true);
    expect(pair.traces('server', 'quic:packet_sent').some((t) => t.data.trigger === 'pto_probe') || pair.traces('client', 'quic:packet_sent').some((t) => t.data.trigger === 'pto_probe')).toBe(true);
  });

  it('PTO retransmits lost stream data and the transfer completes', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    let drop = true;
    pair.link.tamper = (from, d) => (from === 'client' && drop ? null : d);
    const id = pair.client.openStream(true)!;
    pair.client.write(id, new Uint8Array(500), true);
    pair.runUntil(() => false, 300);
    drop = false;
    expect(pair.client.metrics.ptoCount).toBeGreaterThan(0);
    expect(pair.runUntil(() => pair.events.server.app.some((e) => e.kind === 'stream_data' && e.fin), 5000)).toBe(true);
    expect(pair.traces('client', 'quic:recovery_metrics_updated').some((t) => t.data.pto_count > 0)).toBe(true);
  });

  it('idle timeout closes both ends silently', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert, { maxIdleTimeoutMs: 2000 }), serverConfig(cert, { maxIdleTimeoutMs: 5000 }));
    expect(pair.handshake()).toBe(true);
    const t0 = pair.now;
    expect(pair.runUntil(() => pair.client.state === ConnectionState.Closed && pair.server.state === ConnectionState.Closed, 10_000)).toBe(true);
    expect(pair.now - t0).toBeGreaterThanOrEqual(1900);
    expect(pair.now - t0).toBeLessThan(2500);
    expect(pair.client.closed?.initiator).toBe('idle');
  });

  it('drops garbage, truncated packets and packets under wrong keys without closing', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    const c = pair.client;
    const now = pair.now;
    c.receive(new Uint8Array(0), now);
    c.receive(Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255), now);
    c.receive(Uint8Array.of(0x40, 1, 2, 3), now);
    // a real 1-RTT packet from the server, truncated and bit-flipped
    let captured: Uint8Array | null = null;
    pair.link.tamper = (from, d) => {
      if (from === 'server' && !captured) captured = d.slice();
      return d;
    };
    pair.server.write(pair.server.openStream(false)!, new Uint8Array(10), true);
    pair.flush();
    expect(captured).not.toBeNull();
    const cap = captured as unknown as Uint8Array;
    c.receive(cap.subarray(0, cap.length - 5), now);
    const flipped = cap.slice();
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    c.receive(flipped, now);
    // a 1-RTT packet sealed with the wrong keys
    const wrong = sealPacket({ header: { type: '1rtt', dcid: c.localConnectionIds()[0]!, keyPhase: false }, packetNumber: 99, pnLength: 2, payload: encodeFrames([{ type: 'ping' }, { type: 'padding', length: 30 }]), keys: { aead: 'aes-128-gcm', key: new Uint8Array(16), iv: new Uint8Array(12), hp: new Uint8Array(16) } });
    c.receive(wrong, now);
    expect(c.state).toBe(ConnectionState.Connected);
    const drops = [...pair.traces('client', 'quic:packet_dropped').map((t) => t.data.trigger), ...c.drainEvents().flatMap((e) => (e.kind === 'trace' && e.name === 'quic:packet_dropped' ? [e.data.trigger] : []))];
    expect(drops).toEqual(expect.arrayContaining(['header_parse_error', 'decryption_failure']));
    expect(pair.runUntil(() => pair.events.client.app.some((e) => e.kind === 'stream_data' && e.fin), 2000)).toBe(true);
  });

  it('a server ignores a first datagram below 1200 bytes (RFC 9000 §14.1)', async () => {
    const cert = await testCert();
    const server = new QuicConnection(serverConfig(cert));
    const client = new QuicConnection(clientConfig(cert));
    const d = client.pollTransmit(0)!;
    server.receive(d.subarray(0, 1100), 0);
    expect(server.pollTransmit(0)).toBeNull();
    server.receive(d, 0);
    expect(server.pollTransmit(0)).not.toBeNull();
  });

  it('closes with FLOW_CONTROL_ERROR when the peer sends beyond the stream limit', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert, { maxStreamData: 1000 }));
    expect(pair.handshake()).toBe(true);
    // forge: a 1-RTT packet from the client with STREAM data past the server's limit
    const c = pair.client;
    const app = c.spaces[Space.Application];
    const pn = app.nextPn++;
    const packet = sealPacket({ header: { type: '1rtt', dcid: c.peerIds.current, keyPhase: false }, packetNumber: pn, pnLength: 2, payload: encodeFrames([{ type: 'stream', streamId: 0, offset: 0, data: new Uint8Array(1500), fin: false, hasLength: true }]), keys: app.writeKeys! });
    pair.server.receive(packet, pair.now);
    expect(pair.server.state).toBe(ConnectionState.Closing);
    expect(pair.server.closed?.error?.code).toBe(TransportErrorCode.FLOW_CONTROL_ERROR);
    expect(pair.runUntil(() => c.state === ConnectionState.Draining || c.state === ConnectionState.Closed, 1000)).toBe(true);
    expect(c.closed?.error?.code).toBe(TransportErrorCode.FLOW_CONTROL_ERROR);
    expect(pair.traces('client', 'quic:connection_closed')[0]!.data).toMatchObject({ owner: 'remote', error_name: 'FLOW_CONTROL_ERROR' });
  });

  it('closes with FRAME_ENCODING_ERROR / PROTOCOL_VIOLATION for invalid frames', async () => {
    const cert = await testCert();
    for (const [payload, code] of [
      [Uint8Array.of(0x1f, 0, 0, 0), TransportErrorCode.FRAME_ENCODING_ERROR],
      [encodeFrames([{ type: 'handshake_done' }]), TransportErrorCode.PROTOCOL_VIOLATION],
      [encodeFrames([{ type: 'stream', streamId: 1, offset: 0, data: new Uint8Array(4), fin: false, hasLength: true }]), TransportErrorCode.STREAM_STATE_ERROR],
    ] as const) {
      const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
      expect(pair.handshake()).toBe(true);
      const c = pair.client;
      const app = c.spaces[Space.Application];
      const packet = sealPacket({ header: { type: '1rtt', dcid: c.peerIds.current, keyPhase: false }, packetNumber: app.nextPn++, pnLength: 2, payload: Uint8Array.from([...payload, 0, 0, 0, 0]), keys: app.writeKeys! });
      pair.server.receive(packet, pair.now);
      expect(pair.server.closed?.error?.code).toBe(code);
    }
  });

  it('closes with CRYPTO_ERROR when the certificate is not trusted', async () => {
    const cert = await testCert();
    const other = await (await import('../../tls13/handshake/test-pair')).selfSignedCert('localhost');
    const pair = QuicPair.create(clientConfig(other), serverConfig(cert));
    pair.runUntil(() => pair.server.state !== ConnectionState.Handshaking && pair.server.state !== ConnectionState.Connected, 3000);
    const code = pair.client.closed?.error?.code ?? 0;
    expect(code).toBeGreaterThan(0x100);
    expect(code).toBeLessThan(0x200);
    expect(pair.server.closed?.error?.code).toBe(code);
  });

  it('an application close reaches the peer with its code', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    pair.client.close(0x100n, 'bye');
    expect(pair.runUntil(() => pair.server.closed !== null, 1000)).toBe(true);
    expect(pair.server.closed).toMatchObject({ initiator: 'remote', applicationCode: 0x100n, reason: 'bye' });
    expect(pair.runUntil(() => pair.client.state === ConnectionState.Closed && pair.server.state === ConnectionState.Closed, 5000)).toBe(true);
  });
});
