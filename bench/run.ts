/**
 * The benchmark harness: `npm run bench -- [group ...]` runs every group (or the named ones), prints a table
 * and merges the figures into bench/results/latest.json (figures of groups not run are kept), with facts about
 * the machine under `_machine`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUPS } from './groups/index';
import { meetsGoal, type Metric } from './metric';

/** Facts about the machine and run, stored under `_machine`. */
export interface MachineFacts {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  /** 1-minute load average when the run ended: other work on the machine skews wall-clock figures. */
  readonly loadAverage: number;
  /** When each group last ran (ISO 8601), since figures of groups not run are kept from earlier runs. */
  readonly groups: Readonly<Record<string, string>>;
}

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = args.filter((a) => !(a in GROUPS));
  if (unknown.length > 0) {
    console.error(`Unknown group(s): ${unknown.join(', ')}. Groups: ${Object.keys(GROUPS).join(', ')}`);
    process.exit(2);
  }
  const names = args.length > 0 ? args : Object.keys(GROUPS);
  const previous = await readPrevious();
  const results: Record<string, unknown> = {};
  const date = new Date().toISOString();
  const groupDates: Record<string, string> = { ...previousGroupDates(previous) };
  for (const [key, value] of Object.entries(previous)) {
    if (key !== '_machine' && !names.includes(key.split('.')[0] ?? '')) results[key] = value;
  }
  for (const name of names) {
    const group = GROUPS[name]!;
    console.log(`▶ ${name}`);
    const started = performance.now();
    const metrics = await group();
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    Object.assign(results, metrics);
    groupDates[name] = date;
    printTable(metrics);
  }
  const machine: MachineFacts = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${platform()} ${release()}`,
    date,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    groups: groupDates,
  };
  await mkdir(dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, JSON.stringify({ _machine: machine, ...sortKeys(results) }, null, 2) + '\n');
  console.log(`\n${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverage} → ${RESULTS}`);
}

async function readPrevious(): Promise<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(await readFile(RESULTS, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function previousGroupDates(previous: Record<string, unknown>): Record<string, string> {
  const machine = previous['_machine'] as { groups?: Record<string, string> } | undefined;
  return machine?.groups ?? {};
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

function printTable(metrics: Record<string, Metric>): void {
  const rows = Object.entries(metrics).map(([name, m]) => {
    const ok = meetsGoal(m);
    const goal = m.goal === undefined ? '' : `${(m.better ?? (m.unit.endsWith('/s') ? 'higher' : 'lower')) === 'higher' ? '≥' : '≤'} ${format(m.goal)}`;
    return [name, format(m.value), m.unit, goal, ok === null ? '' : ok ? 'ok' : 'MISSED'];
  });
  const header = ['metric', 'value', 'unit', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log('  ' + line(header));
  for (const r of rows) console.log('  ' + line(r));
  for (const [name, m] of Object.entries(metrics)) if (m.note) console.log(`  · ${name}: ${m.note}`);
}

function format(n: number): string {
  if (Number.isInteger(n) || Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
