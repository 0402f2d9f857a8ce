/**
 * The HTTP/3 lessons against the embedded server: our HTTP/3 client and the server's HTTP/3, both over our QUIC,
 * in one engine, so every frame and QPACK instruction shows from both ends under one connection id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { H3FrameData, QpackInstructionData, QpackTableUpdatedData } from '../../../shared/event-data/http3';
import type { HeaderField, SessionEvent } from '../../../shared/events';
import type { Engine } from '../engine';
import { eventsNamed, startTestEngine } from '../test-support/engine-fixture';

const h3Frames = (events: readonly SessionEvent[], vantage: 'client' | 'server', name: 'http3:frame_created' | 'http3:frame_parsed'): H3FrameData[] =>
  eventsNamed(events, name, vantage).map((e) => e.data as H3FrameData);
const notes = (events: readonly SessionEvent[]): string[] => eventsNamed(events, 'app:note').map((e) => (e.data as { text: string }).text);

describe('HTTP/3 lessons against the embedded server (our h3 client, our h3 server)', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  /** Runs a lesson; waits until the server has seen every QUIC connection close (it drains after ours). */
  async function run(scenario: string, options: Record<string, string | number | boolean> = {}): Promise<SessionEvent[]> {
    const started = await engine.run({ scenario, options });
    const result = await started.finished;
    expect(result, JSON.stringify(result)).toEqual({ ok: true });
    const udp = (): number => engine.currentConnections().filter((c) => c.transport === 'udp').length;
    const closedOnServer = (): number => eventsNamed(engine.currentEvents(), 'quic:connection_closed', 'server').length;
    const deadline = Date.now() + 3000;
    while (closedOnServer() < udp() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(eventsNamed(engine.currentEvents(), 'http3:error')).toEqual([]);
    expect(eventsNamed(engine.currentEvents(), 'app:error')).toEqual([]);
    return [...engine.currentEvents()];
  }

  it('h3-basics: control, QPACK and request streams from both ends; SETTINGS, HEADERS, DATA, GOAWAY, a clean close', async () => {
    const events = await run('h3-basics');
    const conns = engine.currentConnections().filter((c) => c.transport === 'udp');
    expect(conns).toHaveLength(1);
    expect(conns[0]).toMatchObject({ vantages: ['client', 'server'], alpn: 'h3', protocol: 'h3' });
    for (const e of events.filter((x) => x.name.startsWith('http3:') || x.name.startsWith('qpack:'))) expect(e.conn).toBe(conns[0]!.id);
    const streamTypes = (vantage: 'client' | 'server'): string[] =>
      eventsNamed(events, 'http3:stream_type_set', vantage).map((e) => `${(e.data as { owner: string }).owner}:${(e.data as { stream_type: string }).stream_type}:${e.stream}`);
    expect(streamTypes('client')).toEqual(expect.arrayContaining(['local:control:2', 'local:qpack_encode:6', 'local:qpack_decode:10', 'local:request:0', 'remote:control:3']));
    expect(streamTypes('server')).toEqual(expect.arrayContaining(['remote:control:2', 'remote:request:0', 'local:control:3', 'local:qpack_encode:7', 'local:qpack_decode:11']));
    // what one end created, the other parsed: SETTINGS both ways, the request, the response
    const key = (f: H3FrameData): string => `${f.stream_id}:${f.frame_type}:${f.length}`;
    const clientSent = h3Frames(events, 'client', 'http3:frame_created').map(key);
    const serverGot = h3Frames(events, 'server', 'http3:frame_parsed').map(key);
    expect(serverGot.filter((k) => !k.includes('reserved'))).toEqual(clientSent.filter((k) => !k.includes('reserved')));
    const request = h3Frames(events, 'server', 'http3:frame_parsed').find((f) => f.frame_type === 'headers' && f.stream_id === 0)!;
    expect(request.headers).toEqual(expect.arrayContaining([[':method', 'GET'], [':path', '/'], [':scheme', 'https']]));
    const response = h3Frames(events, 'client', 'http3:frame_parsed').filter((f) => f.stream_id === 0);
    expect(response[0]).toMatchObject({ frame_type: 'headers' });
    expect(response[0]!.headers).toContainEqual([':status', '200']);
    expect(response.some((f) => f.frame_type === 'data')).toBe(true);
    expect(h3Frames(events, 'client', 'http3:frame_parsed').some((f) => f.frame_type === 'settings' && f.stream_id === 3)).toBe(true);
    expect(h3Frames(events, 'server', 'http3:frame_parsed').some((f) => f.frame_type === 'goaway' && f.stream_id === 2)).toBe(true);
    const closed = eventsNamed(events, 'quic:connection_closed').map((e) => [e.vantage, (e.data as { application_code?: number }).application_code]);
    expect(closed).toEqual(expect.arrayContaining([['client', 0x100], ['server', 0x100]]));
    expect(notes(events).some((n) => /the server's SETTINGS: .*QPACK_MAX_TABLE_CAPACITY=4096/.test(n))).toBe(true);
  });

  it('h3-multiplexing: requests on streams 0, 4, 8, …; the two /chunk streams interleave', async () => {
    const events = await run('h3-multiplexing', { slowMs: 300 });
    const requests = h3Frames(events, 'client', 'http3:frame_created').filter((f) => f.frame_type === 'headers').map((f) => f.stream_id);
    expect(requests).toEqual([0, 4, 8, 12, 16, 20]);
    const data = h3Frames(events, 'client', 'http3:frame_parsed').filter((f) => f.frame_type === 'data').map((f) => f.stream_id);
    const at = (id: number): number[] => data.flatMap((s, i) => (s === id ? [i] : []));
    const [a, b] = [at(4), at(12)];
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(4);
    expect(Math.min(...a) < Math.max(...b) && Math.min(...b) < Math.max(...a)).toBe(true);
    // /slow (stream 0) ends last but for nothing: the others did not wait for it
    const ends = eventsNamed(events, 'http3:frame_parsed', 'client').filter((e) => (e.data as H3FrameData).stream_id === 0);
    expect(ends.length).toBeGreaterThan(0);
    expect(notes(events).some((n) => n.includes('interleaved'))).toBe(true);
  });

  it('qpack: inserts on the encoder stream, acknowledgments back, both tables fill, HEADERS shrink', async () => {
    const events = await run('qpack', { requests: 4 });
    const instructions = (vantage: 'client' | 'server', dir: 'sent' | 'received'): string[] =>
      eventsNamed(events, 'qpack:instruction', vantage).filter((e) => e.dir === dir).map((e) => (e.data as QpackInstructionData).instruction_type);
    expect(instructions('client', 'sent')).toEqual(expect.arrayContaining(['set_dynamic_table_capacity', 'section_acknowledgement']));
    expect(instructions('client', 'sent').filter((t) => t.startsWith('insert_')).length).toBeGreaterThanOrEqual(4);
    // every instruction on our encoder stream arrived at the server's decoder, in order
    const onEncoderStream = (vantage: 'client' | 'server', dir: 'sent' | 'received'): string[] =>
      eventsNamed(events, 'qpack:instruction', vantage).filter((e) => e.dir === dir && (e.data as QpackInstructionData).stream_type === 'encoder').map((e) => e.raw ?? '');
    expect(onEncoderStream('server', 'received')).toEqual(onEncoderStream('client', 'sent'));
    expect(instructions('client', 'received')).toContain('section_acknowledgement');
    const tables = (vantage: 'client' | 'server', side: 'encoder' | 'decoder'): QpackTableUpdatedData[] =>
      eventsNamed(events, 'qpack:table_updated', vantage).map((e) => e.data as QpackTableUpdatedData).filter((t) => t.side === side);
    const names = (t: QpackTableUpdatedData | undefined): string[] => (t?.entries ?? []).map((x) => x.name);
    // our encoder's table and the server decoder's mirror of it hold the repeated fields
    expect(names(tables('client', 'encoder').at(-1))).toEqual(expect.arrayContaining(['cookie', 'x-framescope-lesson']));
    expect(names(tables('server', 'decoder').at(-1))).toEqual(names(tables('client', 'encoder').at(-1)));
    // the server's encoder inserted its response fields for our decoder
    expect(tables('client', 'decoder').at(-1)?.entries.length).toBeGreaterThan(0);
    const sizes = h3Frames(events, 'client', 'http3:frame_created').filter((f) => f.frame_type === 'headers').map((f) => f.length);
    expect(sizes).toHaveLength(4);
    expect(sizes[3]!).toBeLessThan(sizes[0]! / 2);
  });

  it('qpack with tableCapacity 0: no inserts either way, nothing shrinks', async () => {
    const events = await run('qpack', { requests: 3, tableCapacity: 0 });
    const inserts = eventsNamed(events, 'qpack:instruction').filter((e) => (e.data as QpackInstructionData).instruction_type.startsWith('insert_'));
    expect(inserts).toEqual([]);
    const sizes = h3Frames(events, 'client', 'http3:frame_created').filter((f) => f.frame_type === 'headers').map((f) => f.length);
    expect(sizes[2]!).toBeGreaterThanOrEqual(sizes[0]! - 2);
  });

  it('alt-svc: the h2 response advertises h3 on the TLS port\'s number; the next requests go over HTTP/3 there', async () => {
    const events = await run('alt-svc', { requests: 2 });
    const port = engine.serverStatus().tlsPort;
    const conns = engine.currentConnections();
    const h2 = conns.find((c) => c.protocol === 'h2')!;
    const quic = conns.find((c) => c.transport === 'udp')!;
    expect(quic.server.port).toBe(port);
    const h2Response = events.find((e) => e.conn === h2.id && e.name === 'h2:frame' && e.vantage === 'client' && e.dir === 'received' && (e.data as { headers?: HeaderField[] }).headers);
    expect((h2Response!.data as { headers: HeaderField[] }).headers).toContainEqual(['alt-svc', `h3=":${port}"; ma=86400`]);
    // the h2 connection came first, then the QUIC one
    expect(quic.openedAt).toBeGreaterThan(h2.openedAt);
    const requests = h3Frames(events, 'server', 'http3:frame_parsed').filter((f) => f.frame_type === 'headers');
    expect(requests).toHaveLength(2);
    for (const r of requests) expect(r.headers).toContainEqual([':authority', `localhost:${port}`]);
    expect(notes(events).some((n) => n.includes(`alt-svc: h3=":${port}"; ma=86400`) && n.includes(`UDP port ${port}`))).toBe(true);
  });

  it('compare: the same requests over HTTP/1.1, HTTP/2 and HTTP/3, started together', async () => {
    const events = await run('compare', { requests: 6, connections: 2 });
    const conns = engine.currentConnections();
    expect(conns.filter((c) => c.protocol === 'h1')).toHaveLength(2);
    expect(conns.filter((c) => c.protocol === 'h2')).toHaveLength(1);
    expect(conns.filter((c) => c.protocol === 'h3')).toHaveLength(1);
    const h3Requests = eventsNamed(events, 'http3:frame_created', 'client').filter((e) => (e.data as H3FrameData).frame_type === 'headers');
    expect(h3Requests).toHaveLength(6);
    const firstH1 = Math.min(...eventsNamed(events, 'h1:head', 'client').map((e) => e.time));
    const firstQuic = eventsNamed(events, 'quic:packet_sent', 'client')[0]!.time;
    expect(Math.abs(firstH1 - firstQuic)).toBeLessThan(200);
    expect(notes(events).some((n) => /HTTP\/3 on 1 connection: \d+ ms/.test(n))).toBe(true);
  });
});
