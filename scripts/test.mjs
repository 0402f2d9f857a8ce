// `npm test`: typecheck, layer check, unit tests (Vitest), renderer build, e2e specs (Playwright over the web
// host in Chromium). Ends with one line "N passed, N failed[, N skipped]" counting every check and test.
// `npm test -- --unit` runs only the checks and unit tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unitOnly = process.argv.includes('--unit');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(title, args, env = {}) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(title, args) {
  const ok = step(title, args);
  totals[ok ? 'passed' : 'failed']++;
  if (!ok) console.log(`--- ${title}: FAILED`);
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync(join(root, 'test-results'), { recursive: true });
check('typecheck (main, preload, engine, web, cli)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck (renderer)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.web.json', '--noEmit']);
check('layer rules', ['--import', 'tsx', join(root, 'scripts', 'check-layers.ts')]);

const vitestJson = join(root, 'test-results', 'vitest.json');
rmSync(vitestJson, { force: true });
const unitOk = step('unit tests (vitest)', [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // a test file that failed to load has no tests to count: count it as one failure
  if (!unitOk && (vitest.numFailedTests ?? 0) === 0) totals.failed++;
} else if (!unitOk) totals.failed++;

if (!unitOnly) {
  check('electron build (main ESM, sandboxed CommonJS preload)', [join(root, 'scripts', 'check-electron-build.mjs')]);
  const built = check('renderer build', [bin('vite', 'bin/vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn']);
  const e2eJson = join(root, 'test-results', 'e2e.json');
  rmSync(e2eJson, { force: true });
  if (built) {
    const e2eOk = step('end-to-end specs (playwright, chromium)', [bin('@playwright/test', 'cli.js'), 'test']);
    const e2e = readJson(e2eJson);
    if (e2e?.stats) {
      totals.passed += e2e.stats.expected ?? 0;
      totals.failed += (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0);
      totals.skipped += e2e.stats.skipped ?? 0;
      if (!e2eOk && (e2e.stats.unexpected ?? 0) === 0) totals.failed++;
    } else if (!e2eOk) totals.failed++;
  }
}

if (!existsSync(join(root, 'node_modules'))) totals.failed++;
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
console.log(`\n${line}`);
process.exit(totals.failed === 0 ? 0 : 1);
