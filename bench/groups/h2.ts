/**
 * Group `h2`: requests per second of our HTTP/2 client (electron/engine/client/h2-client.ts over the sans-IO core
 * in protocols/http2) against the embedded server (Node's nghttp2 behind our plaintext tap), one TLS connection,
 * at most 100 requests in flight, 20,000 GETs of /bytes?n=1024; beside h2load with the same parameters against the
 * same server in the same run. Then the fuzz run (fuzz_inputs, fuzz_crashes; see h2-fuzz.ts).
 *
 * Modes:
 * - capture on: an Engine is the sink of both ends, as in the app. The server's tap decodes every frame of both
 *   directions with our frame and HPACK decoders, the client's core traces every frame, and every event is
 *   recorded in the session (and batched for subscribers; none is subscribed here).
 * - capture off: the same embedded server (EmbeddedServer, built by the bench without an Engine) with a sink that
 *   drops events, and the client with the same sink. The server's tap still decodes every frame of both
 *   directions (the tap is not optional in the server; no option was added to switch it off) and the client's core
 *   still builds its trace items and emitH2Traces its events: what is off is recording them (the session's
 *   recorder and batcher, and keeping every event in memory). Both modes run the same decoding, so
 *   capture_cost is the price of keeping the capture, not of decoding.
 *
 * The client and the server run in this one Node process (as in the app), so our client's figure pays for the
 * server's JavaScript too; h2load runs in its own process and the server alone is on this thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ConnectionInfo, PendingEvent, Vantage } from '../../shared/events';
import { H2ClientSession } from '../../electron/engine/client/h2-client';
import { parseTarget, type ClientTarget } from '../../electron/engine/client/target';
import { SessionClock } from '../../electron/engine/core/clock';
import type { FourTuple } from '../../electron/engine/core/connection-registry';
import type { ConnectionFacts, EventSink } from '../../electron/engine/core/event-sink';
import { Engine } from '../../electron/engine/engine';
import { EmbeddedServer } from '../../electron/engine/server/embedded-server';
import { hasCommand, runCommand } from '../../electron/engine/test-support/peers';
import { median, type BenchGroup, type Metric } from '../metric';
import { runFuzz } from './h2-fuzz';

/** Requests per measured run. */
const TOTAL = Number(process.env['H2_BENCH_REQUESTS'] ?? 20_000);
/** Requests in flight at once (one connection, so this is also the number of concurrent streams). */
const CONCURRENCY = 100;
const PATH = '/bytes?n=1024';
const BODY = 1024;
/** Measured runs per mode (the median is reported); each follows a warm-up run. */
const RUNS = Number(process.env['H2_BENCH_RUNS'] ?? 3);
const WARMUP = 4_000;
/**
 * h2load's default windows (-w 30 -W 30: 2^30-1 for each stream and for the connection), so both clients run
 * with the same flow control. With the defaults (64 KiB) and 100 streams in flight, Node's server runs out of
 * connection window before the empty END_STREAM DATA of some responses and then resets those streams with
 * RST_STREAM(NO_ERROR) instead (nghttp2 defers even a zero-length DATA at window 0; Node closes the stream),
 * which our client rightly reports as an incomplete response.
 */
const WINDOW = 2 ** 30 - 1;

/** A sink that keeps nothing: what the client and server report is dropped (capture off). */
export class DropSink implements EventSink {
  private readonly clock = new SessionClock();
  private nextId = 1;
  emitted = 0;

  /** Session time. */
  now(): number {
    return this.clock.time();
  }

  /** Counts and drops the event. */
  emit(_event: PendingEvent): void {
    this.emitted++;
  }

  /** A connection record that is not kept. */
  openConnection(tuple: FourTuple, vantage: Vantage, facts: ConnectionFacts): ConnectionInfo {
    return { ...facts, id: this.nextId++, vantages: [vantage], client: tuple.client, server: tuple.server, transport: tuple.transport };
  }

  /** Ignored. */
  updateConnection(): void {}
}

