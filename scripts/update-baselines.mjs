// `npm run baselines`: rebuilds the renderer and rewrites the screenshot baselines of e2e/screenshots.spec.ts.
// Look at every PNG under e2e/__screenshots__/ before committing it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
if (run([join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn']) !== 0) process.exit(1);
process.exit(run([join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', 'e2e/screenshots.spec.ts', '--update-snapshots', ...process.argv.slice(2)]));
