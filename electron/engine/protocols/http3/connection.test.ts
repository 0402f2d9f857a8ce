import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../../shared/events';
import type { H3AppEvent } from './core-events';
import { H3ErrorCode } from './errors';
import { H3Pair, streamResults, type PairOptions } from './test-pair';

const DYNAMIC = { settings: { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 100 } };
const enc = new TextEncoder();
const dec = new TextDecoder();

function get(path: string, extra: HeaderField[] = []): HeaderField[] {
  return [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', path], ['user-agent', 'framescope-test'], ...extra];
}

function bytes(n: number, seed = 7): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

/** A server that answers every request when it ends: status 200, the request body echoed, a header naming the path. */
function autoRespond(pair: H3Pair, handled: Set<number>): void {
  const results = streamResults(pair.app('server'));
  for (const [id, r] of results) {
    if (handled.has(id) || !r.ended || r.headers.length === 0) continue;
    handled.add(id);
    const path = r.headers[0]!.headers.find(([n]) => n === ':path')?.[1] ?? '';
    pair.server.respond(id, [[':status', '200'], ['x-path', path], ['content-type', 'application/octet-stream']], { body: r.body.length ? r.body : enc.encode(`ok ${path}`) });
  }
}

function exchange(options: PairOptions, requests: { headers: HeaderField[]; body?: Uint8Array }[]) {
  const pair = new H3Pair(options).start();
  pair.run();
  const ids = requests.map((r) => pair.client.request(r.headers, r.body ? { body: r.body } : {}));
  const handled = new Set<number>();
  for (let i = 0; i < 50 && handled.size < ids.length; i++) {
    pair.run();
    autoRespond(pair, handled);
  }
  pair.run();
  return { pair, ids, results: streamResults(pair.app('client')) };
}

function noErrors(pair: H3Pair): void {
  expect(pair.traces('client', 'http3:error')).toEqual([]);
  expect(pair.traces('server', 'http3:error')).toEqual([]);
  expect(pair.client.closeError).toBeNull();
  expect(pair.server.closeError).toBeNull();
}

describe('H3Connection pair', () => {
  for (const [label, opts] of [
    ['static table only', {}],
    ['dynamic table 4096', { client: DYNAMIC, server: DYNAMIC }],
  ] as const) {
    it(`GET and POST with large bodies (${label})`, () => {
      const big = bytes(300_000);
      const { pair, ids, results } = exchange({ seed: 11, ...opts }, [{ headers: get('/') }, { headers: [...get('/upload'), ['content-length', String(big.length)]].map((h, i) => (i === 0 ? [':method', 'POST'] : h)) as HeaderField[], body: big }]);
      noErrors(pair);
      const a = results.get(ids[0]!)!;
      expect(a.headers[0]!.headers).toContainEqual([':status', '200']);
      expect(dec.decode(a.body)).toBe('ok /');
      expect(a.ended).toBe(true);
      const b = results.get(ids[1]!)!;
      expect(b.body.length).toBe(big.length);
      expect(Buffer.compare(b.body, big)).toBe(0);
      expect(b.ended).toBe(true);
      // Every frame the server parsed, the client created (same bytes).
      const created = pair.traces('client', 'http3:frame_created').filter((t) => t.stream === ids[1]).length;
      const parsed = pair.traces('server', 'http3:frame_parsed').filter((t) => t.stream === ids[1]).length;
      expect(parsed).toBe(created);
      expect(pair.client.activeStreams).toBe(0);
      expect(pair.server.activeStreams).toBe(0);
    });
  }

  it('100 concurrent requests with the dynamic table, in random interleavings', () => {
    for (const seed of [1, 2, 3]) {
      const requests = Array.from({ length: 100 }, (_, i) => ({ headers: get(`/many/${i}`, [['x-request', String(i % 7)], ['cookie', 'session=abcdefghijklmnopqrstuvwxyz']]) }));
      const { pair, ids, results } = exchange({ seed, maxChunk: 200, client: DYNAMIC, server: DYNAMIC }, requests);
      noErrors(pair);
      ids.forEach((id, i) => {
        const r = results.get(id)!;
        expect(r.headers[0]!.headers).toContainEqual(['x-path', `/many/${i}`]);
        expect(dec.decode(r.body)).toBe(`ok /many/${i}`);
        expect(r.ended).toBe(true);
      });
      // The dynamic table was used: some field lines reference it.
      const reps = pair.traces('client', 'http3:frame_created').flatMap((t) => ('qpack' in t.data ? (t.data.qpack ?? []) : []));
      expect(reps.some((r) => r.table === 'dynamic' || r.representation === 'indexed-post-base')).toBe(true);
      expect(pair.traces('server', 'qpack:table_updated').some((t) => t.data.side === 'decoder' && t.data.insertCount > 0)).toBe(true);
      // after each section that uses the table, the encoder's table shows the references it holds until acknowledged
      const held = pair.traces('client', 'qpack:table_updated').filter((t) => t.data.cause === 'field_section_references');
      expect(held.length).toBeGreaterThan(0);
      expect(held.every((t) => t.stream !== undefined && t.data.entries.some((e) => (e.references ?? 0) > 0))).toBe(true);
    }
  });

  it('sends and receives trailers', () => {
    const pair = new H3Pair({ seed: 5, client: DYNAMIC, server: DYNAMIC }).start();
    pair.run();
    const id = pair.client.request(get('/trailers', [['te', 'trailers']]), { endStream: false });
    pair.client.sendData(id, enc.encode('part one,'));
    pair.client.end(id, [['x-checksum', 'abc123']]);
    pair.run();
    const req = streamResults(pair.app('server')).get(id)!;
    expect(req.headers.map((h) => h.role)).toEqual(['request', 'trailers']);
    expect(req.headers[1]!.headers).toEqual([['x-checksum', 'abc123']]);
    pair.server.respond(id, [[':status', '200']], { body: enc.encode('done'), endStream: false });
    pair.server.end(id, [['grpc-status', '0']]);
    pair.run();
    const res = streamResults(pair.app('client')).get(id)!;
    expect(res.headers.map((h) => h.role)).toEqual(['response', 'trailers']);
    expect(res.ended).toBe(true);
    noErrors(pair);
  });

  it('sends informational responses before the final one', () => {
    const pair = new H3Pair({ seed: 6 }).start();
    pair.run();
    const id = pair.client.request(get('/early'));
    pair.run();
    pair.server.respond(id, [[':status', '103'], ['link', '</style.css>; rel=preload']]);
    pair.server.respond(id, [[':status', '200']], { body: enc.encode('x') });
    pair.run();
    expect(streamResults(pair.app('client')).get(id)!.headers.map((h) => h.role)).toEqual(['informational', 'response']);
    noErrors(pair);
  });

  it('runs a full-duplex echo: response data flows before the request ends', () => {
    const pair = new H3Pair({ seed: 9, client: DYNAMIC, server: DYNAMIC }).start();
    pair.run();
    const id = pair.client.request([...get('/echo')].map((h, i) => (i === 0 ? [':method', 'POST'] : h)) as HeaderField[], { endStream: false });
    pair.run();
    pair.server.respond(id, [[':status', '200']], { endStream: false });
    let seen = 0;
    for (let i = 0; i < 10; i++) {
      pair.client.sendData(id, enc.encode(`ping ${i};`));
      pair.run();
      const got = pair.app('server').filter((e): e is Extract<H3AppEvent, { kind: 'data' }> => e.kind === 'data' && e.streamId === id);
      for (const e of got.slice(seen)) pair.server.sendData(id, e.data);
      seen = got.length;
      pair.run();
      const echoed = dec.decode(streamResults(pair.app('client')).get(id)!.body);
      expect(echoed.endsWith(`ping ${i};`)).toBe(true);
      expect(streamResults(pair.app('server')).get(id)!.ended).toBe(false);
    }
    pair.client.end(id);
    pair.run();
    pair.server.end(id);
    pair.run();
    const res = streamResults(pair.app('client')).get(id)!;
    expect(dec.decode(res.body)).toBe(Array.from({ length: 10 }, (_, i) => `ping ${i};`).join(''));
    expect(res.ended).toBe(true);
    noErrors(pair);
  });

  it('blocks request streams on a delayed encoder stream and unblocks them in order', () => {
    const pair = new H3Pair({ seed: 21, client: DYNAMIC, server: DYNAMIC }).start();
    pair.run();
    const encoderStream = pair.client.localStreams.encoder!;
    pair.hold('client', encoderStream);
    const ids = [0, 1, 2].map((i) => pair.client.request(get(`/blocked/${i}`, [['x-custom', `value-${i}`]])));
    pair.run();
    // Nothing decodes: every section waits for inserts.
    const parsed = pair.traces('server', 'http3:frame_parsed').filter((t) => t.data.frame_type === 'headers');
    expect(parsed).toHaveLength(3);
    expect(parsed.every((t) => t.data.blocked === true && t.data.headers === undefined)).toBe(true);
    expect(pair.app('server').filter((e) => e.kind === 'headers')).toHaveLength(0);
    pair.release('client', encoderStream);
    pair.run();
    const unblocked = pair.traces('server', 'qpack:section_unblocked');
    expect(unblocked.map((t) => t.data.stream_id).sort()).toEqual(ids);
    const heads = pair.app('server').filter((e): e is Extract<H3AppEvent, { kind: 'headers' }> => e.kind === 'headers');
    expect(heads.map((e) => e.headers.find(([n]) => n === ':path')![1]).sort()).toEqual(['/blocked/0', '/blocked/1', '/blocked/2']);
    expect(streamResults(pair.app('server')).get(ids[2]!)!.ended).toBe(true);
    // Section Acknowledgments went back on the server's decoder stream.
    const acks = pair.traces('server', 'qpack:instruction').filter((t) => t.data.instruction_type === 'section_acknowledgement');
    expect(acks).toHaveLength(3);
    noErrors(pair);
  });

  it('a blocked stream that is reset sends a Stream Cancellation', () => {
    const pair = new H3Pair({ seed: 22, client: DYNAMIC, server: DYNAMIC }).start();
    pair.run();
    pair.hold('client', pair.client.localStreams.encoder!);
    const id = pair.client.request(get('/cancel-me', [['x-custom', 'blocked']]), { endStream: false });
    pair.run();
    pair.client.cancel(id);
    pair.run();
    const cancels = pair.traces('server', 'qpack:instruction').filter((t) => t.dir === 'sent' && t.data.instruction_type === 'stream_cancellation');
    expect(cancels.map((t) => t.data.stream_id)).toEqual([id]);
    expect(pair.app('server')).toContainEqual(expect.objectContaining({ kind: 'stream_reset', streamId: id, code: H3ErrorCode.H3_REQUEST_CANCELLED, initiator: 'remote' }));
    pair.release('client', pair.client.localStreams.encoder!);
    pair.run();
    noErrors(pair);
  });

  it('server push: MAX_PUSH_ID, PUSH_PROMISE, push stream and CANCEL_PUSH', () => {
    const pair = new H3Pair({ seed: 13, client: { ...DYNAMIC, maxPushId: 1 }, server: DYNAMIC }).start();
    pair.run();
    expect(pair.app('server')).toContainEqual({ kind: 'max_push_id', maxPushId: 1 });
    const id = pair.client.request(get('/push'));
    pair.run();
    const p0 = pair.server.push(id, get('/style.css'));
    pair.server.respond(p0.streamId, [[':status', '200'], ['content-type', 'text/css']], { body: enc.encode('body{}') });
    const p1 = pair.server.push(id, get('/app.js'));
    expect(() => pair.server.push(id, get('/third.js'))).toThrow(/MAX_PUSH_ID/);
    pair.server.respond(id, [[':status', '200']], { body: enc.encode('<html>') });
    pair.run();
    const promises = pair.app('client').filter((e) => e.kind === 'push_promise');
    expect(promises.map((e) => (e as { pushId: number }).pushId)).toEqual([0, 1]);
    const pushRes = streamResults(pair.app('client')).get(p0.streamId)!;
    expect(dec.decode(pushRes.body)).toBe('body{}');
    expect(pushRes.ended).toBe(true);
    expect(pair.traces('client', 'http3:stream_type_set').find((t) => t.data.stream_id === p0.streamId)!.data).toMatchObject({ stream_type: 'push', push_id: 0 });
    // The client refuses the second push: CANCEL_PUSH, and the server stops its push stream.
    pair.client.cancelPush(p1.pushId);
    pair.run();
    expect(pair.app('server')).toContainEqual({ kind: 'push_cancelled', pushId: 1, initiator: 'remote' });
    expect(pair.traces('client', 'http3:frame_created').some((t) => t.data.frame_type === 'cancel_push' && t.data.push_id === 1)).toBe(true);
    expect(() => pair.server.respond(p1.streamId, [[':status', '200']])).toThrow(/not open/);
    noErrors(pair);
  });

  it('GOAWAY from the server: requests above the id are refused and no new ones start', () => {
    const pair = new H3Pair({ seed: 17 }).start();
    pair.run();
    const first = pair.client.request(get('/a'));
    pair.run();
    pair.server.goaway();
    const late = pair.client.request(get('/late'));
    pair.run();
    expect(pair.app('client')).toContainEqual({ kind: 'goaway', id: 4, initiator: 'remote' });
    expect(pair.app('client')).toContainEqual(expect.objectContaining({ kind: 'request_refused', streamId: late }));
    expect(() => pair.client.request(get('/after'))).toThrow(/GOAWAY/);
    pair.server.respond(first, [[':status', '204']]);
    pair.run();
    expect(streamResults(pair.app('client')).get(first)!.ended).toBe(true);
    expect(() => pair.server.goaway(8)).toThrow(/cannot grow/);
    pair.server.close();
    pair.run();
    expect(pair.app('client').at(-1)).toEqual({ kind: 'closed' });
    noErrors(pair);
  });

  it('GOAWAY from the client names a push id', () => {
    const pair = new H3Pair({ seed: 18, client: { maxPushId: 10 } }).start();
    pair.run();
    pair.client.goaway(0);
    pair.run();
    expect(pair.app('server')).toContainEqual({ kind: 'goaway', id: 0, initiator: 'remote' });
    noErrors(pair);
  });

  it('carries RFC 9218 priorities: the priority header and PRIORITY_UPDATE', () => {
    const pair = new H3Pair({ seed: 19 }).start();
    pair.run();
    const id = pair.client.request(get('/prio'), { priority: { urgency: 1, incremental: true }, endStream: false });
    pair.run();
    expect(pair.server.priorityOf(id)).toEqual({ urgency: 1, incremental: true });
    pair.client.setPriority(id, { urgency: 5, incremental: false });
    pair.run();
    expect(pair.server.priorityOf(id)).toEqual({ urgency: 5, incremental: false });
    expect(pair.traces('server', 'http3:frame_parsed').find((t) => t.data.frame_type === 'priority_update')!.data).toMatchObject({
      type_code: 0xf0700,
      prioritized_element_id: id,
      priority_field_value: 'u=5',
    });
    noErrors(pair);
  });

  it('shows SETTINGS, grease and stream types on both sides', () => {
    const pair = new H3Pair({ seed: 4, client: DYNAMIC }).start();
    pair.run();
    const types = pair.traces('server', 'http3:stream_type_set').filter((t) => t.data.owner === 'remote').map((t) => t.data.stream_type).sort();
    expect(types).toEqual(['control', 'qpack_decode', 'qpack_encode']);
    const settings = pair.traces('server', 'http3:frame_parsed').find((t) => t.data.frame_type === 'settings')!;
    expect(settings.data.settings).toContainEqual({ id: 1, name: 'QPACK_MAX_TABLE_CAPACITY', value: 4096 });
    expect(settings.data.settings!.some((s) => s.name.startsWith('reserved('))).toBe(true);
    expect(settings.fields!.map((f) => f.path)).toContain('settings.1.value');
    expect(pair.traces('server', 'http3:frame_parsed').some((t) => t.data.frame_type === 'reserved')).toBe(true);
    expect(pair.server.settings.peer).toMatchObject({ qpackMaxTableCapacity: 4096, qpackBlockedStreams: 100 });
    noErrors(pair);
  });

  it('gives the same results for every seed (splits and orders)', () => {
    const run = (seed: number) => {
      const { results, ids } = exchange({ seed, maxChunk: 7, client: DYNAMIC, server: DYNAMIC }, [{ headers: get('/x') }, { headers: get('/y') }]);
      return ids.map((id) => dec.decode(results.get(id)!.body));
    };
    for (let seed = 30; seed < 40; seed++) expect(run(seed)).toEqual(['ok /x', 'ok /y']);
  });
});