interface RunResult {
  readonly ms: number;
  readonly rps: number;
  readonly events: number;
  /** CPU time of this process (client and server, user + system) per request, µs: less sensitive to other load than rps. */
  readonly cpuUs: number;
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

/** Sends `total` GETs over one connection with at most CONCURRENCY in flight; checks every response. */
async function driveClient(target: ClientTarget, sink: EventSink, total: number, countEvents: () => number): Promise<RunResult> {
  const session = await H2ClientSession.open(target, sink, { h2: { connectionWindow: WINDOW, settings: { initialWindowSize: WINDOW } } });
  try {
    const before = countEvents();
    let started = 0;
    let failures = 0;
    const worker = async (): Promise<void> => {
      while (started < total) {
        started++;
        const r = await session.request({ path: PATH });
        if (r.status !== 200 || r.body.length !== BODY) failures++;
      }
    };
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ms = performance.now() - t0;
    const cpuUs = cpuMicros(cpu) / total;
    if (failures > 0) throw new Error(`${failures} of ${total} responses were not 200 with ${BODY} bytes`);
    return { ms, rps: total / (ms / 1000), events: countEvents() - before, cpuUs };
  } finally {
    await session.close();
  }
}

interface Server {
  readonly port: number;
  readonly ca: string;
  readonly events: () => number;
  readonly stop: () => Promise<void>;
}

async function engineServer(dataDir: string): Promise<Server & { engine: Engine }> {
  const engine = new Engine({ dataDir, tlsPort: 0, clearPort: 0 });
  const status = await engine.start();
  return { engine, port: status.tlsPort, ca: engine.server.certificatePem(), events: () => engine.currentEvents().length, stop: () => engine.dispose() };
}

async function droppingServer(dataDir: string, sink: DropSink): Promise<Server> {
  const server = new EmbeddedServer({ dataDir, tlsPort: 0, clearPort: 0 }, sink);
  const status = await server.start();
  return { port: status.tlsPort, ca: server.certificatePem(), events: () => sink.emitted, stop: () => server.stop() };
}

/**
 * A full GC before each measured run, so a run does not pay for the garbage of the one before (a capture-on run
 * leaves about a gigabyte of recorded events behind when its Engine is dropped).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** One mode: a fresh server per run (so a session does not grow across runs), a warm-up, then the measured run. */
async function measure(label: string, dataDir: string, mode: 'capture' | 'nocapture'): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const drop = new DropSink();
    const server = mode === 'capture' ? await engineServer(dataDir) : await droppingServer(dataDir, drop);
    try {
      const sink: EventSink = mode === 'capture' ? (server as Server & { engine: Engine }).engine : drop;
      const target = parseTarget(`https://localhost:${server.port}/`, { ca: server.ca });
      await driveClient(target, sink, WARMUP, server.events);
      collectGarbage();
      const r = await driveClient(target, sink, TOTAL, server.events);
      results.push(r);
      if (process.env['BENCH_DEBUG']) console.log(`  ${label} run ${i + 1}: ${r.ms.toFixed(0)} ms, ${Math.round(r.rps)} req/s, ${r.events} events, ${r.cpuUs.toFixed(0)} µs CPU/request`);
    } finally {
      await server.stop();
    }
  }
  return results;
}

/**
 * h2load against an engine server (capture on, as for our client), parsed from its "finished in" line; `runs`
 * times, or once against a server whose events are dropped (`nocapture`).
 */
