/**
 * Group `h3`: requests per second of our HTTP/3 client (client/h3-client.ts: our HTTP/3 + QPACK over our QUIC)
 * against the embedded server's HTTP/3 (our QUIC listener + server/h3-handler.ts), 100 requests in flight on one
 * connection, GETs of /bytes?n=1024 (1 KiB bodies); beside our HTTP/2 client (client/h2-client.ts) against the
 * embedded server's HTTP/2 (Node's nghttp2 behind our tap) with the same parameters, in the same run. Capture on
 * for both: an Engine records both ends, as in the app. Then the fuzz run (h3-fuzz.ts).
 *
 * Client and server run in this one Node process (as in the app), so each figure pays for both ends' JavaScript;
 * for h3 that includes both QUIC stacks (packet protection, ACKs, recovery) which for h2 are the kernel's TCP and
 * Node's OpenSSL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { H2ClientSession } from '../../electron/engine/client/h2-client';
import { H3ClientSession } from '../../electron/engine/client/h3-client';
import { parseTarget } from '../../electron/engine/client/target';
import { Engine } from '../../electron/engine/engine';
import { median, type BenchGroup, type Metric } from '../metric';
import { runH3Fuzz } from './h3-fuzz';

/** Requests per measured run. */
const TOTAL = Number(process.env['H3_BENCH_REQUESTS'] ?? 10_000);
/** Requests in flight at once, on one connection. */
const CONCURRENCY = 100;
const PATH = '/bytes?n=1024';
const BODY = 1024;
const RUNS = Number(process.env['H3_BENCH_RUNS'] ?? 3);
const WARMUP = 2_000;
/** Large HTTP/2 windows (as the h2 group gives h2load and our client), so flow control does not limit either. */
const H2_WINDOW = 2 ** 30 - 1;

/** A client of either protocol, reduced to what the benchmark uses. */
interface BenchClient {
  get(path: string): Promise<{ status: number; body: Uint8Array }>;
  close(): Promise<void>;
}

async function openClient(protocol: 'h2' | 'h3', engine: Engine): Promise<BenchClient> {
  const status = engine.serverStatus();
  const target = parseTarget(`https://localhost:${protocol === 'h3' ? status.h3Port : status.tlsPort}/`, { ca: engine.server.certificatePem() });
  if (protocol === 'h3') {
    const s = await H3ClientSession.open(target, engine);
    return { get: (path) => s.request({ path }), close: () => s.close() };
  }
  const s = await H2ClientSession.open(target, engine, { h2: { connectionWindow: H2_WINDOW, settings: { initialWindowSize: H2_WINDOW } } });
  return { get: (path) => s.request({ path }), close: () => s.close() };
}

/** Sends `total` GETs with at most CONCURRENCY in flight; checks every response; returns requests per second. */
async function drive(client: BenchClient, total: number): Promise<number> {
  let started = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      const r = await client.get(PATH);
      if (r.status !== 200 || r.body.length !== BODY) failures++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - t0;
  if (failures > 0) throw new Error(`${failures} of ${total} responses were not 200 with ${BODY} bytes`);
  return total / (ms / 1000);
}

/** RUNS measured runs of one protocol, each on a fresh engine after a warm-up; their rates. */
async function measure(protocol: 'h2' | 'h3', dataDir: string): Promise<number[]> {
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const engine = new Engine({ dataDir, tlsPort: 0, clearPort: 0 });
    await engine.start();
    try {
      const client = await openClient(protocol, engine);
      try {
        await drive(client, WARMUP);
        rates.push(await drive(client, TOTAL));
        if (process.env['BENCH_DEBUG']) console.log(`  ${protocol} run ${i + 1}: ${Math.round(rates.at(-1)!)} req/s, ${engine.currentEvents().length} events recorded`);
      } finally {
        await client.close();
      }
    } finally {
      await engine.dispose();
    }
  }
  return rates;
}

const runs = (rates: readonly number[]): string => rates.map((r) => Math.round(r).toLocaleString('en-US')).join(', ');

/** Runs the HTTP/3 and HTTP/2 client benchmarks and the HTTP/3 fuzz run. */
export const h3Group: BenchGroup = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'framescope-bench-h3-'));
  try {
    const h3 = await measure('h3', dataDir);
    const h2 = await measure('h2', dataDir);
    const params = `1 connection, ${CONCURRENCY} requests in flight, ${TOTAL.toLocaleString('en-US')} GETs of ${PATH}, capture on, median of ${RUNS} runs each on a fresh engine after a ${WARMUP}-request warm-up`;
    const metrics: Record<string, Metric> = {
      'h3.client_rps': { value: Math.round(median(h3)), unit: 'req/s', note: `our HTTP/3 client → the embedded server's HTTP/3 (our QUIC at both ends); ${params}; runs: ${runs(h3)}` },
      'h3.h2_client_rps': { value: Math.round(median(h2)), unit: 'req/s', note: `our HTTP/2 client → the embedded server's HTTP/2 (TLS over TCP); same parameters; runs: ${runs(h2)}` },
      'h3.vs_h2': { value: Math.round((median(h3) / median(h2)) * 100) / 100, unit: 'ratio', goal: 0.5, better: 'higher', note: 'client_rps / h2_client_rps' },
    };
    return { ...metrics, ...(await runH3Fuzz()) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
