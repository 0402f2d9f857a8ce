/**
 * Real HTTP/2 clients against the embedded server, whose side we see through the plaintext tap and our own
 * frame and HPACK decoders: Node's http2 client (nghttp2) over TLS with ALPN h2, and nghttp (h2c with prior
 * knowledge, server push).
 */
import { connect } from 'node:http2';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { startTestEngine, waitForEvent } from '../test-support/engine-fixture';
import { hasCommand, runCommand } from '../test-support/peers';

type FrameData = { type: string; flags: string[] };

describe('HTTP/2 clients against the embedded server', () => {
  let engine: Engine;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, dataDir, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  it('Node http2 over TLS: ALPN h2, six multiplexed requests, every frame decoded from the server side', async () => {
    const ca = readFileSync(join(dataDir, 'server-cert.pem'), 'utf8');
    const session = connect(`https://localhost:${engine.serverStatus().tlsPort}`, { ca });
    const bodies = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(
        (i) =>
          new Promise<number>((resolve, reject) => {
            const req = session.request({ ':path': `/bytes?n=${i * 10_000}`, 'x-lesson': 'multiplexing' });
            let n = 0;
            req.on('data', (d: Buffer) => (n += d.length));
            req.on('end', () => resolve(n));
            req.on('error', reject);
            req.end();
          }),
      ),
    );
    expect(bodies).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    await new Promise<void>((resolve) => session.close(() => resolve()));
    await waitForEvent(engine, (e) => e.name === 'tcp:closed' && e.vantage === 'server');
    const frames = engine.currentEvents().filter((e) => e.name === 'h2:frame' && e.vantage === 'server');
    const received = frames.filter((e) => e.dir === 'received').map((e) => (e.data as FrameData).type);
    const sent = frames.filter((e) => e.dir === 'sent').map((e) => (e.data as FrameData).type);
    expect(received.filter((t) => t === 'HEADERS')).toHaveLength(6);
    expect(sent.filter((t) => t === 'HEADERS')).toHaveLength(6);
    expect(sent.filter((t) => t === 'DATA').length).toBeGreaterThanOrEqual(6);
    expect(received).toContain('SETTINGS');
    expect(engine.currentEvents().some((e) => e.name === 'h2:error')).toBe(false);
    expect(engine.currentEvents().some((e) => e.name === 'hpack:table_updated' && e.dir === 'received')).toBe(true);
    const conn = engine.currentConnections().find((c) => c.id === frames[0]!.conn)!;
    expect(conn).toMatchObject({ alpn: 'h2', protocol: 'h2' });
  });

  it.skipIf(!hasCommand('nghttp'))('nghttp over h2c with prior knowledge receives pushed resources', async () => {
    const r = await runCommand('nghttp', ['-nv', `http://127.0.0.1:${engine.serverStatus().clearPort}/push`]);
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    expect(out).toMatch(/recv PUSH_PROMISE frame/);
    await waitForEvent(engine, (e) => e.name === 'tcp:closed' && e.vantage === 'server' && engine.currentConnections().find((c) => c.id === e.conn)?.protocol === 'h2c');
    const pushes = engine.currentEvents().filter((e) => e.name === 'h2:frame' && e.vantage === 'server' && (e.data as FrameData).type === 'PUSH_PROMISE');
    expect(pushes).toHaveLength(3);
    expect(pushes.every((e) => e.dir === 'sent')).toBe(true);
  });
});
