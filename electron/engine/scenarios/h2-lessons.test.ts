import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import type { Engine } from '../engine';
import { startTestEngine } from '../test-support/engine-fixture';

type Frame = { type: string; flags: string[]; length: number; streamId: number };
const frame = (e: SessionEvent): Frame => e.data as Frame;

describe('HTTP/2 lessons against the embedded server (our h2 client, Node\'s nghttp2 server)', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  async function run(scenario: string, options: Record<string, string | number | boolean> = {}): Promise<SessionEvent[]> {
    const started = await engine.run({ scenario, options });
    const result = await started.finished;
    expect(result, JSON.stringify(result)).toEqual({ ok: true });
    return [...engine.currentEvents()];
  }
  const frames = (events: SessionEvent[], vantage: 'client' | 'server', dir: 'sent' | 'received', type?: string): Frame[] =>
    events.filter((e) => e.name === 'h2:frame' && e.vantage === vantage && e.dir === dir).map(frame).filter((f) => !type || f.type === type);

  it('h2-basics: the client\'s frames are what the server decodes, frame for frame', async () => {
    const events = await run('h2-basics');
    expect(events.some((e) => e.name === 'h2:preface' && e.vantage === 'server')).toBe(true);
    const sent = frames(events, 'client', 'sent').map((f) => f.type);
    const got = frames(events, 'server', 'received').map((f) => f.type);
    expect(got).toEqual(sent);
    expect(frames(events, 'client', 'received', 'DATA').some((f) => f.flags.includes('END_STREAM'))).toBe(true);
    const rawSent = events.filter((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.dir === 'sent').map((e) => e.raw);
    const rawGot = events.filter((e) => e.name === 'h2:frame' && e.vantage === 'server' && e.dir === 'received').map((e) => e.raw);
    expect(rawGot).toEqual(rawSent);
  });

  it('multiplexing: six streams on one connection, their DATA interleaved', async () => {
    const events = await run('multiplexing');
    const data = frames(events, 'client', 'received', 'DATA').filter((f) => f.length > 0).map((f) => f.streamId);
    expect(new Set(data).size).toBe(6);
    const switches = data.filter((id, i) => i > 0 && id !== data[i - 1]).length;
    expect(switches).toBeGreaterThan(6);
    expect(new Set(events.filter((e) => e.name === 'h2:frame').map((e) => e.conn)).size).toBe(1);
  });

  it('flow-control: DATA stops at the window until WINDOW_UPDATE', async () => {
    const events = await run('flow-control', { windowBytes: 2048, bodyBytes: 6144, stallMs: 100 });
    const data = events.filter((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.dir === 'received' && frame(e).type === 'DATA' && frame(e).length > 0);
    const updates = events.filter((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.dir === 'sent' && frame(e).type === 'WINDOW_UPDATE');
    expect(data.map((e) => frame(e).length)).toEqual([2048, 2048, 2048]);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    // every DATA after the first waits for a WINDOW_UPDATE
    expect(data[1]!.time).toBeGreaterThan(updates[0]!.time);
    expect(data[1]!.time - data[0]!.time).toBeGreaterThan(90);
  });

  it('hpack: the same headers cost less each time', async () => {
    const events = await run('hpack', { requests: 4 });
    const sizes = frames(events, 'client', 'sent', 'HEADERS').map((f) => f.length);
    expect(sizes).toHaveLength(4);
    expect(sizes[1]!).toBeLessThan(sizes[0]! / 2);
    expect(events.some((e) => e.name === 'hpack:table_updated' && e.vantage === 'server' && e.dir === 'received')).toBe(true);
  });

  it('server-push, h2c, alpn, reset-goaway, h1-vs-h2 and the default frame script run', async () => {
    const push = await run('server-push');
    expect(frames(push, 'client', 'received', 'PUSH_PROMISE')).toHaveLength(3);
    const clear = await run('h2c');
    expect(engine.currentConnections().some((c) => c.protocol === 'h2c' && c.vantages.length === 2)).toBe(true);
    expect(clear.some((e) => e.name === 'tls:handshake_done')).toBe(false);
    const alpn = await run('alpn');
    expect(alpn.filter((e) => e.name === 'tls:handshake_done' && e.vantage === 'client').map((e) => (e.data as { alpn: string }).alpn)).toEqual(['h2', 'http/1.1']);
    const reset = await run('reset-goaway');
    expect(frames(reset, 'server', 'received', 'RST_STREAM')).toHaveLength(1);
    expect(frames(reset, 'server', 'received', 'GOAWAY')).toHaveLength(1);
    await run('h1-vs-h2', { requests: 3, delayMs: 50 });
    expect(new Set(engine.currentConnections().map((c) => c.protocol))).toEqual(new Set(['h1', 'h2']));
    const script = await run('frame-script', { waitMs: 200 });
    const goaway = frames(script, 'client', 'received', 'GOAWAY');
    expect(goaway).toHaveLength(1);
    expect(script.find((e) => e.name === 'h2:frame' && frame(e).type === 'GOAWAY' && e.vantage === 'client' && e.dir === 'received')?.data).toMatchObject({ errorCode: 1 });
  });

  it('compare: the same requests over HTTP/1.1 on k connections and HTTP/2 on one, started together', async () => {
    const events = await run('compare', { requests: 6, connections: 2 });
    const conns = engine.currentConnections();
    expect(conns.filter((c) => c.protocol === 'h1')).toHaveLength(2);
    expect(conns.filter((c) => c.protocol === 'h2')).toHaveLength(1);
    const h1Heads = events.filter((e) => e.name === 'h1:head' && e.vantage === 'client' && e.dir === 'sent');
    const h2Heads = frames(events, 'client', 'sent', 'HEADERS');
    expect(h1Heads).toHaveLength(6);
    expect(h2Heads).toHaveLength(6);
    const firstH1 = Math.min(...h1Heads.map((e) => e.time));
    const firstH2 = events.find((e) => e.name === 'h2:frame' && e.vantage === 'client' && (e.data as Frame).type === 'HEADERS')!.time;
    expect(Math.abs(firstH1 - firstH2)).toBeLessThan(100);
  });

  it('a bad frame script is refused before anything is sent', async () => {
    const bad = await (await engine.run({ scenario: 'frame-script', options: { script: 'PING\nHEADERS :path=/' } })).finished;
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/line 2: HEADERS needs stream=N/) });
    expect(engine.currentEvents().some((e) => e.name === 'tcp:connected')).toBe(false);
    const result = await (await engine.run({ scenario: 'h2-basics' })).finished;
    expect(result?.ok).toBe(true);
  });
});

