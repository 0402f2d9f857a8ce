/**
 * Our HTTP/2 client against nghttpd (nghttp2's server, a second h2 implementation beside Node's), over TLS with
 * ALPN h2 and over h2c with prior knowledge: many streams at once on one connection, every body byte for byte,
 * no h2:error, and the lessons run as scenarios against it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget } from '../client/target';
import type { Engine } from '../engine';
import { generateCertificate } from '../server/certificate';
import { startTestEngine } from '../test-support/engine-fixture';
import { clientFrames, fetchAllFiles, makePeerDocs } from '../test-support/h2-peer-client';
import { freePort, hasCommand, startPeer, waitForPort, type PeerProcess } from '../test-support/peers';

const missing = !hasCommand('nghttpd');
if (missing) console.warn('nghttpd is not installed (apt-get install nghttp2-server): skipping the nghttpd interop tests');

describe.skipIf(missing)('raw h2 client against nghttpd', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let docs: string;
  let keys: string;
  let certPem: string;
  let tlsPort: number;
  let clearPort: number;
  const peers: PeerProcess[] = [];

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    docs = makePeerDocs('framescope-nghttpd-');
    const cert = await generateCertificate();
    certPem = cert.certPem;
    keys = mkdtempSync(join(tmpdir(), 'framescope-nghttpd-keys-'));
    const keyPath = join(keys, 'key.pem');
    const certPath = join(keys, 'cert.pem');
    writeFileSync(keyPath, cert.keyPem);
    writeFileSync(certPath, cert.certPem);
    [tlsPort, clearPort] = [await freePort(), await freePort()];
    const tls = startPeer('nghttpd', ['-a', '127.0.0.1', '-d', docs, String(tlsPort), keyPath, certPath]);
    const clear = startPeer('nghttpd', ['-a', '127.0.0.1', '--no-tls', '-d', docs, String(clearPort)]);
    peers.push(tls, clear);
    await Promise.all([waitForPort(tlsPort, 10_000, tls.child), waitForPort(clearPort, 10_000, clear.child)]);
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await cleanup?.();
    for (const dir of [docs, keys]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('TLS, ALPN h2: 14 streams at once, bodies of 0 B to 200 kB intact, no h2:error', async () => {
    const target = parseTarget(`https://localhost:${tlsPort}/`, { ca: certPem });
    const session = await fetchAllFiles(target, engine);
    await session.whenClosed();
    const events = engine.currentEvents().filter((e) => e.conn === session.info.id);
    expect(events.find((e) => e.name === 'tls:handshake_done')?.data).toMatchObject({ alpn: 'h2', verification: 'verified against the given certificate' });
    expect(engine.currentConnections().find((c) => c.id === session.info.id)).toMatchObject({ alpn: 'h2', protocol: 'h2' });
    expect(events.filter((e) => e.name === 'h2:error')).toEqual([]);
    const sent = clientFrames(events, session.info.id, 'sent');
    const received = clientFrames(events, session.info.id, 'received');
    expect(sent[0]?.type).toBe('SETTINGS');
    expect(sent.filter((f) => f.type === 'HEADERS')).toHaveLength(14);
    expect(sent.at(-1)?.type).toBe('GOAWAY');
    expect(received[0]?.type).toBe('SETTINGS');
    expect(received.filter((f) => f.type === 'HEADERS')).toHaveLength(14);
    // 200 kB bodies cannot fit the default 64 KiB windows: our WINDOW_UPDATEs kept them coming
    expect(sent.some((f) => f.type === 'WINDOW_UPDATE')).toBe(true);
    // the DATA of different streams interleave on the wire
    const dataStreams = received.filter((f) => f.type === 'DATA').map((f) => f.stream);
    const switches = dataStreams.filter((s, i) => i > 0 && s !== dataStreams[i - 1]).length;
    expect(switches).toBeGreaterThan(new Set(dataStreams).size);
  });

  it('h2c with prior knowledge on the cleartext port: the same files intact', async () => {
    const target = parseTarget(`http://127.0.0.1:${clearPort}/`);
    const session = await fetchAllFiles(target, engine, { h2: { connectionWindow: 1 << 20, windowUpdatePolicy: 'immediate' } });
    await session.whenClosed();
    const events = engine.currentEvents().filter((e) => e.conn === session.info.id);
    expect(engine.currentConnections().find((c) => c.id === session.info.id)).toMatchObject({ protocol: 'h2c', tls: false });
    expect(events.some((e) => e.name === 'h2:preface' && e.vantage === 'client')).toBe(true);
    expect(events.filter((e) => e.name === 'h2:error')).toEqual([]);
    expect(clientFrames(events, session.info.id, 'received').filter((f) => f.type === 'HEADERS')).toHaveLength(14);
  });

  it('the h2-basics and hpack lessons run against nghttpd', async () => {
    const target = `https://localhost:${tlsPort}/`;
    const basics = await engine.run({ scenario: 'h2-basics', target, trust: { caPem: certPem } });
    expect(await basics.finished).toEqual({ ok: true });
    expect(engine.currentEvents().some((e) => e.name === 'h2:error')).toBe(false);
    const hpack = await engine.run({ scenario: 'hpack', target, trust: { caPem: certPem }, options: { requests: 4 } });
    expect(await hpack.finished).toEqual({ ok: true });
    const events = engine.currentEvents();
    expect(events.some((e) => e.name === 'h2:error')).toBe(false);
    const headers = events.filter((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.dir === 'sent' && (e.data as { type: string }).type === 'HEADERS');
    const lengths = headers.map((e) => (e.data as { length: number }).length);
    expect(lengths).toHaveLength(4);
    expect(lengths[3]!).toBeLessThan(lengths[0]! / 3); // the repeated fields became table indexes
  });
});
