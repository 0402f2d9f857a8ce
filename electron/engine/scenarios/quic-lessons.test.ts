/**
 * The quic-handshake lesson against the embedded server: our QUIC client and our QUIC server (the embedded
 * server's UDP listener) in one engine, so every packet shows from both ends under one connection id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuicConnectionClosedData, QuicPacketData, SessionEvent, TlsHandshakeMessageData } from '../../../shared/events';
import type { Engine } from '../engine';
import { startTestEngine } from '../test-support/engine-fixture';

const packets = (events: readonly SessionEvent[], vantage: 'client' | 'server', name: 'quic:packet_sent' | 'quic:packet_received'): QuicPacketData[] =>
  events.filter((e) => e.name === name && e.vantage === vantage).map((e) => e.data as QuicPacketData);

const tlsTypes = (events: readonly SessionEvent[], vantage: 'client' | 'server', dir: 'sent' | 'received'): string[] =>
  events.filter((e) => e.name === 'tls:handshake_message' && e.vantage === vantage && e.dir === dir).map((e) => (e.data as TlsHandshakeMessageData).type);

/**
 * Dropped packets that would mean a bug (undecryptable or unparsable). A busy machine may fire a PTO and
 * retransmit, so duplicates and packets for discarded keys are allowed (RFC 9001 §4.9, RFC 9000 §12.3).
 */
const badDrops = (events: readonly SessionEvent[]): string[] =>
  events
    .filter((e) => e.name === 'quic:packet_dropped')
    .map((e) => e.data as { trigger: string; details?: string })
    .filter((d) => d.trigger !== 'duplicate' && d.trigger !== 'key_unavailable')
    .map((d) => `${d.trigger}: ${d.details ?? ''}`);