describe('the server settings a person can change', () => {
  it('are announced in the server\'s SETTINGS and honoured: two streams at a time', async () => {
    const { engine, cleanup } = await startTestEngine();
    try {
      const status = engine.setServerSettings({ maxConcurrentStreams: 2, initialWindowSize: 32_768 });
      expect(status.h2Settings).toMatchObject({ maxConcurrentStreams: 2, initialWindowSize: 32_768 });
      const result = await (await engine.run({ scenario: 'multiplexing' })).finished;
      expect(result?.ok).toBe(true);
      const events = engine.currentEvents();
      const serverSettings = events.find((e) => e.name === 'h2:frame' && e.vantage === 'server' && e.dir === 'sent' && (e.data as { type: string }).type === 'SETTINGS');
      expect(JSON.stringify(serverSettings?.data)).toMatch(/MAX_CONCURRENT_STREAMS/);
      // the six requests left before the server's SETTINGS arrived: it refused the streams over its limit
      const refused = events.filter((e) => e.name === 'h2:frame' && e.vantage === 'server' && e.dir === 'sent' && (e.data as { type: string }).type === 'RST_STREAM');
      expect(refused.length).toBe(4);
      expect(JSON.stringify(refused[0]!.data)).toMatch(/REFUSED_STREAM|"errorCode":7/);
      // the client sent them again, and from then on kept at most two streams open
      const lastRefusal = events.findLastIndex((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.dir === 'received' && (e.data as { type: string }).type === 'RST_STREAM');
      let open = 0;
      let most = 0;
      events.forEach((e, i) => {
        if (e.name !== 'h2:stream_state' || e.vantage !== 'client') return;
        const d = e.data as { from: string; to: string };
        if (d.from === 'idle') open++;
        if (d.to === 'closed') open--;
        if (i > lastRefusal) most = Math.max(most, open);
      });
      expect(most).toBe(2);
    } finally {
      await cleanup();
    }
  });
});
