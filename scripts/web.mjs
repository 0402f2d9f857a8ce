// `npm run web [-- --port N]`: builds the renderer if needed, then starts the engine and the web host.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRendererIfNeeded } from './build-renderer-if-needed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
buildRendererIfNeeded(root);
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'web', 'main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
