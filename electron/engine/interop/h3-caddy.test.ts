/**
 * Our HTTP/3 client (client/h3-client.ts: our HTTP/3 and QPACK over our QUIC) against Caddy's (quic-go):
 * GET of a small and of a large file (Caddy's file_server), POST with a large body through Caddy to the embedded
 * server's HTTP/1.1 /echo (reverse_proxy, so the body travels h3 → Caddy → h1 and back), and 100 concurrent
 * requests on one connection. Every body is checked byte for byte; our events must show no HTTP/3 error.
 * Skips when caddy is not installed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { H3FrameData, QpackTableUpdatedData } from '../../../shared/event-data/http3';
import { H3ClientSession } from '../client/h3-client';
import { parseTarget } from '../client/target';
import type { Engine } from '../engine';
import { generateCertificate } from '../server/certificate';
import { eventsNamed, startTestEngine } from '../test-support/engine-fixture';
import { freePort, hasCommand, startPeer, waitForPort, type PeerProcess } from '../test-support/peers';

const hasCaddy = hasCommand('caddy');
if (!hasCaddy) console.warn('h3-caddy: caddy is not installed (apt-get install -y caddy); skipping');

/** A deterministic body of `n` bytes that is not a repeating pattern (so a misplaced chunk cannot go unseen). */
function bodyOf(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(!hasCaddy)('our HTTP/3 client against Caddy', () => {
  let caddy: PeerProcess;
  let dir: string;
  let port: number;
  let certPem: string;
  let engine: Engine;
  let cleanup: () => Promise<void>;
  const small = bodyOf(1000, 7);
  const large = bodyOf(8 * 1024 * 1024 + 123, 11);

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    dir = mkdtempSync(join(tmpdir(), 'framescope-h3-caddy-'));
    const cert = await generateCertificate();
    certPem = cert.certPem;
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    const www = join(dir, 'www');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(www);
    writeFileSync(join(www, 'small.bin'), small);
    writeFileSync(join(www, 'large.bin'), large);
    port = await freePort();
    const upstream = engine.serverStatus().clearPort;
    writeFileSync(
      join(dir, 'Caddyfile'),
      [
        '{',
        '\tadmin off',
        '\tskip_install_trust',
        '\tauto_https disable_redirects',
        '\tservers {',
        '\t\tprotocols h1 h2 h3',
        '\t}',
        '}',
        `https://localhost:${port} {`,
        '\tbind 127.0.0.1',
        `\ttls ${dir}/cert.pem ${dir}/key.pem`,
        '\thandle /echo {',
        `\t\treverse_proxy 127.0.0.1:${upstream}`,
        '\t}',
        '\thandle /hello {',
        '\t\trespond "hello proto={http.request.proto} n={http.request.uri.query.n}"',
        '\t}',
        '\thandle {',
        `\t\troot * ${www}`,
        '\t\tfile_server',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    caddy = startPeer('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir });
    await waitForPort(port, 20_000, caddy.child);
  }, 30_000);

  afterAll(async () => {
    await caddy?.stop();
    await cleanup?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const connect = (): Promise<H3ClientSession> => H3ClientSession.open(parseTarget(`https://localhost:${port}/`, { ca: certPem }), engine);

  /** Client events of one connection, and none of them an HTTP/3 error. */
  function clientEvents(h3: H3ClientSession) {
    const events = engine.currentEvents().filter((e) => e.conn === h3.info.id && e.vantage === 'client');
    expect(eventsNamed(events, 'http3:error').map((e) => e.data)).toEqual([]);
    return events;
  }

  it('GET a small and an 8 MiB file: bodies intact, Caddy says HTTP/3', async () => {
    const h3 = await connect();
    try {
      const hello = await h3.request({ path: '/hello?n=1' });
      expect(hello.status).toBe(200);
      expect(Buffer.from(hello.body).toString()).toBe('hello proto=HTTP/3.0 n=1');
      const s = await h3.request({ path: '/small.bin' });
      expect(s.status).toBe(200);
      expect(sha256(s.body)).toBe(sha256(small));
      const l = await h3.request({ path: '/large.bin' });
      expect(l.status).toBe(200);
      expect(l.body.length).toBe(large.length);
      expect(sha256(l.body)).toBe(sha256(large));
      expect(l.dataChunks).toBeGreaterThan(1);
    } finally {
      await h3.close();
    }
    const events = clientEvents(h3);
    const parsed = eventsNamed(events, 'http3:frame_parsed').map((e) => e.data as H3FrameData);
    // Caddy's SETTINGS arrived on its control stream, and its responses' HEADERS decoded
    expect(parsed.some((f) => f.frame_type === 'settings')).toBe(true);
    expect(parsed.filter((f) => f.frame_type === 'headers').length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('POST a 2 MiB body through Caddy to the embedded server /echo: the same bytes come back', async () => {
    const h3 = await connect();
    const body = bodyOf(2 * 1024 * 1024, 3);
    try {
      const r = await h3.request({ method: 'POST', path: '/echo', body, headers: [['content-type', 'application/octet-stream']] });
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(body.length);
      expect(sha256(r.body)).toBe(sha256(body));
      // and a POST whose body leaves in pieces over time
      const pieces = [bodyOf(40_000, 21), bodyOf(50_000, 22), bodyOf(30_000, 23)];
      const r2 = await h3.request({ method: 'POST', path: '/echo', bodySchedule: pieces.map((data) => ({ delayMs: 20, data })) });
      expect(r2.status).toBe(200);
      expect(sha256(r2.body)).toBe(sha256(Buffer.concat(pieces)));
    } finally {
      await h3.close();
    }
    clientEvents(h3);
  }, 60_000);

  it('100 concurrent requests on one connection, each answered with its own body', async () => {
    const h3 = await connect();
    try {
      const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => h3.request({ path: `/hello?n=${i}`, headers: [['x-framescope-test', 'concurrency']] })));
      responses.forEach((r, i) => {
        expect(r.status).toBe(200);
        expect(Buffer.from(r.body).toString()).toBe(`hello proto=HTTP/3.0 n=${i}`);
      });
      expect(new Set(responses.map((r) => r.streamId)).size).toBe(100);
    } finally {
      await h3.close();
    }
    const events = clientEvents(h3);
    // our QPACK encoder follows Caddy's SETTINGS (RFC 9204 §3.2.3): with a table allowed, the repeated header goes
    // in; quic-go allows none (QPACK_MAX_TABLE_CAPACITY 0), so then nothing may be inserted
    const allowed = (h3.peerSettings?.qpackMaxTableCapacity ?? 0) > 0;
    const inserted = eventsNamed(events, 'qpack:table_updated')
      .map((e) => e.data as QpackTableUpdatedData)
      .filter((t) => t.side === 'encoder')
      .flatMap((t) => t.inserted);
    if (allowed) expect(inserted.some((x) => x.name === 'x-framescope-test')).toBe(true);
    else expect(inserted).toEqual([]);
    expect(eventsNamed(events, 'qpack:instruction').filter((e) => (e.data as { stream_type: string }).stream_type === 'encoder' && /^insert/.test((e.data as { instruction_type: string }).instruction_type))).toHaveLength(allowed ? inserted.length : 0);
  }, 60_000);
});
