/**
 * Our HTTP/3 client (client/h3-client.ts) against the embedded server's HTTP/3, in one process: real QUIC over
 * UDP on loopback, both ends ours, every request checked byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { H3FrameData, QpackInstructionData, QpackTableUpdatedData } from '../../../shared/event-data/http3';
import type { Engine } from '../engine';
import { eventsNamed, startTestEngine } from '../test-support/engine-fixture';
import { H3ClientSession, type H3ConnectOptions } from './h3-client';
import { parseTarget } from './target';

const text = (b: Uint8Array): string => Buffer.from(b).toString();

describe('H3ClientSession against the embedded server', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  const connect = (options: H3ConnectOptions = {}): Promise<H3ClientSession> =>
    H3ClientSession.open(parseTarget(`https://localhost:${engine.serverStatus().h3Port}/`, { ca: engine.server.certificatePem() }), engine, options);

  it('GET /: control and QPACK streams both ways, SETTINGS, HEADERS and DATA, a clean close', async () => {
    const h3 = await connect();
    const r = await h3.request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers).toContainEqual(['content-type', 'text/html; charset=utf-8']);
    expect(r.body.length).toBe(Number(r.headers.find(([n]) => n === 'content-length')![1]));
    expect(text(r.body)).toContain('<');
    expect(r.timings.endedAt).toBeGreaterThanOrEqual(r.timings.headersAt);
    expect(r.timings.headersAt).toBeGreaterThanOrEqual(r.timings.sentAt);
    expect(h3.peerSettings?.qpackMaxTableCapacity).toBeGreaterThan(0);
    await h3.close();
    const events = engine.currentEvents().filter((e) => e.conn === h3.info.id);
    const types = (vantage: 'client' | 'server'): string[] =>
      eventsNamed(events, 'http3:stream_type_set', vantage).map((e) => `${(e.data as { owner: string }).owner}:${(e.data as { stream_type: string }).stream_type}`);
    for (const vantage of ['client', 'server'] as const) {
      expect(types(vantage)).toEqual(expect.arrayContaining(['local:control', 'local:qpack_encode', 'local:qpack_decode', 'remote:control', 'remote:qpack_encode', 'remote:qpack_decode']));
    }
    const created = eventsNamed(events, 'http3:frame_created', 'client').map((e) => e.data as H3FrameData);
    expect(created.map((f) => f.frame_type)).toEqual(expect.arrayContaining(['settings', 'headers', 'goaway']));
    const parsed = eventsNamed(events, 'http3:frame_parsed', 'client').map((e) => e.data as H3FrameData);
    expect(parsed.find((f) => f.frame_type === 'headers')?.headers).toContainEqual([':status', '200']);
    expect(parsed.some((f) => f.frame_type === 'data')).toBe(true);
    expect(eventsNamed(events, 'http3:error')).toEqual([]);
    // the server saw our GOAWAY, then our CONNECTION_CLOSE with H3_NO_ERROR
    expect(eventsNamed(events, 'http3:frame_parsed', 'server').some((e) => (e.data as H3FrameData).frame_type === 'goaway')).toBe(true);
    expect(eventsNamed(events, 'quic:connection_closed', 'client')[0]?.data).toMatchObject({ owner: 'local', application_code: 0x100 });
  });

  it('POST /echo with a body, /chunk, /status/404 and trailers on one connection', async () => {
    const h3 = await connect();
    const [echo, chunk, missing, withTrailers] = await Promise.all([
      h3.request({ method: 'POST', path: '/echo', body: 'hello over h3', headers: [['content-type', 'text/plain']] }),
      h3.request({ path: '/chunk?n=3&ms=20' }),
      h3.request({ path: '/status/404' }),
      h3.request({ method: 'POST', path: '/upload', body: 'abc', trailers: [['x-checksum', '42']] }),
    ]);
    expect(text(echo.body)).toBe('hello over h3');
    expect(echo.headers).toContainEqual(['content-type', 'text/plain']);
    expect(text(chunk.body)).toBe('chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n');
    expect(chunk.dataChunks).toBe(3);
    expect(missing.status).toBe(404);
    expect(JSON.parse(text(withTrailers.body))).toMatchObject({ bytes: 3 });
    await h3.close();
  });

  it('full duplex: each piece written to /echo comes back before the next is written', async () => {
    const h3 = await connect();
    const ex = h3.open({ method: 'POST', path: '/echo', streaming: true });
    const got: string[] = [];
    let wake: (() => void) | undefined;
    ex.onData = (chunk) => {
      got.push(text(chunk));
      wake?.();
    };
    expect((await ex.head).status).toBe(200);
    for (const word of ['one', 'two', 'three']) {
      const back = new Promise<void>((r) => (wake = r));
      await ex.write(word);
      await back;
      expect(got[got.length - 1]).toBe(word);
    }
    await ex.end();
    expect(text((await ex.response).body)).toBe('onetwothree');
    await h3.close();
  });

  it('100 concurrent GETs on one connection, and 30 more wait for MAX_STREAMS', async () => {
    const h3 = await connect();
    const first = Array.from({ length: 130 }, (_, i) => h3.request({ path: `/bytes?n=${100 + i}` }));
    expect(h3.queued).toBe(30);
    const all = await Promise.all(first);
    all.forEach((r, i) => expect(r.body.length).toBe(100 + i));
    expect(new Set(all.map((r) => r.streamId)).size).toBe(130);
    expect(all.filter((r) => r.timings.sentAt > r.timings.queuedAt).length).toBeGreaterThan(0);
    await h3.close();
  });

  it('a large body (4 MiB) arrives intact, and a 2 MiB upload is counted whole', async () => {
    const h3 = await connect();
    const n = 4 << 20;
    const r = await h3.request({ path: `/bytes?n=${n}` });
    expect(r.body.length).toBe(n);
    let ok = true;
    for (let i = 0; i < n; i += 4099) if (r.body[i] !== 97 + ((i % 65536) % 26)) ok = false;
    expect(ok).toBe(true);
    const up = await h3.request({ method: 'POST', path: '/upload', body: new Uint8Array(2 << 20).fill(7) });
    expect(JSON.parse(text(up.body))).toMatchObject({ bytes: 2 << 20 });
    await h3.close();
  }, 30_000);

  it('/push: with MAX_PUSH_ID the server promises three resources and pushes them', async () => {
    const h3 = await connect({ h3: { maxPushId: 8 } });
    const page = await h3.request({ path: '/push' });
    expect(page.status).toBe(200);
    const pushes = [...h3.pushes.values()];
    expect(pushes.map((p) => p.path).sort()).toEqual(['/push/app.js', '/push/data.json', '/push/style.css']);
    const bodies = await Promise.all(pushes.map((p) => p.response));
    expect(bodies.map((b) => b.status)).toEqual([200, 200, 200]);
    expect(bodies.map((b) => text(b.body)).join('')).toContain('pushed');
    await h3.close();
    const events = engine.currentEvents().filter((e) => e.conn === h3.info.id);
    expect(eventsNamed(events, 'http3:frame_parsed', 'client').filter((e) => (e.data as H3FrameData).frame_type === 'push_promise')).toHaveLength(3);
  });

  it('/push without MAX_PUSH_ID: no push, just the page', async () => {
    const h3 = await connect();
    expect((await h3.request({ path: '/push' })).status).toBe(200);
    expect(h3.pushes.size).toBe(0);
    await h3.close();
  });

  it('cancel: STOP_SENDING on a slow GET, RESET_STREAM too on an open upload; the connection carries on', async () => {
    const h3 = await connect();
    const slow = h3.open({ path: '/slow?ms=5000' });
    const upload = h3.open({ method: 'POST', path: '/echo', streaming: true });
    await upload.write('half a body');
    await upload.head;
    slow.cancel();
    upload.cancel();
    await expect(slow.response).rejects.toThrow(/H3_REQUEST_CANCELLED/);
    await expect(upload.response).rejects.toThrow(/H3_REQUEST_CANCELLED/);
    expect((await h3.request({ path: '/status/200' })).status).toBe(200);
    await h3.close();
    const events = engine.currentEvents().filter((e) => e.conn === h3.info.id);
    const frames = (vantage: 'client' | 'server'): string[] =>
      eventsNamed(events, 'quic:packet_sent', vantage).flatMap((e) => (e.data as { frames: { frame_type: string; stream_id?: number }[] }).frames.map((f) => `${f.frame_type}:${f.stream_id ?? ''}`));
    // the GET was complete on our side: only STOP_SENDING; the upload was open: RESET_STREAM too
    expect(frames('client')).toEqual(expect.arrayContaining([`stop_sending:${slow.streamId}`, `stop_sending:${upload.streamId}`, `reset_stream:${upload.streamId}`]));
    expect(frames('client')).not.toContain(`reset_stream:${slow.streamId}`);
    // the server answers STOP_SENDING with RESET_STREAM (RFC 9000 §3.5)
    expect(frames('server')).toEqual(expect.arrayContaining([`reset_stream:${slow.streamId}`, `reset_stream:${upload.streamId}`]));
  });

  it('QPACK: repeated header fields go into the dynamic tables both ways, with insert and acknowledgment instructions', async () => {
    const h3 = await connect();
    const headers = [['x-lesson', 'qpack dynamic table'], ['cookie', 'session=0123456789abcdef']] as const;
    for (let i = 0; i < 3; i++) expect((await h3.request({ path: '/status/200', headers })).status).toBe(200);
    await h3.close();
    const events = engine.currentEvents().filter((e) => e.conn === h3.info.id);
    const sent = eventsNamed(events, 'qpack:instruction', 'client').filter((e) => e.dir === 'sent').map((e) => (e.data as QpackInstructionData).instruction_type);
    expect(sent).toEqual(expect.arrayContaining(['set_dynamic_table_capacity', 'section_acknowledgement']));
    expect(sent.some((t) => t.startsWith('insert_'))).toBe(true);
    const tables = eventsNamed(events, 'qpack:table_updated', 'client').map((e) => e.data as QpackTableUpdatedData);
    expect(tables.some((t) => t.side === 'encoder' && t.entries.some((x) => x.name === 'x-lesson'))).toBe(true);
    // the later requests refer to the table instead of repeating the literal
    const requests = eventsNamed(events, 'http3:frame_created', 'client').map((e) => e.data as H3FrameData).filter((f) => f.frame_type === 'headers');
    expect(requests[2]!.length).toBeLessThan(requests[0]!.length);
    expect(eventsNamed(events, 'http3:error')).toEqual([]);
  });
});
