/**
 * 1-RTT key update (RFC 9001 §6) in the in-memory pair: either end may update; the other follows on the first
 * packet with the flipped Key Phase bit; reordered packets of the old phase still open (§6.5); data stays intact.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { quicNextSecret } from '../../tls13/quic-keys';
import { TLS_AES_256_GCM_SHA384 } from '../../tls13/cipher-suites';
import { clientConfig, QuicPair, serverConfig, testCert } from '../test-support/pair';
import { Space } from '../recovery/loss-detection';

const digest = (parts: readonly Uint8Array[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** Sends `n` bytes client → server on a new stream, the server answers "ok"; true once both arrived and were acknowledged. */
function exchange(pair: QuicPair, n: number): boolean {
  const id = pair.client.openStream(true)!;
  let got = 0;
  let fin = false;
  let answered = false;
  const prev = pair.onAppEvent;
  pair.onAppEvent = (side, e) => {
    prev?.(side, e);
    if (side === 'server' && e.kind === 'stream_data' && e.streamId === id) {
      got += e.data.length;
      fin ||= e.fin;
      if (e.fin) pair.server.write(id, new TextEncoder().encode('ok'), true);
    }
    if (side === 'client' && e.kind === 'stream_data' && e.streamId === id && e.fin) answered = true;
  };
  pair.client.write(id, new Uint8Array(n).fill(id & 0xff), true);
  const ok = pair.runUntil(() => fin && got === n && answered, 5000);
  pair.onAppEvent = prev;
  pair.runUntil(() => false, 100); // let the ACKs come back
  return ok;
}

describe('QUIC key update (RFC 9001 §6)', () => {
  it('the server follows a client-initiated update, then the server updates and the client follows', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert, { cipherSuites: [TLS_AES_256_GCM_SHA384] }), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    // §6.1: not before a packet with the current keys was acknowledged
    expect(exchange(pair, 100)).toBe(true);
    const before = pair.client.spaces[Space.Application].writeSecret!.secret;

    expect(pair.client.initiateKeyUpdate(pair.now)).toBe(true);
    expect(pair.client.keyPhase).toEqual({ phase: 1, generation: 1 });
    // the next generation comes from "quic ku" (§6.1)
    expect(pair.client.spaces[Space.Application].writeSecret!.secret).toEqual(quicNextSecret(TLS_AES_256_GCM_SHA384, before));
    // no second update until one of the new packets is acknowledged
    expect(pair.client.initiateKeyUpdate(pair.now)).toBe(false);
    expect(exchange(pair, 5000)).toBe(true);
    expect(pair.server.keyPhase).toEqual({ phase: 1, generation: 1 });
    expect(pair.traces('server', 'quic:key_updated').filter((t) => t.data.trigger === 'remote_update').map((t) => t.data.key_type).sort()).toEqual(['client_1rtt_secret', 'server_1rtt_secret']);
    expect(pair.traces('client', 'quic:key_updated').filter((t) => t.data.trigger === 'local_update')).toHaveLength(2);
    // both ends now send with Key Phase 1
    const lastSent = (side: 'client' | 'server'): number | undefined => pair.traces(side, 'quic:packet_sent').filter((t) => t.data.header.packet_type === '1RTT').at(-1)?.data.header.key_phase;
    expect(lastSent('client')).toBe(1);
    expect(lastSent('server')).toBe(1);
    expect(pair.client.spaces[Space.Application].writeSecret!.secret).toEqual(pair.server.spaces[Space.Application].readSecret!.secret);
    expect(pair.server.spaces[Space.Application].writeSecret!.secret).toEqual(pair.client.spaces[Space.Application].readSecret!.secret);

    // now the server updates (generation 2, phase 0) and the client follows
    expect(pair.server.initiateKeyUpdate(pair.now)).toBe(true);
    expect(exchange(pair, 5000)).toBe(true);
    expect(pair.client.keyPhase).toEqual({ phase: 0, generation: 2 });
    expect(pair.server.keyPhase).toEqual({ phase: 0, generation: 2 });
    for (const side of ['client', 'server'] as const) {
      expect(pair.traces(side, 'quic:packet_dropped'), side).toEqual([]);
    }
  });

  it('keeps a 2 MB transfer intact across several updates on a lossy, reordering link', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert), { delayMs: 5, jitterMs: 3, loss: 0.03, reorder: 0.1, duplicate: 0.02, seed: 5 });
    expect(pair.handshake()).toBe(true);
    const body = new Uint8Array(2 * 1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 0xff;
    const parts: Uint8Array[] = [];
    let fin = false;
    let updates = 0;
    pair.onAppEvent = (side, e) => {
      if (side === 'client' && e.kind === 'stream_data') {
        parts.push(e.data.slice());
        fin ||= e.fin;
        // the server updates every ~300 kB when allowed; the client every ~500 kB
        const n = parts.reduce((s, p) => s + p.length, 0);
        if (Math.floor(n / 300_000) > updates && pair.server.initiateKeyUpdate(pair.now)) updates++;
        if (n % 500_000 < e.data.length) pair.client.initiateKeyUpdate(pair.now);
      }
      if (side === 'server' && e.kind === 'stream_data' && e.fin) pair.server.write(e.streamId, body, true);
    };
    const id = pair.client.openStream(true)!;
    pair.client.write(id, Uint8Array.of(1), true);
    expect(pair.runUntil(() => fin, 60_000)).toBe(true);
    expect(digest(parts)).toBe(digest([body]));
    expect(updates).toBeGreaterThanOrEqual(3);
    expect(pair.client.keyPhase.generation).toBe(pair.server.keyPhase.generation);
    // reordered packets of the previous phase were opened with the previous keys, not dropped
    const undecryptable = [...pair.traces('client', 'quic:packet_dropped'), ...pair.traces('server', 'quic:packet_dropped')].filter((t) => t.data.trigger === 'decryption_failure' || t.data.trigger === 'key_unavailable');
    expect(undecryptable).toEqual([]);
  }, 20_000);

  it('a packet with a flipped Key Phase that does not open with the next keys is dropped, and nothing changes', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    // a forged short-header packet: the right DCID, Key Phase 1 after header protection, garbage payload
    const dcid = pair.client.peerIds.current;
    const forged = new Uint8Array(1 + dcid.length + 40);
    forged[0] = 0x40;
    forged.set(dcid, 1);
    for (let i = 1 + dcid.length; i < forged.length; i++) forged[i] = (i * 7) & 0xff;
    for (let bit = 0; bit < 32; bit++) {
      forged[0] = 0x40 | (bit & 0x1f); // header protection scrambles these bits; try them all
      pair.server.receive(forged, pair.now);
    }
    expect(pair.server.keyPhase).toEqual({ phase: 0, generation: 0 });
    expect(pair.server.state).toBe('connected');
    expect(exchange(pair, 100)).toBe(true);
  });
});
