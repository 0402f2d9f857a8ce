/**
 * tshark as the ground truth for our bytes: a capture of our HTTP/2 client's TLS session with the embedded server,
 * decrypted with the key log our client wrote, decodes into exactly the frames our client reported sending and
 * receiving (type, stream and flags octet, in order).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H2ClientSession } from '../client/h2-client';
import { parseTarget } from '../client/target';
import type { Engine } from '../engine';
import { startTestEngine } from '../test-support/engine-fixture';
import { hasCommand } from '../test-support/peers';
import { readHttp2Frames, startCapture, type TsharkCapture } from '../test-support/tshark';

const FRAME_TYPES: Readonly<Record<string, number>> = { DATA: 0, HEADERS: 1, PRIORITY: 2, RST_STREAM: 3, SETTINGS: 4, PUSH_PROMISE: 5, PING: 6, GOAWAY: 7, WINDOW_UPDATE: 8, CONTINUATION: 9 };

const missing = !hasCommand('tshark');
if (missing) console.warn('tshark is not installed (apt-get install tshark): skipping the capture check');

describe.skipIf(missing)('tshark decodes our client\'s TLS session with our key log', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    dir = mkdtempSync(join(tmpdir(), 'framescope-tshark-'));
  });
  afterAll(async () => {
    await cleanup?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the frames in the capture are the frames our client reported, both ways', async (ctx) => {
    const port = engine.serverStatus().tlsPort;
    const pcap = join(dir, 'capture.pcapng');
    const keys = join(dir, 'keys.log');
    let capture: TsharkCapture;
    try {
      capture = await startCapture(port, pcap);
    } catch (e) {
      // e.g. CI without CAP_NET_RAW on loopback: nothing to check here, say why
      const why = `tshark cannot capture on loopback here (needs root or CAP_NET_RAW/CAP_NET_ADMIN for dumpcap): ${(e as Error).message}`;
      console.warn(`skipping: ${why}`);
      return ctx.skip(why);
    }
    const keylog: string[] = [];
    let session: H2ClientSession;
    try {
      const target = parseTarget(`https://localhost:${port}/`, { ca: engine.server.certificatePem() });
      // a connection window above 65,535 (a WINDOW_UPDATE on stream 0 after SETTINGS) and 'half' on the streams:
      // 40 kB bodies make the client send stream WINDOW_UPDATEs too
      session = await H2ClientSession.open(target, engine, { keylog: (line) => keylog.push(line), h2: { connectionWindow: 1 << 20, windowUpdatePolicy: 'half' } });
      const responses = await Promise.all([40_000, 1024, 40_000].map((n) => session.request({ path: `/bytes?n=${n}` })));
      expect(responses.map((r) => r.body.length)).toEqual([40_000, 1024, 40_000]);
      const echoed = await session.request({ method: 'POST', path: '/echo', body: 'hello tshark' });
      expect(Buffer.from(echoed.body).toString()).toBe('hello tshark');
      await session.close();
      await session.whenClosed();
      await capture.sync(); // every packet of the session is in the file
    } finally {
      await capture.stop();
    }
    writeFileSync(keys, keylog.join('\n') + '\n');
    expect(keylog.some((l) => l.startsWith('CLIENT_TRAFFIC_SECRET_0 '))).toBe(true);

    const { frames, stderr } = await readHttp2Frames(pcap, keys);
    const clientPort = engine.currentConnections().find((c) => c.id === session.info.id)!.client.port;
    const ours = (dir: 'sent' | 'received'): string[] =>
      engine
        .currentEvents()
        .filter((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.conn === session.info.id && e.dir === dir)
        .map((e) => {
          const d = e.data as { type: string; streamId: number; frameType: number };
          return `${d.frameType}/${d.streamId}/${Buffer.from(e.raw!, 'base64')[4]}`; // type, stream, flags octet
        });
    const theirs = (fromClient: boolean): string[] =>
      frames.filter((f) => (fromClient ? f.srcPort === clientPort : f.dstPort === clientPort)).map((f) => `${f.type}/${f.streamId}/${f.flags}`);

    const sent = ours('sent');
    expect(theirs(true), `tshark: ${stderr}`).toEqual(sent);
    // server to client: the same frames, including the server's GOAWAY that answers ours after our core closed
    // (the client decodes frames that arrive after its close passively)
    expect(theirs(false)).toEqual(ours('received'));
    // the capture covers the frame types the issue names, from the client
    const types = new Set(sent.map((s) => Number(s.split('/')[0])));
    for (const t of ['SETTINGS', 'WINDOW_UPDATE', 'HEADERS', 'DATA', 'GOAWAY']) expect(types.has(FRAME_TYPES[t]!), t).toBe(true);
  });
});
