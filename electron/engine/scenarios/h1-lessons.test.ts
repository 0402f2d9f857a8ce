import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { eventsNamed, startTestEngine, waitForEvent } from '../test-support/engine-fixture';
import { SCENARIOS } from '../../../shared/scenarios';
import { RUNNERS } from './index';

describe('HTTP/1.1 lessons against the embedded server', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  async function runToEnd(scenario: string, options: Record<string, string | number | boolean> = {}): Promise<void> {
    const started = await engine.run({ scenario, options });
    const result = await started.finished;
    expect(result, JSON.stringify(result)).toEqual({ ok: true });
    // the server's close comes after the client's; wait for it so both ends are complete
    await waitForEvent(engine, (e) => e.name === 'tcp:closed' && e.vantage === 'server');
  }

  it('has a runner for every scenario id', () => {
    for (const s of SCENARIOS) expect(RUNNERS[s.id], s.id).toBeTypeOf('function');
  });

  it('chunked-response: chunks arrive at both ends, spaced by the interval, on one shared connection id', async () => {
    await runToEnd('chunked-response', { chunks: 3, intervalMs: 150 });
    const events = engine.currentEvents();
    const clientChunks = eventsNamed(events, 'h1:chunk', 'client');
    const serverChunks = eventsNamed(events, 'h1:chunk', 'server');
    expect(clientChunks).toHaveLength(3);
    expect(serverChunks).toHaveLength(3);
    expect(clientChunks.every((e) => e.dir === 'received')).toBe(true);
    expect(serverChunks.every((e) => e.dir === 'sent')).toBe(true);
    for (let i = 1; i < 3; i++) expect(clientChunks[i]!.time - clientChunks[i - 1]!.time).toBeGreaterThan(100);
    // each chunk leaves the server before the client reads it
    for (let i = 0; i < 3; i++) expect(serverChunks[i]!.time).toBeLessThanOrEqual(clientChunks[i]!.time);
    expect(new Set([...clientChunks, ...serverChunks].map((e) => e.conn)).size).toBe(1);
    const conn = engine.currentConnections().find((c) => c.id === clientChunks[0]!.conn)!;
    expect(conn.vantages).toEqual(['client', 'server']);
    expect(conn.alpn).toBe('http/1.1');
    expect(conn.tlsVersion).toBe('TLSv1.3');
    // seq has no gaps
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    // the request head seen by the server matches what the client sent, byte for byte
    const sentHead = eventsNamed(events, 'h1:head', 'client').find((e) => e.dir === 'sent')!;
    const readHead = eventsNamed(events, 'h1:head', 'server').find((e) => e.dir === 'received')!;
    expect(readHead.raw).toBe(sentHead.raw);
  });

  it('interactive-echo: every echo arrives before the next chunk leaves', async () => {
    await runToEnd('interactive-echo', { chunks: 3, intervalMs: 200 });
    const events = engine.currentEvents();
    const sent = eventsNamed(events, 'h1:chunk', 'client').filter((e) => e.dir === 'sent' && (e.data as { size: number }).size > 0);
    const echoed = eventsNamed(events, 'h1:chunk', 'client').filter((e) => e.dir === 'received');
    expect(sent).toHaveLength(3);
    expect(echoed.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 2; i++) expect(echoed[i]!.time).toBeLessThan(sent[i + 1]!.time);
  });

  it('chunked-upload, keep-alive and pipelined keep-alive succeed over cleartext too', async () => {
    await runToEnd('chunked-upload', { chunks: 3, intervalMs: 20, tls: false });
    await runToEnd('keep-alive', { requests: 3 });
    const heads = eventsNamed(engine.currentEvents(), 'h1:head', 'client').filter((e) => e.dir === 'sent');
    expect(heads).toHaveLength(3);
    expect(new Set(heads.map((e) => e.conn)).size).toBe(1);
    expect(heads.map((e) => e.stream)).toEqual([1, 2, 3]);
    await runToEnd('keep-alive', { requests: 4, pipeline: true });
  });

  it('raw-request: a malformed request gets 400 and an error event at the offending byte, from both ends', async () => {
    const started = await engine.run({ scenario: 'raw-request', options: { request: 'GET / HTTP/1.1\nHost: x\nbad header line\n\n', idleMs: 5000 } });
    const result = await started.finished;
    expect(result?.ok).toBe(true);
    await waitForEvent(engine, (e) => e.name === 'tcp:closed' && e.vantage === 'server');
    const events = engine.currentEvents();
    const serverError = events.find((e) => e.name === 'h1:error' && e.vantage === 'server');
    expect(serverError, JSON.stringify(events.map((e) => e.name))).toBeDefined();
    const lineStart = 'GET / HTTP/1.1\r\nHost: x\r\n'.length;
    const offset = (serverError!.data as { offset: number }).offset;
    expect(offset).toBeGreaterThanOrEqual(lineStart);
    expect(offset).toBeLessThanOrEqual(lineStart + 'bad header line\r\n'.length);
    const response = events.find((e) => e.name === 'h1:head' && e.vantage === 'client' && e.dir === 'received');
    expect((response!.data as { status: number }).status).toBe(400);
  });

  it('rejects bad arguments with typed errors and stays usable', async () => {
    await expect(engine.run({ scenario: 'nope' })).rejects.toMatchObject({ code: 'unknown_scenario' });
    await expect(engine.run({ scenario: 'chunked-response', options: { chunks: 'many' } })).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(engine.run({ scenario: 'chunked-response', options: { bogus: 1 } })).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(engine.run(42)).rejects.toMatchObject({ code: 'bad_argument' });
    await expect(engine.run({ scenario: 'chunked-response', target: 'ftp://x' })).rejects.toMatchObject({ code: 'bad_argument' });
    expect(() => engine.sendRaw('x')).toThrow(/no raw connection/);
    await runToEnd('chunked-response', { chunks: 1, intervalMs: 0 });
  });
});
