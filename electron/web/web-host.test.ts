import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EngineMessage } from '../../shared/api';
import type { WsReply } from '../../shared/ws-protocol';
import { Engine } from '../engine/engine';
import { startWebHost, type WebHost } from './web-host';

/** A reply to a call (not a push). */
type Reply = { id: number; ok: boolean; result?: unknown; error?: { code: string } };

describe('web host', () => {
  let engine: Engine;
  let host: WebHost;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'framescope-webhost-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    engine = new Engine({ dataDir: dir, tlsPort: 0, clearPort: 0, batchIntervalMs: 2 });
    await engine.start();
    host = await startWebHost({ engine, rendererDir, port: 0, sessionsDir: join(dir, 'sessions') });
  });
  afterAll(async () => {
    await host.close();
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function connect(origin?: string): Promise<{ ws: WebSocket; messages: EngineMessage[]; call: (method: string, ...args: unknown[]) => Promise<Reply> }> {
    const ws = new WebSocket(host.url.replace('http', 'ws') + '/api', origin ? { origin } : {});
    const messages: EngineMessage[] = [];
    const waiting = new Map<number, (r: Reply) => void>();
    let next = 1;
    ws.on('message', (data) => {
      const reply = JSON.parse(String(data)) as WsReply;
      if ('push' in reply) messages.push(reply.push);
      else waiting.get(reply.id)?.(reply as Reply);
    });
    const call = (method: string, ...args: unknown[]): Promise<Reply> =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, args }));
      });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, messages, call }));
      ws.once('error', reject);
    });
  }

  it('serves the renderer with a CSP, and refuses paths outside it', async () => {
    const res = await fetch(host.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(host.url + '/../../etc/passwd')).status).toBe(404);
    expect((await fetch(host.url + '/x', { method: 'POST' })).status).toBe(405);
  });

  it('answers API calls, rejects bad ones with typed errors, and pushes every event of a run', async () => {
    const { ws, messages, call } = await connect();
    const scenarios = await call('listScenarios');
    expect(scenarios.ok && (scenarios.result as { id: string }[]).map((s) => s.id)).toContain('chunked-response');
    const bad = await call('run', { scenario: 'chunked-response', options: { chunks: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_argument' } });
    const unknown = await call('eval', 'x');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_argument' } });
    const run = await call('run', { scenario: 'chunked-response', options: { chunks: 2, intervalMs: 50 } });
    expect(run.ok).toBe(true);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (messages.some((m) => m.kind === 'run' && !m.state.running && m.state.lastResult)) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    await new Promise((r) => setTimeout(r, 50));
    const sessionId = (run as { result: { id: string } }).result.id;
    const batches = messages.filter((m): m is Extract<EngineMessage, { kind: 'batch' }> => m.kind === 'batch' && m.sessionId === sessionId);
    const received = batches.reduce((n, b) => n + b.events.length, 0);
    expect(received).toBe(batches.at(-1)!.sent);
    expect(received).toBe(engine.currentEvents().length);
    // events arrive without their bytes; the inspector fetches one event's bytes and field spans
    const chunk = batches.flatMap((b) => b.events).find((e) => e.name === 'h1:chunk' && e.vantage === 'client')!;
    expect('raw' in chunk).toBe(false);
    expect((chunk as { rawLength?: number }).rawLength).toBeGreaterThan(0);
    const detail = await call('eventDetail', sessionId, chunk.seq);
    expect(detail).toMatchObject({ ok: true, result: { seq: chunk.seq, raw: engine.currentEvents()[chunk.seq]!.raw } });
    expect(await call('eventDetail', 'another-session', chunk.seq)).toMatchObject({ ok: false, error: { code: 'bad_argument' } });
    expect(await call('eventDetail', sessionId, -1)).toMatchObject({ ok: false, error: { code: 'bad_argument' } });
    ws.close();
  });

  it('refuses WebSocket connections from other origins', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow();
  });

  it('downloads the current session as a .framescope file that opens again', async () => {
    const res = await fetch(host.url + '/api/session/current');
    expect(res.headers.get('content-disposition')).toMatch(/\.framescope"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    const lines = gunzipSync(bytes).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'framescope-session', scenario: 'chunked-response' });
    const { call, ws } = await connect();
    const opened = await call('openSession', { fileName: 'x.framescope', base64: bytes.toString('base64') });
    expect(opened).toMatchObject({ ok: true, result: { source: 'file', fileName: 'x.framescope' } });
    const corrupt = await call('openSession', { fileName: 'bad.framescope', base64: Buffer.from('not a session').toString('base64') });
    expect(corrupt).toMatchObject({ ok: false, error: { code: 'corrupt_session' } });
    expect(engine.currentSession().fileName).toBe('x.framescope');
    ws.close();
  });
});

describe('web host key log', () => {
  it('serves the TLS key log of a run in SSLKEYLOGFILE form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'framescope-keys-'));
    mkdirSync(join(dir, 'r'));
    writeFileSync(join(dir, 'r', 'index.html'), '<!doctype html>');
    const engine = new Engine({ dataDir: dir, tlsPort: 0, clearPort: 0 });
    await engine.start();
    const host = await startWebHost({ engine, rendererDir: join(dir, 'r'), port: 0, sessionsDir: join(dir, 's') });
    try {
      const done = await engine.run({ scenario: 'h2-basics' });
      expect((await done.finished)?.ok).toBe(true);
      const res = await fetch(host.url + '/api/keylog');
      expect(res.headers.get('content-disposition')).toMatch(/\.keys\.log"/);
      const lines = (await res.text()).trim().split('\n').filter((l) => !l.startsWith('#'));
      const labels = new Set(lines.map((l) => l.split(' ')[0]));
      expect(labels).toEqual(new Set(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0', 'EXPORTER_SECRET']));
      for (const l of lines) expect(l).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64,96}$/);
    } finally {
      await host.close();
      await engine.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
