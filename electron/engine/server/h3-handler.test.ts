/**
 * The embedded server's HTTP/3 handler against our HTTP/3 client: the quic-handshake lesson's GET gets a real
 * HTTP/3 response from the route table, and the server's side shows in session events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { H3FrameData } from '../../../shared/event-data/http3';
import type { SessionEvent } from '../../../shared/events';
import type { Engine } from '../engine';
import type { EventSink } from '../core/event-sink';
import { H3Connection, type H3AppEvent } from '../protocols/http3';
import type { QuicConnection } from '../protocols/quic/connection/connection';
import { ConnectionState } from '../protocols/quic/connection/connection';
import { H3StreamHandler } from './h3-handler';
import { eventsNamed, startTestEngine } from '../test-support/engine-fixture';

const frames = (events: readonly SessionEvent[], name: 'http3:frame_parsed' | 'http3:frame_created', stream: number): H3FrameData[] =>
  eventsNamed(events, name, 'server')
    .map((e) => e.data as H3FrameData)
    .filter((d) => d.stream_id === stream);

describe('HTTP/3 from the embedded server (server/h3-handler.ts)', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  async function run(options: Record<string, string | number | boolean> = {}): Promise<SessionEvent[]> {
    const started = await engine.run({ scenario: 'quic-handshake', options });
    expect(await started.finished).toEqual({ ok: true });
    const deadline = Date.now() + 3000;
    while (!engine.currentEvents().some((e) => e.name === 'quic:connection_closed' && e.vantage === 'server') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return [...engine.currentEvents()];
  }

  it('answers the lesson\'s GET / on stream 0 with HEADERS :status 200 and DATA, traced from the server', async () => {
    const events = await run();
    const parsed = frames(events, 'http3:frame_parsed', 0);
    const request = parsed.find((f) => f.frame_type === 'headers');
    expect(request?.headers).toEqual(expect.arrayContaining([[':method', 'GET'], [':path', '/'], [':scheme', 'https']]));
    const created = frames(events, 'http3:frame_created', 0);
    expect(created[0]?.frame_type).toBe('headers');
    expect(created[0]?.headers).toEqual(expect.arrayContaining([[':status', '200'], ['content-type', 'text/html; charset=utf-8']]));
    const data = created.filter((f) => f.frame_type === 'data');
    expect(data.length).toBeGreaterThan(0);
    const length = Number(created[0]!.headers!.find(([n]) => n === 'content-length')![1]);
    expect(data.reduce((n, f) => n + f.length, 0)).toBe(length);

    // the server's control stream with SETTINGS, and the client's SETTINGS parsed
    const types = eventsNamed(events, 'http3:stream_type_set', 'server').map((e) => (e.data as { stream_type?: string }).stream_type);
    expect(types).toEqual(expect.arrayContaining(['control', 'request']));
    expect(eventsNamed(events, 'http3:frame_created', 'server').some((e) => (e.data as H3FrameData).frame_type === 'settings')).toBe(true);
    expect(eventsNamed(events, 'http3:frame_parsed', 'server').some((e) => (e.data as H3FrameData).frame_type === 'settings')).toBe(true);
    // every server HTTP/3 event is on the QUIC connection's id, no HTTP/3 error
    const quicConn = eventsNamed(events, 'quic:packet_sent', 'server')[0]!.conn;
    for (const e of events.filter((x) => x.name.startsWith('http3:') && x.vantage === 'server')) expect(e.conn).toBe(quicConn);
    expect(eventsNamed(events, 'http3:error')).toEqual([]);
    expect(eventsNamed(events, 'app:error')).toEqual([]);
    const notes = eventsNamed(events, 'app:note').map((e) => (e.data as { text: string }).text);
    expect(notes.some((n) => n.startsWith('stream 0: the server answered 200 in HTTP/3'))).toBe(true);
  });

  it('serves other routes: GET /status/404 gets a 404 with its body', async () => {
    const events = await run({ path: '/status/404' });
    const created = frames(events, 'http3:frame_created', 0);
    expect(created[0]?.headers).toEqual(expect.arrayContaining([[':status', '404']]));
    expect(created.filter((f) => f.frame_type === 'data').reduce((n, f) => n + f.length, 0)).toBe('status 404\n'.length);
  });
});

/** A handler over a fake QUIC connection, wired to a client H3Connection: what one writes, the other reads. */
function pair(): { client: H3Connection; handler: H3StreamHandler; pump: () => H3AppEvent[]; emitted: string[] } {
  const emitted: string[] = [];
  const sink = { now: () => 0, emit: (e: { name: string }) => emitted.push(e.name), openConnection: () => undefined, updateConnection: () => undefined } as unknown as EventSink;
  const client = new H3Connection({ role: 'client' });
  const toClient: { id: number; bytes: Uint8Array; fin: boolean }[] = [];
  let nextUni = 3;
  const conn = {
    state: ConnectionState.Connected,
    streams: { get: () => undefined },
    openStream: (bidi: boolean) => (bidi ? null : (nextUni += 4) - 4),
    write: (id: number, bytes: Uint8Array, fin: boolean) => toClient.push({ id, bytes, fin }),
    resetStream: () => undefined,
    stopSending: () => undefined,
    close: () => undefined,
  } as unknown as QuicConnection;
  const handler = new H3StreamHandler(conn, () => undefined, { sink, conn: 1, timers: { add: () => undefined, remove: () => undefined } });
  client.start();
  const got: H3AppEvent[] = [];
  const pump = (): H3AppEvent[] => {
    for (let round = 0; round < 20; round++) {
      const commands = client.pollCommands();
      for (const c of commands) if (c.op === 'write') handler.onEvent({ kind: 'stream_data', streamId: c.streamId, data: c.bytes, fin: c.fin });
      const back = toClient.splice(0);
      for (const w of back) client.streamData(w.id, w.bytes, w.fin);
      for (const e of client.drainEvents()) if (e.kind !== 'trace') got.push(e);
      if (commands.length === 0 && back.length === 0) break;
    }
    return got.splice(0);
  };
  return { client, handler, pump, emitted };
}

