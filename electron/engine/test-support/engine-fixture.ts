/**
 * Test support: an engine on free ports with a throw-away data folder, and helpers to wait for events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionEvent } from '../../../shared/events';
import { Engine } from '../engine';

/** Starts an engine on free ports; `cleanup` stops it and removes its folder. */
export async function startTestEngine(): Promise<{ engine: Engine; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'framescope-test-'));
  const engine = new Engine({ dataDir, tlsPort: 0, clearPort: 0, batchIntervalMs: 2 });
  await engine.start();
  return {
    engine,
    dataDir,
    cleanup: async () => {
      await engine.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the current session has an event matching `predicate` (checked on every batch). */
export function waitForEvent(engine: Engine, predicate: (e: SessionEvent) => boolean, timeoutMs = 10_000): Promise<SessionEvent> {
  return new Promise((resolve, reject) => {
    const found = engine.currentEvents().find(predicate);
    if (found) {
      resolve(found);
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = engine.subscribe((m) => {
      if (m.kind !== 'batch') return;
      const hit = m.events.find(predicate);
      if (hit) {
        clearTimeout(timer);
        queueMicrotask(unsubscribe);
        resolve(hit);
      }
    });
  });
}

/** Events of one name, optionally from one vantage. */
export function eventsNamed(events: readonly SessionEvent[], name: string, vantage?: 'client' | 'server'): SessionEvent[] {
  return events.filter((e) => e.name === name && (vantage === undefined || e.vantage === vantage));
}
