// Builds main, preload and renderer with electron-vite (no Electron binary needed) and checks what the sandbox
// needs: the preload is CommonJS and requires nothing but 'electron'; main is ESM and imports no dev-only package.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const problems = [];
const preload = readFileSync(join(root, 'out', 'preload', 'index.cjs'), 'utf8');
const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
for (const r of required) if (r !== 'electron') problems.push(`preload requires "${r}" (a sandboxed preload may only require electron)`);
if (/^\s*import\s/m.test(preload)) problems.push('preload is not CommonJS');
const main = readFileSync(join(root, 'out', 'main', 'index.js'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// only the bundle's import statements (at the start of a line), not strings that happen to contain `from "x"`
for (const m of main.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"./][^"]*)"|^import\s*"([^"./][^"]*)"/gm)) {
  const spec = m[1] ?? m[2];
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (name === 'electron' || name.startsWith('node:')) continue;
  if (!(name in (pkg.dependencies ?? {}))) problems.push(`main imports "${name}", which is not a runtime dependency`);
}
for (const p of problems) console.error(p);
console.log(problems.length === 0 ? 'electron build: ok (preload requires only electron; main imports only dependencies)' : `electron build: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
