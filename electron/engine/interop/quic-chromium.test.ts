/**
 * Chromium → our QUIC server (the embedded server's UDP listener): headless Chromium is forced onto QUIC for
 * localhost:PORT and pinned to the server's SPKI (PEERS.md), navigates to https://localhost:PORT/, and our
 * server's events must show a completed handshake with ALPN h3 and 1-RTT packets from Chromium; and the page must
 * load over HTTP/3 (server/h3-handler.ts serves the route table): status 200, nextHopProtocol h3, and the server's
 * own HTTP/3 events show the GET and its 200. Skips when /usr/bin/chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { H3FrameData } from '../../../shared/event-data/http3';
import type { QuicConnectionClosedData, QuicPacketData, SessionEvent, TlsHandshakeData, TlsHandshakeMessageData } from '../../../shared/events';
import type { Engine } from '../engine';
import { startTestEngine } from '../test-support/engine-fixture';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
if (missing) console.warn(`quic-chromium: ${CHROMIUM} is not installed (apt-get install -y chromium); skipping`);

describe.skipIf(missing)('Chromium → our QUIC server', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let profile: string;

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    profile = mkdtempSync(join(tmpdir(), 'framescope-chromium-quic-'));
  });
  afterAll(async () => {
    await cleanup?.();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('completes the handshake with ALPN h3, sends 1-RTT packets and loads the page over HTTP/3', async () => {
    // port 0 gave the engine its ports; Chromium needs the actual one in --origin-to-force-quic-on
    const status = engine.serverStatus();
    const port = status.h3Port;
    expect(port).toBe(status.tlsPort);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-quic',
        `--origin-to-force-quic-on=localhost:${port}`,
        `--ignore-certificate-errors-spki-list=${status.certPin}`,
      ],
    });
    let navigation = '';
    let status200 = false;
    let nextHopProtocol = '';
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      try {
        const response = await page.goto(`https://localhost:${port}/`, { timeout: 5000 });
        navigation = `loaded: ${response?.status()}`;
        status200 = response?.status() === 200;
        // evaluated in the page (a string: this project's Node tsconfig has no DOM types)
        nextHopProtocol = String(await page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol"));
        navigation += ` over ${nextHopProtocol}`;
      } catch (e) {
        navigation = (e as Error).message.split('\n')[0]!;
      }
      // Chromium's 1-RTT packets after the handshake (its ACKs and streams) may trail the navigation a little
      const deadline = Date.now() + 3000;
      const ready = (): boolean => serverEvents(engine).some((e) => e.name === 'tls:handshake_done') && oneRttFromChromium(engine).length > 0;
      while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await context.close();
    }

    const events = serverEvents(engine);
    const done = events.find((e) => e.name === 'tls:handshake_done');
    expect(done, 'the server completed a TLS handshake over QUIC').toBeDefined();
    expect((done!.data as TlsHandshakeData).alpn).toBe('h3');
    const conn = engine.currentConnections().find((c) => c.id === done!.conn)!;
    expect(conn).toMatchObject({ transport: 'udp', protocol: 'h3', alpn: 'h3', tlsVersion: 'TLSv1.3', vantages: ['server'] });
    expect(conn.server.port).toBe(port);

    const received = events.filter((e) => e.name === 'tls:handshake_message' && e.dir === 'received').map((e) => (e.data as TlsHandshakeMessageData).type);
    expect(received).toEqual(expect.arrayContaining(['client_hello', 'finished']));
    const oneRtt = oneRttFromChromium(engine);
    expect(oneRtt.length).toBeGreaterThan(0);

    // a ClientHello larger than one Initial (Chromium's post-quantum key share) arrived in CRYPTO frames spread over
    // several Initial packets, and was reassembled before the server answered (PEERS.md)
    const clientHello = events.find((e) => e.name === 'tls:handshake_message' && (e.data as TlsHandshakeMessageData).type === 'client_hello')!;
    const cryptoInitials = events.filter((e) => e.name === 'quic:packet_received' && e.seq < clientHello.seq && (e.data as QuicPacketData).frames.some((f) => f.frame_type === 'crypto'));
    if ((clientHello.data as TlsHandshakeMessageData).length > 1100) expect(cryptoInitials.length).toBeGreaterThanOrEqual(2);

    // the page loaded over HTTP/3 from our server: Chromium says so, and so do the server's HTTP/3 events
    expect(navigation).toMatch(/^loaded: 200/);
    expect(status200).toBe(true);
    expect(nextHopProtocol).toBe('h3');
    const h3Frames = (name: string): H3FrameData[] => events.filter((e) => e.name === name).map((e) => e.data as H3FrameData);
    const get = h3Frames('http3:frame_parsed').find((f) => f.frame_type === 'headers' && f.headers?.some(([n, v]) => n === ':path' && v === '/'));
    expect(get?.headers).toEqual(expect.arrayContaining([[':method', 'GET']]));
    const answer = h3Frames('http3:frame_created').find((f) => f.frame_type === 'headers' && f.stream_id === get!.stream_id);
    expect(answer?.headers).toEqual(expect.arrayContaining([[':status', '200']]));
    expect(h3Frames('http3:frame_created').some((f) => f.frame_type === 'data' && f.stream_id === get!.stream_id)).toBe(true);

    // what Chromium did, for the record
    const initials = events.filter((e) => e.name === 'quic:packet_received' && (e.data as QuicPacketData).header.packet_type === 'initial');
    const frameTypes = [...new Set(oneRtt.flatMap((p) => p.frames.map((f) => f.frame_type)))];
    const streams = [...new Set(oneRtt.flatMap((p) => p.frames.filter((f) => f.frame_type === 'stream').map((f) => f.stream_id)))];
    const closed = events.filter((e) => e.name === 'quic:connection_closed').map((e) => e.data as QuicConnectionClosedData);
    const dropped = events.filter((e) => e.name === 'quic:packet_dropped').map((e) => (e.data as { trigger: string }).trigger);
    console.log(
      [
        `Chromium → our QUIC server on UDP ${port}: navigation ${navigation}`,
        `  connections: ${new Set(events.map((e) => e.conn)).size}; Initial packets from Chromium: ${initials.length}; ClientHello ${(clientHello.data as TlsHandshakeMessageData).length} bytes in ${cryptoInitials.length} Initial packet(s); cipher ${conn.cipher}`,
        `  1-RTT packets from Chromium: ${oneRtt.length}, frames ${frameTypes.join(', ')}; streams ${streams.join(', ')}`,
        `  closes: ${closed.map((c) => `${c.owner} ${c.error_name ?? ''}${c.application_code !== undefined ? ` app 0x${c.application_code.toString(16)}` : ''} "${c.reason}"`).join('; ') || 'none yet'}`,
        `  dropped: ${dropped.join(', ') || 'none'}`,
      ].join('\n'),
    );
  }, 15_000);
});

function serverEvents(engine: Engine): SessionEvent[] {
  const udp = new Set(engine.currentConnections().filter((c) => c.transport === 'udp').map((c) => c.id));
  return engine.currentEvents().filter((e) => e.vantage === 'server' && udp.has(e.conn));
}

function oneRttFromChromium(engine: Engine): QuicPacketData[] {
  return serverEvents(engine)
    .filter((e) => e.name === 'quic:packet_received')
    .map((e) => e.data as QuicPacketData)
    .filter((p) => p.header.packet_type === '1RTT');
}
