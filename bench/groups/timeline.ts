/**
 * Group `timeline`: the timeline over a 1,000,000-event session, in Chromium through Playwright over the real web
 * host (the built renderer, the engine in this process), as a person uses it.
 *
 * - A synthetic HTTP/2 session (100 TLS connections × 100 streams, h2-like events with small data objects and
 *   raw frame bytes, see `h2Session`) is written as a `.framescope` file with the session recorder/writer.
 * - It is opened as a person opens a file in the web host: the Open button, the file picker (Playwright's
 *   file chooser), the browser reads the file and uploads it over the WebSocket, the engine reads it and
 *   replays it to the renderer in batches. `first_paint_ms` runs from the file input's `change` event to the
 *   end of the first timeline frame drawn with all 1,000,000 events in the log (the view fits the whole session).
 * - Panning and zooming: for a few seconds, each animation frame gets wheel input dispatched on the canvas (the
 *   real handlers of pointer.ts): Ctrl+wheel zooms in towards microseconds, sideways wheel pans, the wheel
 *   scrolls the rows, Ctrl+wheel zooms back out, while the pointer hovers. Frame times are the intervals
 *   between animation frames (requestAnimationFrame timestamps); the notes add the timeline's draw time.
 * - `heap_mb`: the page's JS heap after a full GC (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage).
 * - Live: a fresh session, then 100,000 synthetic h2-like events/s emitted into the engine for 5 s while the
 *   page measures frame intervals the same way.
 *
 * `BENCH_PROFILE=<dir>` writes CDP CPU profiles of the page (open, pan/zoom, live) there, with a summary of the
 * top functions by self time. `BENCH_RENDERER_DIR` serves another renderer build than out/renderer.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import type { ConnectionInfo, PendingEvent } from '../../shared/events';
import { seededRandom } from '../../shared/seeded-random';
import { SESSION_FORMAT, SESSION_VERSION, type SessionHeader } from '../../shared/session-format';
import { Engine } from '../../electron/engine/engine';
import { SessionRecorder } from '../../electron/engine/session/recorder';
import { startWebHost } from '../../electron/web/web-host';
import type { BenchGroup, Metric } from '../metric';

const EVENTS = 1_000_000;
const CONNECTIONS = 100;
const STREAMS = 100;
const LIVE_RATE = 100_000;
const LIVE_SECONDS = 5;
const PAN_ZOOM_MS = 4500;
const root = resolve(import.meta.dirname, '..', '..');

// ---- the synthetic session -------------------------------------------------------------------------------

type Emit = PendingEvent;
const b64 = (n: number, fill: number): string => Buffer.alloc(n, fill).toString('base64');

/** Frame bytes as base64, cached per length (the content does not matter to the timeline). */
const rawCache = new Map<number, string>();
function rawOf(length: number): string {
  let s = rawCache.get(length);
  if (s === undefined) rawCache.set(length, (s = b64(length, 0x61 + (length % 26))));
  return s;
}

