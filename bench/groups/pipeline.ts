/**
 * Group `pipeline`: events per second from the engine to the renderer's store.
 *
 * - Through the web host: a real engine and web host in this process, the built renderer in Debian's Chromium
 *   (playwright-core); synthetic events are emitted into the engine as fast as it takes them, and the clock stops
 *   when the renderer's counter (`window.__framescopeStats.received`) reaches the total. `dropped` is what the
 *   renderer's counter says is missing against the engine's `sent`.
 * - Through Electron's IPC serialization: the same batch messages through v8.serialize / v8.deserialize (the
 *   structured clone Electron uses for webContents.send), in this process.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { chromium } from 'playwright-core';
import type { EngineMessage } from '../../shared/api';
import { toBase64 } from '../../shared/bytes';
import type { PendingEvent } from '../../shared/events';
import { pushJson } from '../../electron/engine/core/message-json';
import { Engine } from '../../electron/engine/engine';
import { startWebHost } from '../../electron/web/web-host';
import type { Metric } from '../metric';

const TOTAL = 500_000;
const root = resolve(import.meta.dirname, '..', '..');

function syntheticEvent(i: number, time: number): PendingEvent {
  const payload = new Uint8Array(12);
  for (let k = 0; k < payload.length; k++) payload[k] = (i + k) & 0xff;
  return {
    name: 'h1:chunk',
    time,
    conn: 1 + (i % 100),
    vantage: i % 2 === 0 ? 'client' : 'server',
    dir: i % 2 === 0 ? 'received' : 'sent',
    stream: 1 + (i % 7),
    data: { size: 12, sizeLine: 'c', extensions: [], index: i },
    raw: toBase64(payload),
    fields: [{ path: 'size-line', start: 0, end: 1 }],
  };
}

async function throughWebHost(): Promise<{ rate: number; dropped: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'framescope-bench-'));
  const engine = new Engine({ dataDir, tlsPort: 0, clearPort: 0 });
  await engine.start();
  const web = await startWebHost({ engine, rendererDir: join(root, 'out', 'renderer'), port: 0, sessionsDir: join(dataDir, 'sessions') });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(web.url);
    await page.waitForFunction(() => (globalThis as unknown as { __framescopeStats?: unknown }).__framescopeStats !== undefined);
    const before = await page.evaluate(() => (globalThis as unknown as { __framescopeStats: { received: number } }).__framescopeStats.received);
    // the events are made before the clock starts: this measures the pipeline, not the generator
    const pending = Array.from({ length: TOTAL }, (_, i) => syntheticEvent(i, i / 100));
    const started = performance.now();
    for (let i = 0; i < TOTAL; i++) {
      engine.emit(pending[i]!);
      if (i % 20_000 === 19_999) await new Promise((r) => setImmediate(r));
    }
    const emitted = performance.now();
    await page.waitForFunction(
      (expected) => (globalThis as unknown as { __framescopeStats: { received: number } }).__framescopeStats.received >= expected,
      before + TOTAL,
      { polling: 20, timeout: 120_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    if (process.env['BENCH_DEBUG']) console.log(`emit+send ${(emitted - started).toFixed(0)} ms, total ${(seconds * 1000).toFixed(0)} ms`);
    const stats = await page.evaluate(() => (globalThis as unknown as { __framescopeStats: { received: number; sent: number } }).__framescopeStats);
    return { rate: TOTAL / seconds, dropped: Math.max(0, stats.sent - stats.received) + Math.max(0, before + TOTAL - stats.received) };
  } finally {
    await browser.close();
    await web.close();
    await engine.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function throughIpcSerialization(): number {
  // as Electron main does it: the batch as JSON text (engine/core/message-json.ts), through the structured clone
  // of IPC (v8 serialize/deserialize), parsed in the preload
  const batchSize = 20_000;
  const rounds = Math.ceil(TOTAL / batchSize);
  const batches = Array.from({ length: rounds }, (_, r): EngineMessage => ({
    kind: 'batch',
    sessionId: 'bench',
    connections: [],
    events: Array.from({ length: batchSize }, (_, i) => ({ ...syntheticEvent(r * batchSize + i, i / 10), seq: r * batchSize + i })),
    sent: (r + 1) * batchSize,
  }));
  let received = 0;
  const started = performance.now();
  for (const message of batches) {
    const text = deserialize(serialize(pushJson(message))) as string;
    const { push } = JSON.parse(text) as { push: Extract<EngineMessage, { kind: 'batch' }> };
    received += push.events.length;
  }
  return received / ((performance.now() - started) / 1000);
}

/** Runs the pipeline measurements. */
export async function pipelineGroup(): Promise<Record<string, Metric>> {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('build the renderer first: npx vite build -c renderer/vite.config.ts');
  }
  const web = await throughWebHost();
  const ipc = throughIpcSerialization();
  return {
    'pipeline.events_per_s': {
      value: Math.round(web.rate),
      unit: 'events/s',
      goal: 200_000,
      note: `${TOTAL} synthetic h1:chunk events, engine -> web host WebSocket -> renderer store in Chromium, until the renderer counted them all`,
    },
    'pipeline.ipc_events_per_s': {
      value: Math.round(ipc),
      unit: 'events/s',
      goal: 200_000,
      note: 'the same batches (20,000 events each) as Electron main sends them: JSON text through v8 serialize/deserialize (the structured clone of IPC), parsed as the preload does',
    },
    'pipeline.dropped': { value: web.dropped, unit: 'events', goal: 0, better: 'lower', note: 'engine sent minus renderer received' },
  };
}
