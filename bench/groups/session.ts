/**
 * The `session` group: writing and reading a 1,000,000-event `.framescope` file (see session-fixture.ts for the
 * mix of events). Write = SessionRecorder.saveTo(path) (JSON lines → gzip → temp file, renamed); read =
 * readSession(path) (gunzip → lines → validated events in memory). Each is the median of three runs.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance as perfHooks } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readSession } from '../../electron/engine/session/reader';
import { SessionRecorder } from '../../electron/engine/session/recorder';
import { DEFAULT_GZIP_LEVEL } from '../../electron/engine/session/writer';
import { median, type BenchGroup, type Metric } from '../metric';
import { syntheticSession } from './session-fixture';

const EVENTS = 1_000_000;
const RUNS = 3;

/** Runs the session benchmarks. */
export const sessionGroup: BenchGroup = async () => {
  let recorder: SessionRecorder | null = recordSynthetic();
  const count = recorder.events.length;
  let jsonBytes = 0;
  for (const e of recorder.events) jsonBytes += JSON.stringify(e).length + 1;

  const dir = await mkdtemp(join(tmpdir(), 'framescope-bench-'));
  const file = join(dir, 'bench.framescope');
  try {
    const writes: number[] = [];
    const writeMain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      collectGarbage();
      const elu = perfHooks.eventLoopUtilization();
      const started = performance.now();
      await recorder.saveTo(file);
      writes.push(performance.now() - started);
      writeMain.push(perfHooks.eventLoopUtilization(elu).active);
    }
    const bytes = (await stat(file)).size;
    recorder = null; // each read starts from a heap without the recorded session, as when opening a file
    const reads: number[] = [];
    const readMain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      collectGarbage();
      const elu = perfHooks.eventLoopUtilization();
      const started = performance.now();
      const loaded = await readSession(file);
      reads.push(performance.now() - started);
      readMain.push(perfHooks.eventLoopUtilization(elu).active);
      if (loaded.events.length !== count || loaded.warning) throw new Error(`read back ${loaded.events.length} of ${count} events`);
    }
    const perSecond = (ms: number): number => Math.round(count / (ms / 1000));
    const metrics: Record<string, Metric> = {
      'session.write_events_per_s': {
        value: perSecond(median(writes)),
        unit: 'events/s',
        goal: 500_000,
        note: `${count} events, gzip level ${DEFAULT_GZIP_LEVEL}, median of ${RUNS} (${list(writes)} ms; main thread busy ${list(writeMain)} ms)`,
      },
      'session.read_events_per_s': {
        value: perSecond(median(reads)),
        unit: 'events/s',
        goal: 500_000,
        note: `readSession, full validation, median of ${RUNS} (${list(reads)} ms; main thread busy ${list(readMain)} ms)`,
      },
      'session.bytes_per_event': {
        value: Math.round((bytes / count) * 100) / 100,
        unit: 'bytes',
        goal: 60,
        note: `${(bytes / 2 ** 20).toFixed(1)} MiB gzipped; ${(jsonBytes / count).toFixed(0)} bytes/event as JSON lines`,
      },
    };
    return metrics;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

function recordSynthetic(): SessionRecorder {
  const synthetic = syntheticSession(EVENTS);
  const recorder = new SessionRecorder(synthetic.header);
  for (const c of synthetic.connections) recorder.setConnection(c);
  for (const e of synthetic.events) recorder.record(e);
  return recorder;
}

/** A full GC between runs, so one run does not pay for the garbage of the one before. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function list(values: number[]): string {
  return values.map((ms) => ms.toFixed(0)).join(', ');
}
