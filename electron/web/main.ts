/**
 * `npm run web`: starts the engine (embedded server) and the web host, and prints the URL.
 * Options: --port N (web host, default 5180), --tls-port N, --clear-port N, --data DIR.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../engine/engine';
import { defaultDataDir } from '../engine/data-dir';
import { parseFlags } from '../../shared/flags';
import { startWebHost } from './web-host';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { port: 'number', 'tls-port': 'number', 'clear-port': 'number', data: 'string', renderer: 'string' });
  const rendererDir = (flags['renderer'] as string | undefined) ?? join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`No built renderer at ${rendererDir}. Run "npm run web" (it builds first) or "npx vite build -c renderer/vite.config.ts".`);
    process.exit(1);
  }
  const dataDir = (flags['data'] as string | undefined) ?? defaultDataDir();
  const engine = new Engine({ dataDir, tlsPort: (flags['tls-port'] as number | undefined) ?? 8443, clearPort: (flags['clear-port'] as number | undefined) ?? 8080 });
  const status = await engine.start();
  const web = await startWebHost({ engine, rendererDir, port: (flags['port'] as number | undefined) ?? 5180, sessionsDir: join(dataDir, 'sessions') });
  console.log(`Framescope web host: ${web.url}`);
  console.log(`embedded server: https://localhost:${status.tlsPort}/ (ALPN ${status.alpn.join(', ')}), http://127.0.0.1:${status.clearPort}/ (HTTP/1.1 or h2c)`);
  console.log(`certificate SPKI pin (sha256/base64): ${status.certPin}`);
  const shutdown = (): void => {
    void Promise.all([web.close(), engine.dispose()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`framescope web: ${(err as Error).message}`);
  process.exit(1);
});
