/**
 * Clients that misbehave against the embedded server: malformed heads, oversized heads, a head that never ends,
 * a client that leaves mid-request. Each gets 400, 431, 408 or a close, an event says what was wrong, and the
 * server goes on serving everyone else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { waitForEvent } from '../test-support/engine-fixture';

describe('the embedded server and clients that misbehave', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'framescope-bad-'));
    engine = new Engine({ dataDir: dir, tlsPort: 0, clearPort: 0, headersTimeoutMs: 400, batchIntervalMs: 2 });
    await engine.start();
  });
  afterAll(async () => {
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends bytes on a fresh cleartext connection; resolves with everything the server sent before closing. */
  function exchange(bytes: string, opts: { closeAfterWrite?: boolean } = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: engine.serverStatus().clearPort }, () => {
        socket.write(bytes, 'latin1');
        if (opts.closeAfterWrite) socket.destroy();
      });
      let got = '';
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
  }

  it('answers 400 to a bad request line, with an h1:error naming the byte', async () => {
    const reply = await exchange('GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    const err = await waitForEvent(engine, (e) => e.name === 'h1:error' && e.vantage === 'server');
    expect((err.data as { offset: number }).offset).toBe(5);
  });

  it('answers 400 to a bad chunk size', async () => {
    const reply = await exchange('POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers 431 to a head over the limit', async () => {
    const reply = await exchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('gives up on a head that never ends', async () => {
    const started = Date.now();
    const reply = await exchange('GET / HTTP/1.1\r\nHost: x\r\n');
    expect(reply === '' || /^HTTP\/1\.1 408 /.test(reply)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('survives a client that leaves mid-request, and keeps serving', async () => {
    await exchange('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part', { closeAfterWrite: true });
    const closed = await waitForEvent(engine, (e) => e.name === 'h1:error' && e.vantage === 'server' && /closed mid-message/.test((e.data as { reason: string }).reason));
    expect(closed).toBeDefined();
    const reply = await exchange('GET /status/200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
  });
});
