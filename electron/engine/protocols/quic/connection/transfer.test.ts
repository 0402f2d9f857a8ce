import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientConfig, QuicPair, serverConfig, testCert } from '../test-support/pair';
import { seededRandom } from '../test-support/link';

function pattern(n: number, seed: number): Uint8Array {
  const r = seededRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const v = (r() * 2 ** 32) >>> 0;
    out[i] = v & 255;
    out[i + 1] = (v >>> 8) & 255;
    out[i + 2] = (v >>> 16) & 255;
    out[i + 3] = v >>> 24;
  }
  return out;
}

const sha = (parts: Uint8Array[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('QUIC streams in memory', () => {
  it('moves 1-RTT stream data both ways on bidi and uni streams', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    const got: Record<string, { data: number[]; fin: boolean }> = {};
    pair.onAppEvent = (side, e) => {
      if (e.kind !== 'stream_data') return;
      const k = `${side}:${e.streamId}`;
      got[k] ??= { data: [], fin: false };
      got[k].data.push(...e.data);
      got[k].fin ||= e.fin;
      if (side === 'server' && e.fin && e.streamId === 0) pair.server.write(0, new TextEncoder().encode('pong'), true);
    };
    const bidi = pair.client.openStream(true)!;
    const uni = pair.client.openStream(false)!;
    const serverUni = pair.server.openStream(false)!;
    expect([bidi, uni, serverUni]).toEqual([0, 2, 3]);
    pair.client.write(bidi, new TextEncoder().encode('ping'), true);
    pair.client.write(uni, new Uint8Array([1, 2, 3]), true);
    pair.server.write(serverUni, new Uint8Array([9]), false);
    expect(pair.runUntil(() => got['client:0']?.fin === true && got['server:2']?.fin === true && got['client:3'] !== undefined, 2000)).toBe(true);
    expect(new TextDecoder().decode(Uint8Array.from(got['server:0']!.data))).toBe('ping');
    expect(new TextDecoder().decode(Uint8Array.from(got['client:0']!.data))).toBe('pong');
    expect(got['server:2']!.data).toEqual([1, 2, 3]);
    expect(got['client:3']).toEqual({ data: [9], fin: false });
    const states = pair.traces('client', 'quic:stream_state_updated').filter((t) => t.data.stream_id === 0).map((t) => `${t.data.stream_side}:${t.data.new}`);
    expect(states).toEqual(expect.arrayContaining(['sending:send', 'sending:data_sent', 'sending:data_recvd', 'receiving:data_read']));
  });

  it('RESET_STREAM and STOP_SENDING reach the peer', async () => {
    const cert = await testCert();
    const pair = QuicPair.create(clientConfig(cert), serverConfig(cert));
    expect(pair.handshake()).toBe(true);
    const a = pair.client.openStream(true)!;
    pair.client.write(a, new Uint8Array(100));
    pair.client.resetStream(a, 7n);
    const b = pair.client.openStream(true)!;
    pair.client.write(b, new Uint8Array(10));
    pair.runUntil(() => pair.events.server.app.some((e) => e.kind === 'stream_opened' && e.streamId === b), 1000);
    pair.server.stopSending(b, 9n);
    expect(pair.runUntil(() => pair.events.client.app.some((e) => e.kind === 'stop_sending'), 1000)).toBe(true);
    expect(pair.events.server.app).toContainEqual(expect.objectContaining({ kind: 'stream_reset', streamId: a, errorCode: 7n }));
    expect(pair.events.client.app).toContainEqual({ kind: 'stop_sending', streamId: b, errorCode: 9n });
    // the client answered STOP_SENDING with RESET_STREAM (RFC 9000 §3.5)
    expect(pair.runUntil(() => pair.events.server.app.some((e) => e.kind === 'stream_reset' && e.streamId === b), 1000)).toBe(true);
  });

  it('moves 10 MB intact over a link with 5% loss, reordering and duplication', async () => {
    const cert = await testCert();
    const size = 10 * 1024 * 1024;
    const pair = QuicPair.create(clientConfig(cert, { tracing: false, maxDatagramSize: 1350 }), serverConfig(cert, { tracing: false, maxDatagramSize: 1350 }), { delayMs: 10, jitterMs: 2, loss: 0.05, reorder: 0.05, duplicate: 0.02, seed: 7, bandwidth: 12_500 });
    pair.keepTraces = false;
    expect(pair.handshake()).toBe(true);
    const body = pattern(size, 3);
    const received: Uint8Array[] = [];
    let n = 0;
    let fin = false;
    pair.onAppEvent = (side, e) => {
      if (side === 'client' && e.kind === 'stream_data') {
        received.push(e.data);
        n += e.data.length;
        fin ||= e.fin;
      }
      if (side === 'server' && e.kind === 'stream_data' && e.fin) {
        pair.server.write(e.streamId, body, true);
      }
    };
    const id = pair.client.openStream(true)!;
    pair.client.write(id, new TextEncoder().encode('GET'), true);
    const wall = performance.now();
    const simStart = pair.now;
    expect(pair.runUntil(() => fin, 120_000)).toBe(true);
    const wallMs = performance.now() - wall;
    const simMs = pair.now - simStart;
    expect(n).toBe(size);
    expect(sha(received)).toBe(sha([body]));
    console.log(`10 MiB over 5% loss: ${(size / 1048576 / (wallMs / 1000)).toFixed(1)} MiB/s wall, ${(size / 1048576 / (simMs / 1000)).toFixed(1)} MiB/s simulated (${simMs.toFixed(0)} ms), link ${JSON.stringify(pair.link.stats)}`);
  }, 30_000);
});
