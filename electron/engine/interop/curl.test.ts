/**
 * curl (a real HTTP/1.1 client) against the embedded server: a chunked upload to /echo comes back intact, and
 * the server's view of curl's connection is decoded into events.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { startTestEngine, waitForEvent } from '../test-support/engine-fixture';
import { hasCommand, runCommand } from '../test-support/peers';

describe.skipIf(!hasCommand('curl'))('curl --http1.1 against the embedded server', () => {
  let engine: Engine;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, dataDir, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  it('echoes a chunked upload over TLS, and the server sees curl\'s chunks', async () => {
    const status = engine.serverStatus();
    const body = 'hello from curl\n'.repeat(200);
    const r = await runCommand(
      'curl',
      ['--http1.1', '-sS', '--cacert', join(dataDir, 'server-cert.pem'), '-H', 'Transfer-Encoding: chunked', '-H', 'Content-Type: text/plain', '--data-binary', '@-', `https://localhost:${status.tlsPort}/echo`],
      body,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(body);
    await waitForEvent(engine, (e) => e.name === 'tcp:closed' && e.vantage === 'server');
    const events = engine.currentEvents();
    const head = events.find((e) => e.name === 'h1:head' && e.vantage === 'server' && e.dir === 'received');
    expect(head?.data).toMatchObject({ method: 'POST', target: '/echo', framing: 'chunked' });
    expect(events.some((e) => e.name === 'h1:chunk' && e.vantage === 'server' && e.dir === 'received')).toBe(true);
    const conn = engine.currentConnections().find((c) => c.id === head!.conn)!;
    expect(conn.vantages).toEqual(['server']);
    expect(conn.alpn).toBe('http/1.1');
  });

  it('answers 400 to a malformed request from a raw socket and keeps serving curl', async () => {
    const status = engine.serverStatus();
    const bad = await runCommand('curl', ['-sS', '--http1.1', '-H', 'Bad Header: x', '-o', '/dev/null', '-w', '%{http_code}', `http://127.0.0.1:${status.clearPort}/`]);
    expect(bad.stdout.toString()).toBe('400');
    const ok = await runCommand('curl', ['-sS', '--http1.1', `http://127.0.0.1:${status.clearPort}/status/201`]);
    expect(ok.stdout.toString()).toBe('status 201\n');
  });
});