describe('quic-handshake against the embedded server (our QUIC on both ends)', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  async function run(options: Record<string, string | number | boolean> = {}): Promise<SessionEvent[]> {
    const started = await engine.run({ scenario: 'quic-handshake', options });
    const result = await started.finished;
    expect(result, JSON.stringify(result)).toEqual({ ok: true });
    // the server drains after the client's CONNECTION_CLOSE: wait for its connection_closed event
    const deadline = Date.now() + 3000;
    while (!engine.currentEvents().some((e) => e.name === 'quic:connection_closed' && e.vantage === 'server') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return [...engine.currentEvents()];
  }

  it('the server status has the h3 port: the TLS port\'s number', () => {
    const s = engine.serverStatus();
    expect(s.h3Port).toBe(s.tlsPort);
    expect(s.h3Port).toBeGreaterThan(0);
  });

  it('shows Initial, Handshake and 1-RTT packets from both ends of one connection, and a clean close', async () => {
    const events = await run();
    const quic = events.filter((e) => e.name.startsWith('quic:') || e.name.startsWith('tls:handshake_message'));
    // one connection id for both vantages
    const conns = new Set(quic.map((e) => e.conn));
    expect(conns.size).toBe(1);
    const conn = [...conns][0]!;
    const info = engine.currentConnections().find((c) => c.id === conn)!;
    expect(info.vantages).toEqual(['client', 'server']);
    expect(info).toMatchObject({ transport: 'udp', protocol: 'h3', alpn: 'h3', tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', tls: true });
    expect(info.server.port).toBe(engine.serverStatus().h3Port);
    expect(info.closedAt).toBeDefined();

    for (const vantage of ['client', 'server'] as const) {
      for (const name of ['quic:packet_sent', 'quic:packet_received'] as const) {
        const types = new Set(packets(events, vantage, name).map((p) => p.header.packet_type));
        expect([...types].sort(), `${vantage} ${name}`).toEqual(['1RTT', 'handshake', 'initial']);
      }
    }
    // what one end sent, the other received: same packet numbers per space, same decrypted bytes
    const key = (e: SessionEvent): string => `${(e.data as QuicPacketData).header.packet_type}/${(e.data as QuicPacketData).header.packet_number}`;
    const sentByClient = new Map(events.filter((e) => e.name === 'quic:packet_sent' && e.vantage === 'client').map((e) => [key(e), e.raw]));
    const gotByServer = events.filter((e) => e.name === 'quic:packet_received' && e.vantage === 'server');
    expect(gotByServer.length).toBeGreaterThan(3);
    for (const e of gotByServer) expect(e.raw, key(e)).toBe(sentByClient.get(key(e)));

    // the first client packet: an Initial in a datagram of at least 1200 bytes with a CRYPTO frame (the ClientHello)
    const first = packets(events, 'client', 'quic:packet_sent')[0]!;
    expect(first.header.packet_type).toBe('initial');
    expect(first.datagram_length).toBeGreaterThanOrEqual(1200);
    expect(first.frames.map((f) => f.frame_type)).toContain('crypto');

    // frames seen: ACK, CRYPTO, PADDING, HANDSHAKE_DONE, NEW_CONNECTION_ID, STREAM, CONNECTION_CLOSE
    const frameTypes = new Set(events.filter((e) => e.name === 'quic:packet_received').flatMap((e) => (e.data as QuicPacketData).frames.map((f) => f.frame_type)));
    for (const t of ['ack', 'crypto', 'padding', 'handshake_done', 'new_connection_id', 'stream', 'connection_close']) expect(frameTypes, t).toContain(t);

    // TLS: the ClientHello and ServerHello from both ends
    expect(tlsTypes(events, 'client', 'sent')).toEqual(['client_hello', 'finished']);
    expect(tlsTypes(events, 'server', 'received')).toEqual(['client_hello', 'finished']);
    expect(tlsTypes(events, 'server', 'sent').slice(0, 2)).toEqual(['server_hello', 'encrypted_extensions']);
    expect(tlsTypes(events, 'client', 'received')).toEqual(tlsTypes(events, 'server', 'sent'));

    // a clean close: the client closes (H3_NO_ERROR), the server drains
    const closed = events.filter((e) => e.name === 'quic:connection_closed');
    const byVantage = Object.fromEntries(closed.map((e) => [e.vantage, e.data as QuicConnectionClosedData]));
    expect(byVantage['client']).toMatchObject({ owner: 'local', application_code: 0x100, trigger: 'application' });
    // before it, the client's GOAWAY (RFC 9114 §5.2) reached the server
    expect(events.some((e) => e.name === 'http3:frame_parsed' && e.vantage === 'server' && (e.data as { frame_type: string }).frame_type === 'goaway')).toBe(true);
    expect(byVantage['server']).toMatchObject({ owner: 'remote', application_code: 0x100 });
    expect(badDrops(events)).toEqual([]);

    // the key log covers QUIC: the client's and the server's four secrets
    const keys = engine.keylogText();
    for (const label of ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0']) expect(keys).toContain(label);
    const notes = events.filter((e) => e.name === 'app:note').map((e) => (e.data as { text: string }).text);
    // the embedded server answers in HTTP/3 (server/h3-handler.ts) our HTTP/3 client's GET
    expect(notes.some((n) => n.startsWith('stream 0: the server answered 200 in HTTP/3'))).toBe(true);
  });

  it('with helloRetry and AES-256: a HelloRetryRequest, then the handshake completes with the chosen suite', async () => {
    const events = await run({ helloRetry: true, cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(tlsTypes(events, 'client', 'received')[0]).toBe('hello_retry_request');
    expect(tlsTypes(events, 'client', 'sent')).toEqual(['client_hello', 'client_hello', 'finished']);
    const conn = engine.currentConnections().find((c) => c.transport === 'udp')!;
    expect(conn.cipher).toBe('TLS_AES_256_GCM_SHA384');
  });

  it('with keyUpdate: the client flips the Key Phase, the server follows, and the next request goes under the new keys', async () => {
    const events = await run({ keyUpdate: true });
    const keyUpdates = events.filter((e) => e.name === 'quic:key_updated' && ['local_update', 'remote_update'].includes((e.data as { trigger: string }).trigger));
    expect(keyUpdates.map((e) => `${e.vantage}:${(e.data as { trigger: string }).trigger}`).sort()).toEqual(['client:local_update', 'client:local_update', 'server:remote_update', 'server:remote_update']);
    for (const vantage of ['client', 'server'] as const) {
      const phases = packets(events, vantage, 'quic:packet_received').filter((p) => p.header.packet_type === '1RTT').map((p) => p.header.key_phase);
      expect(phases, vantage).toContain(0);
      expect(phases, vantage).toContain(1);
    }
    expect(badDrops(events)).toEqual([]);
    const notes = events.filter((e) => e.name === 'app:note').map((e) => (e.data as { text: string }).text);
    expect(notes.some((n) => /stream 4: 200, \d+ bytes back under the new keys/.test(n))).toBe(true);
  });

  it('rejects an unknown cipher suite clearly', async () => {
    const started = await engine.run({ scenario: 'quic-handshake', options: { cipher: 'TLS_CHACHA20_POLY1305_SHA256' } });
    expect(await started.finished).toMatchObject({ ok: false, error: expect.stringContaining('TLS_AES_128_GCM_SHA256 or TLS_AES_256_GCM_SHA384') });
  });
});