/** The events of one stream, as groups of events at one instant (a frame seen by both ends, or a state change). */
function* streamScript(conn: number, id: number, rand: () => number): Generator<Emit[], void, number> {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const both = (sender: 'client' | 'server', name: string, data: Record<string, unknown>, raw?: string): ((t: number) => Emit[]) => (time) => {
    const receiver = sender === 'client' ? 'server' : 'client';
    const e = (vantage: 'client' | 'server', dir: 'sent' | 'received'): Emit =>
      ({ time, conn, vantage, dir, stream: id, name, data, ...(raw ? { raw } : {}) }) as unknown as Emit;
    return [e(sender, 'sent'), e(receiver, 'received')];
  };
  const frame = (sender: 'client' | 'server', type: string, frameType: number, flags: string[], length: number, extra: Record<string, unknown>) =>
    both(sender, 'h2:frame', { type, frameType, flags, length, streamId: id, ...extra }, rawOf(9 + length));
  const state = (from: string, toClient: string, toServer: string, cause: string) => (time: number): Emit[] => [
    { time, conn, vantage: 'client', stream: id, name: 'h2:stream_state', data: { from, to: toClient, cause: `client ${cause}` } } as unknown as Emit,
    { time, conn, vantage: 'server', stream: id, name: 'h2:stream_state', data: { from, to: toServer, cause: `server ${cause}` } } as unknown as Emit,
  ];
  const path = `/api/items/${int(1, 99999)}`;
  let t: number = yield [];
  const reqLen = int(18, 40);
  t = yield frame('client', 'HEADERS', 1, ['END_STREAM', 'END_HEADERS'], reqLen, {
    headerBlockLength: reqLen,
    headers: [[':method', 'GET'], [':path', path], [':scheme', 'https'], [':authority', 'localhost:8443']],
    hpack: [
      { representation: 'indexed', name: ':method', value: 'GET', index: 2, table: 'static' },
      { representation: 'literal-incremental', name: ':path', value: path, index: 4, table: 'static', valueHuffman: true },
      { representation: 'indexed', name: ':scheme', value: 'https', index: 7, table: 'static' },
      { representation: 'indexed', name: ':authority', value: 'localhost:8443', index: 62, table: 'dynamic' },
    ],
  })(t);
  t = yield state('idle', 'half_closed_local', 'half_closed_remote', 'sent HEADERS')(t);
  const frames = int(21, 47);
  const resLen = int(12, 30);
  t = yield frame('server', 'HEADERS', 1, ['END_HEADERS'], resLen, {
    headerBlockLength: resLen,
    headers: [[':status', '200'], ['content-type', 'application/json'], ['server', 'framescope']],
    hpack: [
      { representation: 'indexed', name: ':status', value: '200', index: 8, table: 'static' },
      { representation: 'indexed', name: 'content-type', value: 'application/json', index: 63, table: 'dynamic' },
      { representation: 'indexed', name: 'server', value: 'framescope', index: 62, table: 'dynamic' },
    ],
  })(t);
  let window = 65_535;
  for (let k = 1; k <= frames; k++) {
    const len = int(20, 120);
    const last = k === frames;
    t = yield frame('server', 'DATA', 0, last ? ['END_STREAM'] : [], len, { dataLength: len })(t);
    window -= len;
    if (k % 4 === 0) {
      t = yield [
        { time: t, conn, vantage: 'client', stream: id, name: 'h2:flow_window', data: { scope: 'stream', side: 'receive', window, delta: -len, cause: 'received DATA' } } as unknown as Emit,
        { time: t, conn, vantage: 'server', stream: id, name: 'h2:flow_window', data: { scope: 'stream', side: 'send', window, delta: -len, cause: 'sent DATA' } } as unknown as Emit,
      ];
    }
    if (k % 8 === 0 && !last) {
      const increment = 65_535 - window;
      window = 65_535;
      t = yield frame('client', 'WINDOW_UPDATE', 8, [], 4, { increment })(t);
    }
  }
  yield state('half_closed_local', 'closed', 'closed', 'END_STREAM')(t);
}

