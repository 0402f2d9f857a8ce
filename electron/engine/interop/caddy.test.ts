/**
 * Our raw client against Caddy (quic-go's and Go's net/http server), a second, independent HTTP/1.1 server,
 * with a certificate we generate and trust explicitly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { generateCertificate } from '../server/certificate';
import { startTestEngine } from '../test-support/engine-fixture';
import { freePort, hasCommand, startPeer, waitForPort, type PeerProcess } from '../test-support/peers';

describe.skipIf(!hasCommand('caddy'))('raw client against Caddy', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let caddy: PeerProcess;
  let dir: string;
  let port: number;
  let certPem: string;

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    dir = mkdtempSync(join(tmpdir(), 'framescope-caddy-'));
    const cert = await generateCertificate();
    certPem = cert.certPem;
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    port = await freePort();
    writeFileSync(
      join(dir, 'Caddyfile'),
      `{\n\tadmin off\n\tskip_install_trust\n\tauto_https disable_redirects\n\tservers {\n\t\tprotocols h1 h2\n\t}\n}\nhttps://localhost:${port} {\n\tbind 127.0.0.1\n\ttls ${dir}/cert.pem ${dir}/key.pem\n\trespond "hello proto={http.request.proto}"\n}\n`,
    );
    caddy = startPeer('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir });
    await waitForPort(port, 20_000, caddy.child);
  });
  afterAll(async () => {
    await caddy?.stop();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keep-alive: three requests on one TLS connection, ALPN http/1.1, Caddy answers over HTTP/1.1', async () => {
    const started = await engine.run({ scenario: 'keep-alive', target: `https://localhost:${port}/`, trust: { caPem: certPem } });
    expect(await started.finished).toEqual({ ok: true });
    const events = engine.currentEvents();
    const responses = events.filter((e) => e.name === 'h1:head' && e.dir === 'received');
    expect(responses).toHaveLength(3);
    expect(new Set(responses.map((e) => e.conn)).size).toBe(1);
    expect(events.filter((e) => e.name === 'h1:body' && e.vantage === 'client').map((e) => Buffer.from(e.raw!, 'base64').toString()).join('')).toContain('hello proto=HTTP/1.1');
    const tls = events.find((e) => e.name === 'tls:handshake_done');
    expect(tls?.data).toMatchObject({ alpn: 'http/1.1', version: 'TLSv1.3' });
  });

  it('pipelined requests come back in order', async () => {
    const started = await engine.run({ scenario: 'keep-alive', target: `https://localhost:${port}/`, trust: { caPem: certPem }, options: { requests: 4, pipeline: true } });
    expect(await started.finished).toEqual({ ok: true });
    const responses = engine.currentEvents().filter((e) => e.name === 'h1:head' && e.dir === 'received');
    expect(responses.map((e) => e.stream)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a server whose certificate is not trusted, unless insecure is asked for', async () => {
    const strict = await engine.run({ scenario: 'keep-alive', target: `https://localhost:${port}/`, options: { requests: 1 } });
    const result = await strict.finished;
    expect(result?.ok).toBe(false);
    expect(result?.error).toMatch(/certificate/i);
    const insecure = await engine.run({ scenario: 'keep-alive', target: `https://localhost:${port}/`, trust: { insecure: true }, options: { requests: 1 } });
    expect(await insecure.finished).toEqual({ ok: true });
    expect(engine.currentEvents().find((e) => e.name === 'tls:handshake_done')?.data).toMatchObject({ verification: expect.stringMatching(/NOT VERIFIED/) });
  });
});
