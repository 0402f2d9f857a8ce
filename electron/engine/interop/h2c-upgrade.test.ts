/**
 * HTTP/1.1 `Upgrade: h2c`: Caddy (Go's h2c handler) switches with 101 and answers on stream 1; the embedded
 * server (Node) declines and answers over HTTP/1.1. Both outcomes are what the lesson shows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { startTestEngine } from '../test-support/engine-fixture';
import { freePort, hasCommand, startPeer, waitForPort, type PeerProcess } from '../test-support/peers';

describe('h2c by HTTP/1.1 Upgrade', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  it('the embedded server declines and answers over HTTP/1.1', async () => {
    const result = await (await engine.run({ scenario: 'h2c', options: { upgrade: true, path: '/status/200' } })).finished;
    expect(result).toEqual({ ok: true });
    const events = engine.currentEvents();
    expect(events.some((e) => e.name === 'h1:head' && e.vantage === 'client' && e.dir === 'received' && (e.data as { status: number }).status === 200)).toBe(true);
    expect(events.some((e) => e.name === 'h2:frame')).toBe(false);
  });

  describe.skipIf(!hasCommand('caddy'))('against Caddy (h1 + h2c)', () => {
    let caddy: PeerProcess;
    let dir: string;
    let port: number;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'framescope-h2c-'));
      port = await freePort();
      writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n\tauto_https off\n\tservers {\n\t\tprotocols h1 h2c\n\t}\n}\nhttp://127.0.0.1:${port} {\n\trespond "hello proto={http.request.proto}"\n}\n`);
      caddy = startPeer('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir });
      await waitForPort(port, 20_000, caddy.child);
    });
    afterAll(async () => {
      await caddy?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('switches with 101 and the response comes on HTTP/2 stream 1', async () => {
      const result = await (await engine.run({ scenario: 'h2c', target: `http://127.0.0.1:${port}/`, options: { upgrade: true, path: '/hello' } })).finished;
      expect(result).toEqual({ ok: true });
      const events = engine.currentEvents();
      expect(events.find((e) => e.name === 'h1:head' && e.dir === 'received')?.data).toMatchObject({ status: 101 });
      const data = events.filter((e) => e.name === 'h2:frame' && e.dir === 'received' && (e.data as { type: string }).type === 'DATA');
      expect(data.some((e) => e.stream === 1)).toBe(true);
      expect(Buffer.concat(data.map((e) => Buffer.from(e.raw!, 'base64').subarray(9))).toString()).toContain('hello proto=HTTP/1.1'); // Go counts the upgraded request as the HTTP/1.1 one it was
      expect(events.some((e) => e.name === 'h2:error')).toBe(false);
    });

    it('prior knowledge works too', async () => {
      const result = await (await engine.run({ scenario: 'h2c', target: `http://127.0.0.1:${port}/`, options: { path: '/x' } })).finished;
      expect(result).toEqual({ ok: true });
    });
  });
});