/** The events of one connection: setup, then its streams, several in flight at once (multiplexed). */
function* connectionScript(conn: number, rand: () => number): Generator<Emit[], void, number> {
  const port = 50_000 + conn;
  const local = { address: '127.0.0.1', port };
  const remote = { address: '127.0.0.1', port: 8443 };
  let t: number = yield [];
  const pair = (name: string, data: (v: 'client' | 'server') => Record<string, unknown>, extra: Record<string, unknown> = {}): Emit[] =>
    (['client', 'server'] as const).map((vantage) => ({ time: t, conn, vantage, name, data: data(vantage), ...extra }) as unknown as Emit);
  t = yield pair('tcp:connected', (v) => (v === 'client' ? { local, remote } : { local: remote, remote: local }));
  t = yield pair('tls:handshake_done', () => ({ version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', alpn: 'h2', alpnOffered: ['h2', 'http/1.1'], serverName: 'localhost' }));
  t = yield [
    { time: t, conn, vantage: 'client', dir: 'sent', name: 'h2:preface', data: { length: 24 }, raw: rawOf(24) } as unknown as Emit,
    { time: t, conn, vantage: 'server', dir: 'received', name: 'h2:preface', data: { length: 24 }, raw: rawOf(24) } as unknown as Emit,
  ];
  const settings = [{ id: 3, name: 'MAX_CONCURRENT_STREAMS', value: 100 }, { id: 4, name: 'INITIAL_WINDOW_SIZE', value: 65_535 }];
  for (const sender of ['client', 'server'] as const) {
    const receiver = sender === 'client' ? 'server' : 'client';
    t = yield [
      { time: t, conn, vantage: sender, dir: 'sent', stream: 0, name: 'h2:frame', data: { type: 'SETTINGS', frameType: 4, flags: [], length: 12, streamId: 0, settings }, raw: rawOf(21) } as unknown as Emit,
      { time: t, conn, vantage: receiver, dir: 'received', stream: 0, name: 'h2:frame', data: { type: 'SETTINGS', frameType: 4, flags: [], length: 12, streamId: 0, settings }, raw: rawOf(21) } as unknown as Emit,
    ];
  }
  const active: Generator<Emit[], void, number>[] = [];
  let next = 0;
  let groups = 0;
  while (next < STREAMS || active.length > 0) {
    while (active.length < 6 && next < STREAMS) {
      const s = streamScript(conn, 1 + 2 * next++, rand);
      s.next(0);
      active.push(s);
    }
    const k = Math.floor(rand() * active.length);
    const r = active[k]!.next(t);
    if (r.done) active.splice(k, 1);
    else {
      t = yield r.value;
      if (++groups % 64 === 0) {
        // the connection window, refilled now and then (stream 0, the connection row)
        const data = { type: 'WINDOW_UPDATE', frameType: 8, flags: [], length: 4, streamId: 0, increment: 1 << 20 };
        t = yield [
          { time: t, conn, vantage: 'client', dir: 'sent', stream: 0, name: 'h2:frame', data, raw: rawOf(13) } as unknown as Emit,
          { time: t, conn, vantage: 'server', dir: 'received', stream: 0, name: 'h2:frame', data, raw: rawOf(13) } as unknown as Emit,
        ];
      }
    }
  }
}

/** Connection records of the synthetic session. */
function connectionInfos(): ConnectionInfo[] {
  return Array.from({ length: CONNECTIONS }, (_, k) => {
    const id = k + 1;
    return {
      id,
      vantages: ['client', 'server'],
      protocol: 'h2',
      transport: 'tcp',
      client: { address: '127.0.0.1', port: 50_000 + id },
      server: { address: '127.0.0.1', port: 8443 },
      tls: true,
      alpn: 'h2',
      tlsVersion: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      serverName: 'localhost',
      openedAt: 0,
      label: `h2 #${id} 127.0.0.1:${50_000 + id} → :8443`,
    } as ConnectionInfo;
  });
}

/**
 * An endless-enough source of h2-like events over 100 connections interleaved at random, deterministic for a
 * seed: yields events one by one (time in ms, growing by 0-0.04 ms per wire item).
 */
function* h2Events(seed: number): Generator<Emit> {
  const rand = seededRandom(seed);
  const scripts = Array.from({ length: CONNECTIONS }, (_, k) => connectionScript(k + 1, rand));
  for (const s of scripts) s.next(0);
  let alive = scripts.map((_, i) => i);
  let time = 0;
  while (alive.length > 0) {
    const pick = alive[Math.floor(rand() * alive.length)]!;
    time += rand() * 0.04;
    const r = scripts[pick]!.next(Math.round(time * 1000) / 1000);
    if (r.done) alive = alive.filter((i) => i !== pick);
    else yield* r.value;
  }
}

const HEADER: SessionHeader = {
  format: SESSION_FORMAT,
  version: SESSION_VERSION,
  appVersion: '0.1.0',
  scenario: 'bench-timeline-h2',
  network: { delayMs: 0, lossPercent: 0, bandwidthKbps: 0 },
  startedAt: '2025-01-01T00:00:00.000Z',
};

/** Writes the 1M-event session with the session writer; returns its stats. */
async function writeSession(file: string): Promise<{ bytes: number; names: Record<string, number>; span: number }> {
  const recorder = new SessionRecorder(HEADER);
  for (const c of connectionInfos()) recorder.setConnection(c);
  const names: Record<string, number> = {};
  let span = 0;
  for (const e of h2Events(1)) {
    if (recorder.events.length >= EVENTS) break;
    recorder.record(e);
    const key = e.name === 'h2:frame' ? `h2:frame ${(e.data as { type: string }).type}` : e.name;
    names[key] = (names[key] ?? 0) + 1;
    span = e.time;
  }
  if (recorder.events.length !== EVENTS) throw new Error(`made ${recorder.events.length} events, not ${EVENTS}`);
  await recorder.saveTo(file);
  return { bytes: statSync(file).size, names, span };
}

// ---- measuring in the page -------------------------------------------------------------------------------

/** What the page functions use of the page's globals (this file compiles without the DOM library). */
interface PageWindow {
  __framescopeTimeline?: { stats(): DrawStats; drawNow(): DrawStats };
  __framescopeStats?: { received: number; sent: number; dropped: number };
  __benchOpen: { changeAt: number; firstAt: number; fullAt: number; fullFrames: number; firstEvents: number };
  document: {
    addEventListener(type: string, listener: (e: { target: { dataset?: Record<string, string> } }) => void, capture: boolean): void;
    querySelector(selector: string): PageElement | null;
  };
  requestAnimationFrame(callback: (ts: number) => void): number;
  WheelEvent: new (type: string, init: Record<string, unknown>) => unknown;
  PointerEvent: new (type: string, init: Record<string, unknown>) => unknown;
}
interface PageElement {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  dispatchEvent(event: unknown): boolean;
  click(): void;
}
interface DrawStats {
  ms: number;
  visited: number;
  marks: number;
  frames: number;
  events: number;
  at: number;
}

interface FrameSample {
  /** Intervals between animation frames, ms. */
  intervals: number[];
  /** Draw times of the timeline's frames in the window, ms. */
  draws: number[];
  /** Events visited per drawn frame. */
  visited: number[];
}

/** Installs the watcher that notes the file input's change and the first frame drawn with `total` events. */
async function installOpenWatch(page: Page, total: number): Promise<void> {
  await page.evaluate((expected) => {
    const w = globalThis as unknown as PageWindow;
    w.__benchOpen = { changeAt: -1, firstAt: -1, fullAt: -1, fullFrames: -1, firstEvents: 0 };
    const open = w.__benchOpen;
    w.document.addEventListener(
      'change',
      (e) => {
        if (e.target.dataset?.['testid'] === 'open-file-input') open.changeAt = performance.now();
      },
      true,
    );
    const requestAnimationFrame = w.requestAnimationFrame.bind(w);
    const hook = () => w.__framescopeTimeline!;
    let lastFrames = hook().stats().frames;
    const tick = () => {
      const s = hook().stats();
      if (open.changeAt >= 0 && s.frames !== lastFrames && s.at > open.changeAt) {
        if (open.firstAt < 0 && s.events > 0 && s.events < expected) {
          open.firstAt = s.at;
          open.firstEvents = s.events;
        }
        if (s.events >= expected) {
          open.fullAt = s.at;
          open.fullFrames = s.frames;
          return;
        }
      }
      lastFrames = s.frames;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, total);
}

/** Drives input for `ms` and samples frames. `mode` 'panzoom' dispatches wheel input each frame; 'idle' only watches. */
async function sampleFrames(page: Page, ms: number, mode: 'panzoom' | 'idle'): Promise<FrameSample> {
  return page.evaluate(
    ({ ms, mode }) =>
      new Promise<FrameSample>((resolvePromise) => {
        const w = globalThis as unknown as PageWindow;
        const requestAnimationFrame = w.requestAnimationFrame.bind(w);
        const canvas = w.document.querySelector('[data-testid="timeline-canvas"]')!;
        const r = canvas.getBoundingClientRect();
        const hook = w.__framescopeTimeline!;
        const intervals: number[] = [];
        const draws: number[] = [];
        const visited: number[] = [];
        let last = -1;
        let frames = hook.stats().frames;
        let start = -1;
        const cx = r.left + 132 + (r.width - 132) * 0.5;
        const cy = r.top + r.height * 0.5;
        const wheel = (init: Record<string, unknown>) =>
          canvas.dispatchEvent(new w.WheelEvent('wheel', { bubbles: true, cancelable: true, clientX: cx, clientY: cy, deltaMode: 0, ...init }));
        const tick = (ts: number) => {
          if (start < 0) start = ts;
          if (last >= 0) intervals.push(ts - last);
          last = ts;
          const s = hook.stats();
          if (s.frames !== frames) {
            draws.push(s.ms);
            visited.push(s.visited);
            frames = s.frames;
          }
          const t = (ts - start) / ms;
          if (mode === 'panzoom') {
            // zoom in (x2.7 per 10 frames), pan sideways, scroll the rows, zoom back out; the pointer hovers
            if (t < 0.3) wheel({ deltaY: -40, ctrlKey: true });
            else if (t < 0.5) wheel({ deltaX: (Math.floor(ts / 500) % 2 ? 1 : -1) * 60 });
            else if (t < 0.6) wheel({ deltaY: 80 });
            else if (t < 0.9) wheel({ deltaY: 40, ctrlKey: true, clientX: cx - 200 });
            else wheel({ deltaX: 60 });
            canvas.dispatchEvent(new w.PointerEvent('pointermove', { bubbles: true, clientX: cx + ((ts / 7) % 300) - 150, clientY: cy + ((ts / 11) % 200) - 100, pointerId: 1 }));
          }
          if (ts - start < ms) requestAnimationFrame(tick);
          else resolvePromise({ intervals, draws, visited });
        };
        requestAnimationFrame(tick);
      }),
    { ms, mode },
  );
}

async function heapMb(cdp: CDPSession): Promise<{ used: number; total: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  return { used: usedSize / 2 ** 20, total: totalSize / 2 ** 20 };
}

/** The page's main-thread busy time so far (CDP Performance metrics), seconds. */
async function taskSeconds(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  cat: string;
}

/** With BENCH_TRACE set: a Chrome trace of `run`, summarized as time per event name on the page's main thread. */
async function trace<T>(cdp: CDPSession, name: string, run: () => Promise<T>): Promise<T> {
  if (!process.env['BENCH_TRACE']) return run();
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }): void => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
  try {
    return await run();
  } finally {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    // the main thread: the one with the most RunTask time in the renderer
    const byThread = new Map<string, number>();
    for (const e of events) if (e.name === 'RunTask' && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
    const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const sums = new Map<string, { ms: number; n: number }>();
    for (const e of events) {
      if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
      const v = sums.get(e.name) ?? { ms: 0, n: 0 };
      v.ms += e.dur / 1000;
      v.n++;
      sums.set(e.name, v);
    }
    const lines = [...sums.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([k, v]) => `    ${v.ms.toFixed(0).padStart(6)} ms ${String(v.n).padStart(6)}×  ${k}`);
    console.log(`  trace ${name} (main thread, nested events counted in each):\n${lines.join('\n')}`);
  }
}

async function profile<T>(cdp: CDPSession, name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_PROFILE'];
  if (!dir) return trace(cdp, name, run);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile: p } = await cdp.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `timeline-${name}.cpuprofile`), JSON.stringify(p));
    console.log(`  profile ${name}:\n${summarizeProfile(p as unknown as CpuProfile)}`);
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}

function summarizeProfile(p: CpuProfile): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let k = 0; k < p.samples.length; k++) {
    const n = byId.get(p.samples[k]!)!;
    const dt = (p.timeDeltas[k] ?? 0) / 1000;
    total += dt;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 18)
    .map(([k, v]) => `    ${v.toFixed(0).padStart(6)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
}

/** Frames that took longer than one and a half refresh intervals (16.7 ms at 60 Hz): a frame was skipped. */
function late(intervals: number[]): string {
  const n = intervals.filter((v) => v > 25).length;
  return `${n} of ${intervals.length} frames late (interval > 25 ms, ${((n / Math.max(1, intervals.length)) * 100).toFixed(1)}%)`;
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

// ---- the group -------------------------------------------------------------------------------------------

/** Runs the timeline measurements. */
export const timelineGroup: BenchGroup = async () => {
  const rendererDir = process.env['BENCH_RENDERER_DIR'] ?? join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('build the renderer first: npx vite build -c renderer/vite.config.ts');
  const loadStart = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'framescope-bench-timeline-'));
  const file = join(dir, 'timeline-1m.framescope');
  const made = await writeSession(file);
  collectGarbage();
  const engine = new Engine({ dataDir: dir, tlsPort: 0, clearPort: 0 });
  await engine.start();
  const web = await startWebHost({ engine, rendererDir, port: 0, sessionsDir: join(dir, 'sessions') });
  // the engine's part of opening, on its clock and CPU
  const phases = { arrived: 0, arrivedEpoch: 0, fromBytes: 0, firstBatch: 0, lastBatch: 0, replayed: 0, cpuMs: 0 };
  const openUpload = engine.openUpload.bind(engine);
  const openFrom = engine.openSessionFrom.bind(engine);
  engine.openUpload = async (upload) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    phases.arrived = t0;
    phases.arrivedEpoch = performance.timeOrigin + t0;
    try {
      return await openUpload(upload);
    } finally {
      phases.replayed = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      phases.cpuMs = (cpu.user + cpu.system) / 1000;
    }
  };
  engine.openSessionFrom = (source, name) => {
    if (phases.fromBytes === 0) phases.fromBytes = performance.now();
    return openFrom(source, name);
  };
  engine.subscribe((m) => {
    if (m.kind !== 'batch' || phases.arrived === 0 || phases.replayed !== 0) return;
    if (phases.firstBatch === 0) phases.firstBatch = performance.now() - phases.arrived;
    phases.lastBatch = performance.now() - phases.arrived;
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // tsx compiles this file with esbuild's keepNames: functions passed to the page call __name
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(web.url);
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).__framescopeTimeline !== undefined && (globalThis as unknown as PageWindow).__framescopeStats !== undefined);
    const heapEmpty = await heapMb(cdp);

    // ---- open the file as a person would
    await installOpenWatch(page, EVENTS);
    const busy0 = await taskSeconds(cdp);
    const opened = await profile(cdp, 'open', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('open-session').click();
      await (await chooser).setFiles(file);
      await page.waitForFunction(() => (globalThis as unknown as PageWindow).__benchOpen.fullAt >= 0, undefined, { timeout: 300_000, polling: 100 });
      return page.evaluate(() => ({ ...(globalThis as unknown as PageWindow).__benchOpen, origin: performance.timeOrigin }));
    });
    const busy1 = await taskSeconds(cdp);
    const firstPaint = opened.fullAt - opened.changeAt;
    const progressive = opened.firstAt >= 0 ? opened.firstAt - opened.changeAt : NaN;
    const received = await page.evaluate(() => (globalThis as unknown as PageWindow).__framescopeStats!);
    if (received.received !== EVENTS || received.dropped !== 0) throw new Error(`renderer has ${received.received} of ${EVENTS} events`);
    await page.waitForTimeout(500);
    const heap = await heapMb(cdp);

    // ---- pan and zoom
    await page.evaluate(() => (globalThis as unknown as PageWindow).__framescopeTimeline!.drawNow());
    const busy2 = await taskSeconds(cdp);
    const panzoom = await profile(cdp, 'panzoom', () => sampleFrames(page, PAN_ZOOM_MS, 'panzoom'));
    const busy3 = await taskSeconds(cdp);
    const fullDraw = await page.evaluate(() => {
      (globalThis as unknown as PageWindow).document.querySelector('[data-testid="timeline-fit"]')?.click();
      const t = (globalThis as unknown as PageWindow).__framescopeTimeline!;
      const runs: number[] = [];
      for (let k = 0; k < 5; k++) runs.push(t.drawNow().ms);
      return { runs, visited: t.stats().visited, marks: t.stats().marks };
    });

    // ---- live: a fresh session, then 100,000 events/s
    const empty = [JSON.stringify(HEADER), ...connectionInfos().map((c) => JSON.stringify({ connection: c }))].join('\n') + '\n';
    await engine.openSessionFrom(gzipSync(empty), 'live-bench.framescope');
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).__framescopeStats!.received === 0);
    await page.waitForTimeout(300);
    const source = h2Events(2);
    let emitted = 0;
    let liveLag = 0;
    const cpuLive0 = process.cpuUsage();
    const busy4 = await taskSeconds(cdp);
    const liveStart = performance.now();
    const emitter = setInterval(() => {
      const due = Math.min(LIVE_RATE * LIVE_SECONDS, Math.floor(((performance.now() - liveStart) / 1000) * LIVE_RATE));
      const now = engine.now();
      while (emitted < due) {
        const e = source.next().value as Emit;
        (e as { time: number }).time = now;
        engine.emit(e);
        emitted++;
      }
    }, 5);
    const live = await profile(cdp, 'live', () => sampleFrames(page, LIVE_SECONDS * 1000, 'idle'));
    clearInterval(emitter);
    const liveSeconds = (performance.now() - liveStart) / 1000;
    const emitSeconds = Math.min(liveSeconds, LIVE_SECONDS);
    const busy5 = await taskSeconds(cdp);
    const cpuLive = process.cpuUsage(cpuLive0);
    await page.waitForFunction((n) => (globalThis as unknown as PageWindow).__framescopeStats!.received >= n, emitted, { timeout: 60_000 }).catch(() => undefined);
    const liveStats = await page.evaluate(() => (globalThis as unknown as PageWindow).__framescopeStats!);
    liveLag = emitted - liveStats.received;
    const version = browser.version();
    const loadEnd = loadavg()[0] ?? 0;
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Chromium ${version}, load average ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)} (1 min)`;
    const mix = Object.entries(made.names)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${((v / EVENTS) * 100).toFixed(1)}%`)
      .join(', ');
    const metrics: Record<string, Metric> = {
      'timeline.first_paint_ms': {
        value: Math.round(firstPaint),
        unit: 'ms',
        goal: 2000,
        note:
          `${EVENTS.toLocaleString('en-US')} events (${CONNECTIONS} h2 connections × ${STREAMS} streams, ${(made.span / 1000).toFixed(1)} s of session; ${mix}), ` +
          `${(made.bytes / 2 ** 20).toFixed(1)} MiB file, opened through the web host's file upload: file input change → first frame with all events. ` +
          `First progressive frame after ${r1(progressive)} ms (${opened.firstEvents.toLocaleString('en-US')} events). ` +
          `The upload reached the engine ${r1(phases.arrivedEpoch - (opened.origin + opened.changeAt))} ms after the change; engine, from then: base64 decoded ${r1(phases.fromBytes - phases.arrived)} ms, first batch out ${r1(phases.firstBatch)} ms, last ${r1(phases.lastBatch)} ms, done ${r1(phases.replayed)} ms, engine process CPU ${r1(phases.cpuMs)} ms; ` +
          `page main thread busy ${r1((busy1.task - busy0.task) * 1000)} ms (script ${r1((busy1.script - busy0.script) * 1000)} ms). ${machine}`,
      },
      'timeline.frame_p50_ms': {
        value: r1(pct(panzoom.intervals, 50)),
        unit: 'ms',
        note: `requestAnimationFrame intervals over ${PAN_ZOOM_MS / 1000} s of wheel zoom/pan/scroll input with hover (${panzoom.intervals.length} frames; at 60 Hz an on-time frame is 16.7 ms, give or take timer jitter); timeline draw time p50 ${r1(pct(panzoom.draws, 50))} ms`,
      },
      'timeline.frame_p95_ms': {
        value: r1(pct(panzoom.intervals, 95)),
        unit: 'ms',
        goal: 16.7,
        note:
          `${late(panzoom.intervals)}; draw time p95 ${r1(pct(panzoom.draws, 95))} ms, max ${r1(Math.max(...panzoom.draws))} ms over ${panzoom.draws.length} draws; events visited per frame p50 ${pct(panzoom.visited, 50)}, max ${Math.max(...panzoom.visited)}; ` +
          `page main thread busy ${r1(((busy3.task - busy2.task) * 1000) / Math.max(1, panzoom.intervals.length))} ms per frame; ` +
          `whole session fitted: draw ${fullDraw.runs.map(r1).join(', ')} ms (${fullDraw.visited} visited, ${fullDraw.marks} marks). ${machine}`,
      },
      'timeline.heap_mb': {
        value: Math.round(heap.used),
        unit: 'MB',
        goal: 500,
        note: `page JS heap after a full GC with the session loaded (CDP Runtime.getHeapUsage; ${Math.round(heap.total)} MB allocated); empty app ${Math.round(heapEmpty.used)} MB`,
      },
      'timeline.live_frame_p95_ms': {
        value: r1(pct(live.intervals, 95)),
        unit: 'ms',
        goal: 33,
        note:
          `${emitted.toLocaleString('en-US')} synthetic h2 events emitted into the engine at ${Math.round(emitted / emitSeconds).toLocaleString('en-US')}/s for ${emitSeconds.toFixed(1)} s, view following; ` +
          `frame interval p50 ${r1(pct(live.intervals, 50))} ms, ${late(live.intervals)}; draw time p50 ${r1(pct(live.draws, 50))}, p95 ${r1(pct(live.draws, 95))} ms; ` +
          `page main thread busy ${r1(((busy5.task - busy4.task) / liveSeconds) * 100)}% of the time; engine process CPU ${r1(((cpuLive.user + cpuLive.system) / 1e6 / liveSeconds) * 100)}%; ` +
          `${liveLag} events not yet in the renderer 60 s after. ${machine}`,
      },
    };
    return metrics;
  } finally {
    await browser.close();
    await web.close();
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
};