describe('H3StreamHandler over a fake QUIC connection', () => {
  it('POST /echo is full duplex: each request DATA comes back before the request ends', () => {
    const { client, pump, emitted } = pair();
    pump();
    const id = client.request([[':method', 'POST'], [':scheme', 'https'], [':authority', 'localhost'], [':path', '/echo'], ['content-type', 'text/plain']], { endStream: false });
    let events = pump();
    const head = events.find((e) => e.kind === 'headers' && e.streamId === id);
    expect(head && head.kind === 'headers' ? head.headers : []).toEqual(expect.arrayContaining([[':status', '200'], ['content-type', 'text/plain']]));
    client.sendData(id, new TextEncoder().encode('one'));
    events = pump();
    expect(events.filter((e) => e.kind === 'data').map((e) => (e.kind === 'data' ? Buffer.from(e.data).toString() : ''))).toEqual(['one']);
    expect(events.some((e) => e.kind === 'end')).toBe(false);
    client.sendData(id, new TextEncoder().encode('two'), true);
    events = pump();
    expect(events.filter((e) => e.kind === 'data').map((e) => (e.kind === 'data' ? Buffer.from(e.data).toString() : ''))).toEqual(['two']);
    expect(events.some((e) => e.kind === 'end' && e.streamId === id)).toBe(true);
    expect(emitted).toContain('http3:frame_parsed');
    expect(emitted).toContain('http3:frame_created');
    expect(emitted).not.toContain('app:error');
  });

  it('POST /upload reads the whole body; GET /echo gets 405', () => {
    const { client, pump } = pair();
    pump();
    const up = client.request([[':method', 'POST'], [':scheme', 'https'], [':authority', 'localhost'], [':path', '/upload']], { body: new Uint8Array(5000) });
    const bad = client.request([[':method', 'GET'], [':scheme', 'https'], [':authority', 'localhost'], [':path', '/echo']]);
    const events = pump();
    const body = Buffer.concat(events.filter((e) => e.kind === 'data' && e.streamId === up).map((e) => (e.kind === 'data' ? e.data : new Uint8Array())));
    expect(JSON.parse(body.toString())).toMatchObject({ bytes: 5000 });
    const status = events.find((e) => e.kind === 'headers' && e.streamId === bad);
    expect(status && status.kind === 'headers' ? status.headers : []).toEqual(expect.arrayContaining([[':status', '405']]));
  });
});
