/**
 * Records e2e/fixtures/qpack.framescope: real HTTP/3 traffic from headless Chromium to the embedded server (our
 * QUIC, HTTP/3 and QPACK), with requests that repeat their headers so both QPACK dynamic tables fill: Chromium's
 * encoder inserts request fields (the server allows a 4 KiB table), the server's encoder inserts response fields
 * (Chromium allows one). A long header that changes on every request pushes Chromium's table past its capacity, so
 * entries get evicted. Only the server's view is recorded (Chromium is not ours).
 *
 *   npx tsx scripts/record-qpack-fixture.ts [out.framescope]
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startTestEngine } from '../electron/engine/test-support/engine-fixture';

const out = process.argv[2] ?? join(import.meta.dirname, '..', 'e2e', 'fixtures', 'qpack.framescope');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const { engine, cleanup } = await startTestEngine();
const profile = mkdtempSync(join(tmpdir(), 'framescope-qpack-fixture-'));
try {
  const status = engine.serverStatus();
  const port = status.h3Port;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-quic',
      `--origin-to-force-quic-on=localhost:${port}`,
      `--ignore-certificate-errors-spki-list=${status.certPin}`,
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`https://localhost:${port}/`);
    const protocol = String(await page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol"));
    if (protocol !== 'h3') throw new Error(`the page loaded over ${protocol}, not h3`);
    // one request after another, so each field section sees the table the previous ones left
    const results = await page.evaluate(async () => {
      const got: string[] = [];
      for (let i = 1; i <= 10; i++) {
        const r = await fetch(`/bytes?n=${i * 100}`, {
          headers: { 'x-framescope-lesson': 'qpack: watch the dynamic tables fill', 'x-request-id': `request-${i}-`.padEnd(600, String(i % 10)) },
        });
        got.push(`${r.status} ${(await r.arrayBuffer()).byteLength}`);
      }
      return got;
    });
    console.log(`Chromium over ${protocol}: ${results.join(', ')}`);
    // let the last acknowledgments arrive
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await context.close();
  }
  await new Promise((r) => setTimeout(r, 300));
  const events = engine.currentEvents();
  const tables = events.filter((e) => e.name === 'qpack:table_updated');
  const sides = (side: string) => tables.filter((e) => (e.data as { side: string }).side === side).length;
  const evicted = tables.filter((e) => ((e.data as { evicted: unknown[] }).evicted ?? []).length > 0).length;
  console.log(`${events.length} events; qpack:table_updated: encoder ${sides('encoder')}, decoder ${sides('decoder')}; ${evicted} with evictions`);
  const saved = await engine.saveSessionTo(out);
  console.log(`wrote ${out}: ${saved.events} events, ${saved.bytes} bytes`);
} finally {
  await cleanup();
  rmSync(profile, { recursive: true, force: true });
}
