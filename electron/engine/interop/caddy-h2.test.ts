/**
 * Our HTTP/2 client against Caddy (Go's net/http HTTP/2 server), with a certificate we generate and trust
 * explicitly: ALPN h2, many streams at once on one connection, every body byte for byte, no h2:error, and the
 * server's view (its access log says HTTP/2.0).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget } from '../client/target';
import type { Engine } from '../engine';
import { generateCertificate } from '../server/certificate';
import { startTestEngine } from '../test-support/engine-fixture';
import { clientFrames, fetchAllFiles, makePeerDocs } from '../test-support/h2-peer-client';
import { freePort, hasCommand, startPeer, waitForPort, type PeerProcess } from '../test-support/peers';

const missing = !hasCommand('caddy');
if (missing) console.warn('caddy is not installed (apt-get install caddy): skipping the Caddy h2 interop tests');

type LogLine = { request: { proto: string; uri: string } };

/** Caddy's access log once it has `n` lines (it writes each as its request finishes), polled with a deadline. */
async function accessLog(path: string, n: number, timeoutMs = 5000): Promise<LogLine[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // not created yet
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    if (lines.length >= n || Date.now() > deadline) return lines.map((l) => JSON.parse(l) as LogLine);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(missing)('raw h2 client against Caddy', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let caddy: PeerProcess;
  let dir: string;
  let docs: string;
  let port: number;
  let certPem: string;

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    dir = mkdtempSync(join(tmpdir(), 'framescope-caddy-h2-'));
    docs = makePeerDocs('framescope-caddy-h2-docs-');
    const cert = await generateCertificate();
    certPem = cert.certPem;
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    port = await freePort();
    writeFileSync(
      join(dir, 'Caddyfile'),
      [
        '{',
        '\tadmin off',
        '\tskip_install_trust',
        '\tauto_https disable_redirects',
        '\tservers {',
        '\t\tprotocols h1 h2',
        '\t}',
        '}',
        `https://localhost:${port} {`,
        '\tbind 127.0.0.1',
        `\ttls ${dir}/cert.pem ${dir}/key.pem`,
        `\troot * ${docs}`,
        '\tfile_server',
        '\tlog {',
        `\t\toutput file ${dir}/access.log`,
        '\t\tformat json',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    caddy = startPeer('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir });
    await waitForPort(port, 12_000, caddy.child);
  });
  afterAll(async () => {
    await caddy?.stop();
    await cleanup?.();
    for (const d of [dir, docs]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('ALPN h2: 14 streams at once, bodies of 0 B to 200 kB intact, no h2:error', async () => {
    const target = parseTarget(`https://localhost:${port}/`, { ca: certPem });
    const session = await fetchAllFiles(target, engine);
    await session.whenClosed();
    const events = engine.currentEvents().filter((e) => e.conn === session.info.id);
    expect(events.find((e) => e.name === 'tls:handshake_done')?.data).toMatchObject({ alpn: 'h2', version: 'TLSv1.3' });
    expect(engine.currentConnections().find((c) => c.id === session.info.id)).toMatchObject({ alpn: 'h2', protocol: 'h2' });
    expect(events.filter((e) => e.name === 'h2:error')).toEqual([]);
    const received = clientFrames(events, session.info.id, 'received');
    expect(received[0]?.type).toBe('SETTINGS');
    expect(received.filter((f) => f.type === 'HEADERS')).toHaveLength(14);
    const sent = clientFrames(events, session.info.id, 'sent');
    expect(sent.filter((f) => f.type === 'HEADERS')).toHaveLength(14);
    expect(sent.some((f) => f.type === 'SETTINGS' && f.flags.includes('ACK'))).toBe(true);
    expect(sent.at(-1)?.type).toBe('GOAWAY');
    // Caddy saw the requests over HTTP/2 (the access log is written as requests finish)
    const log = await accessLog(join(dir, 'access.log'), 14);
    expect(log.filter((l) => l.request.uri.startsWith('/f')).length).toBeGreaterThanOrEqual(14);
    expect(new Set(log.map((l) => l.request.proto))).toEqual(new Set(['HTTP/2.0']));
  });

  it('the h2-basics lesson runs against Caddy', async () => {
    const started = await engine.run({ scenario: 'h2-basics', target: `https://localhost:${port}/`, trust: { caPem: certPem } });
    expect(await started.finished).toEqual({ ok: true });
    const events = engine.currentEvents();
    expect(events.some((e) => e.name === 'h2:error')).toBe(false);
    expect(events.some((e) => e.name === 'h2:frame' && e.dir === 'received' && (e.data as { type: string }).type === 'DATA')).toBe(true);
  });
});
