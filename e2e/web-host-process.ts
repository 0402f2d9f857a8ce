/**
 * Starts the real web host (`electron/web/main.ts`) as a child process on free ports with a fresh data folder,
 * waits for it to print its URL, and stops it by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A running web host child process. */
export interface WebHostProcess {
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');

/** Spawns the web host and resolves once it prints "Framescope web host: URL". */
export function startWebHostProcess(): Promise<WebHostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'framescope-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/web/main.ts'), '--port', '0', '--tls-port', '0', '--clear-port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /Framescope web host: (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        resolvePromise({
          url: m[1]!,
          pid: child.pid!,
          dataDir,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) {
                rmSync(dataDir, { recursive: true, force: true });
                done();
                return;
              }
              child.once('exit', () => {
                rmSync(dataDir, { recursive: true, force: true });
                done();
              });
              process.kill(child.pid!, 'SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${out}`)));
  });
}
