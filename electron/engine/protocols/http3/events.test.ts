import { describe, expect, it } from 'vitest';
import { describeEventType, summarizeEvent } from '../../../../shared/event-summary';
import type { SessionEvent } from '../../../../shared/events';
import { isKnownEvent } from '../../../../shared/events';
import { formatPriority, parsePriority } from './priority';
import { H3Pair } from './test-pair';

const DYNAMIC = { settings: { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 10 } };

describe('http3 and qpack events', () => {
  it('every trace item becomes a known session event with a readable summary', () => {
    const pair = new H3Pair({ seed: 2, client: { ...DYNAMIC, maxPushId: 2 }, server: DYNAMIC }).start();
    pair.run();
    pair.hold('client', pair.client.localStreams.encoder!);
    const id = pair.client.request([[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', '/'], ['x-long-header', 'value']]);
    pair.run();
    pair.release('client', pair.client.localStreams.encoder!);
    pair.run();
    const push = pair.server.push(id, [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', '/p']]);
    pair.server.respond(push.streamId, [[':status', '200']]);
    pair.server.respond(id, [[':status', '200']], { body: new Uint8Array(10) });
    pair.client.goaway();
    pair.run();
    const names = new Set<string>();
    for (const side of ['client', 'server'] as const) {
      for (const t of pair.traces(side)) {
        const ev = { seq: 0, time: 0, conn: 1, vantage: side, name: t.name, data: t.data, ...(t.stream !== undefined ? { stream: t.stream } : {}) } as SessionEvent;
        expect(isKnownEvent(ev)).toBe(true);
        const line = summarizeEvent(ev);
        expect(line).not.toMatch(/NaN|undefined|\[object/);
        expect(JSON.parse(JSON.stringify(t.data))).toEqual(t.data);
        names.add(t.name);
      }
    }
    expect([...names].sort()).toEqual(['http3:frame_created', 'http3:frame_parsed', 'http3:stream_type_set', 'qpack:instruction', 'qpack:section_unblocked', 'qpack:table_updated']);
    const headers = pair.traces('server', 'http3:frame_parsed').find((t) => t.data.frame_type === 'headers')!;
    expect(summarizeEvent({ seq: 0, time: 0, conn: 1, vantage: 'server', name: headers.name, data: headers.data })).toBe('HEADERS stream 0: blocked, waiting for QPACK encoder stream data');
    for (const n of names) expect(describeEventType(n).reference?.url).toMatch(/rfc9114|rfc9204/);
    expect(describeEventType('http3:error').reference?.url).toContain('rfc9114#section-8');
  });

  it('parses and formats RFC 9218 priorities leniently', () => {
    expect(parsePriority('u=1, i')).toEqual({ urgency: 1, incremental: true });
    expect(parsePriority('u=9, i=?0, foo=bar')).toEqual({ urgency: 3, incremental: false });
    expect(parsePriority('')).toEqual({ urgency: 3, incremental: false });
    expect(formatPriority({ urgency: 0, incremental: true })).toBe('u=0, i');
    expect(formatPriority({ urgency: 3, incremental: false })).toBe('');
  });
});