async function measureH2load(dataDir: string, runs: number, nocapture = false): Promise<{ rps: number; line: string; serverCpuUs: number } | null> {
  if (!hasCommand('h2load')) return null;
  const rps: number[] = [];
  const cpus: number[] = [];
  let line = '';
  for (let i = 0; i < runs; i++) {
    const server = nocapture ? await droppingServer(dataDir, new DropSink()) : await engineServer(dataDir);
    try {
      const url = `https://localhost:${server.port}${PATH}`;
      await runCommand('h2load', ['-n', String(WARMUP), '-c', '1', '-m', String(CONCURRENCY), url]);
      collectGarbage();
      const cpu = process.cpuUsage();
      const r = await runCommand('h2load', ['-n', String(TOTAL), '-c', '1', '-m', String(CONCURRENCY), url]);
      cpus.push(cpuMicros(cpu) / TOTAL);
      const out = r.stdout.toString();
      const m = /finished in ([\d.]+)(m?s), ([\d.]+) req\/s/.exec(out);
      const done = /requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded/.exec(out);
      if (r.code !== 0 || !m || !done || Number(done[1]) !== TOTAL) throw new Error(`h2load failed (${r.code}): ${out}\n${r.stderr}`);
      rps.push(Number(m[3]));
      line = m[0];
      if (process.env['BENCH_DEBUG']) console.log(`  h2load${nocapture ? ' (capture off)' : ''} run ${i + 1}: ${m[0]}, server ${cpus.at(-1)!.toFixed(0)} µs CPU/request`);
    } finally {
      await server.stop();
    }
  }
  return { rps: median(rps), line, serverCpuUs: median(cpus) };
}

function list(results: readonly RunResult[]): string {
  const cpu = median(results.map((r) => r.cpuUs));
  return `${results.map((r) => Math.round(r.rps).toLocaleString('en-US')).join(', ')} req/s; this process (client + server) ${cpu.toFixed(0)} µs CPU per request`;
}

/** Runs the HTTP/2 client benchmarks and the fuzz run. */
export const h2Group: BenchGroup = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'framescope-bench-h2-'));
  try {
    const capture = await measure('capture on', dataDir, 'capture');
    const nocapture = await measure('capture off', dataDir, 'nocapture');
    const h2load = await measureH2load(dataDir, RUNS);
    const h2loadOff = await measureH2load(dataDir, 1, true);
    const rps = median(capture.map((r) => r.rps));
    const rpsOff = median(nocapture.map((r) => r.rps));
    const eventsPerRequest = median(capture.map((r) => r.events)) / TOTAL;
    const params = `1 TLS connection, ${CONCURRENCY} streams in flight, ${TOTAL.toLocaleString('en-US')} GETs of ${PATH}, median of ${RUNS} runs, each on a fresh server after a ${WARMUP}-request warm-up and a full GC`;
    const metrics: Record<string, Metric> = {
      'h2.client_rps': {
        value: Math.round(rps),
        unit: 'req/s',
        note: `capture on (an Engine records both ends: ${eventsPerRequest.toFixed(1)} events per request); ${params}; runs: ${list(capture)}`,
      },
      'h2.client_rps_nocapture': {
        value: Math.round(rpsOff),
        unit: 'req/s',
        note: `both ends report to a sink that drops events; the server's tap still decodes every frame; runs: ${list(nocapture)}`,
      },
      'h2.capture_cost': {
        value: Math.round((1 - rps / rpsOff) * 1000) / 1000,
        unit: 'fraction',
        goal: 0.3,
        better: 'lower',
        note: '1 - client_rps / client_rps_nocapture',
      },
    };
    if (h2load) {
      metrics['h2.h2load_rps'] = {
        value: Math.round(h2load.rps),
        unit: 'req/s',
        peer: `h2load -n ${TOTAL} -c 1 -m ${CONCURRENCY} (nghttp2) against the same embedded server, capture on`,
        note: `median of ${RUNS}; last: ${h2load.line}; the server (this process) ${h2load.serverCpuUs.toFixed(0)} µs CPU per request; against the same server with its events dropped (capture off, one run): ${Math.round(h2loadOff?.rps ?? 0)} req/s, ${(h2loadOff?.serverCpuUs ?? 0).toFixed(0)} µs CPU per request`,
      };
      metrics['h2.vs_h2load'] = { value: Math.round((rps / h2load.rps) * 100) / 100, unit: 'ratio', goal: 0.5, better: 'higher', note: 'client_rps / h2load_rps' };
    } else {
      console.log('  h2load is not installed (apt-get install nghttp2-client): h2.h2load_rps and h2.vs_h2load are left out');
    }
    return { ...metrics, ...(await runFuzz()) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
