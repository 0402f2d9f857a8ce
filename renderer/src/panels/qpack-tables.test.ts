import { describe, expect, it } from 'vitest';
import type { QpackEntryData, QpackTableUpdatedData, SessionEvent } from '../../../shared/events';
import { instructionDirection, instructionText, isDraining, qpackConnections, qpackInStep, qpackTablesAt, tableDirection, type QpackLists } from './qpack-tables';

let seq = 0;
const ev = (e: Partial<SessionEvent> & { name: string }): SessionEvent => ({ seq: seq, time: seq++, conn: 1, vantage: 'client', data: {}, ...e }) as SessionEvent;

const entry = (absoluteIndex: number, name: string, value: string, references?: number): QpackEntryData => ({
  absoluteIndex,
  name,
  value,
  size: 32 + name.length + value.length,
  ...(references !== undefined ? { references } : {}),
});

/** A table event: `entries` oldest first (the event lists them newest first). */
function table(side: 'encoder' | 'decoder', entries: QpackEntryData[], patch: Partial<QpackTableUpdatedData> = {}): QpackTableUpdatedData {
  return {
    side,
    entries: [...entries].reverse(),
    size: entries.reduce((n, e) => n + e.size, 0),
    capacity: 4096,
    maxCapacity: 4096,
    insertCount: entries.length ? entries[entries.length - 1]!.absoluteIndex + 1 : 0,
    knownReceivedCount: 0,
    inserted: [],
    evicted: [],
    cause: 'insert_with_name_reference',
    ...patch,
  };
}

/** Index lists built the way the renderer's NameIndex builds them. */
function listsOf(events: readonly SessionEvent[]): QpackLists {
  const of = (name: string) => {
    const list = Int32Array.from(events.flatMap((e, i) => (e.name === name ? [i] : [])));
    return { list, length: list.length };
  };
  return { tables: of('qpack:table_updated'), instructions: of('qpack:instruction'), created: of('http3:frame_created'), parsed: of('http3:frame_parsed') };
}

const a = entry(0, ':authority', 'localhost');
const b = entry(1, 'user-agent', 'framescope');
const c = entry(2, ':path', '/b');

// the client encodes two requests (stream 0 inserts a and b, stream 4 inserts c); the server decodes and acknowledges
const events: SessionEvent[] = [
  ev({ name: 'qpack:instruction', dir: 'sent', data: { stream_type: 'encoder', instruction_type: 'insert_with_name_reference', table_type: 'static', name_index: 0, name: ':authority', value: 'localhost', absolute_index: 0, start: 0, end: 1 } }),
  ev({ name: 'qpack:table_updated', dir: 'sent', data: table('encoder', [a], { inserted: [a] }) }),
  ev({ name: 'qpack:table_updated', dir: 'sent', data: table('encoder', [a, b], { inserted: [b] }) }),
  ev({ name: 'http3:frame_created', stream: 0, dir: 'sent', data: { frame_type: 'headers', stream_id: 0 } }),
  ev({ name: 'qpack:instruction', vantage: 'server', dir: 'received', data: { stream_type: 'encoder', instruction_type: 'insert_with_name_reference', name: ':authority', value: 'localhost', absolute_index: 0, start: 0, end: 1 } }),
  ev({ name: 'qpack:table_updated', vantage: 'server', dir: 'received', data: table('decoder', [a], { inserted: [a] }) }),
  ev({ name: 'qpack:table_updated', vantage: 'server', dir: 'received', data: table('decoder', [a, b], { inserted: [b] }) }),
  ev({ name: 'http3:frame_parsed', vantage: 'server', stream: 0, dir: 'received', data: { frame_type: 'headers', stream_id: 0 } }),
  ev({ name: 'qpack:instruction', vantage: 'server', dir: 'sent', data: { stream_type: 'decoder', instruction_type: 'section_acknowledgement', stream_id: 0, start: 0, end: 1 } }),
  ev({ name: 'http3:frame_created', vantage: 'server', stream: 0, dir: 'sent', data: { frame_type: 'data', stream_id: 0 } }),
  ev({ name: 'qpack:table_updated', dir: 'received', data: table('encoder', [a, b], { knownReceivedCount: 2, cause: 'section_acknowledgement' }) }),
  ev({ name: 'qpack:table_updated', dir: 'sent', data: table('encoder', [{ ...a, references: 1 }, b, c], { knownReceivedCount: 2, inserted: [c] }) }),
  ev({ name: 'http3:frame_created', stream: 4, dir: 'sent', data: { frame_type: 'headers', stream_id: 4 } }),
  ev({ name: 'http3:frame_created', stream: 8, dir: 'sent', data: { frame_type: 'headers', stream_id: 8 } }),
  ev({ name: 'qpack:table_updated', conn: 2, vantage: 'server', dir: 'sent', data: table('encoder', [a]) }),
];
const lists = listsOf(events);

describe('QPACK directions', () => {
  it('puts the client encoder and the server decoder on the requests, instructions by sender and stream', () => {
    expect(tableDirection('client', 'encoder')).toBe('requests');
    expect(tableDirection('server', 'decoder')).toBe('requests');
    expect(tableDirection('server', 'encoder')).toBe('responses');
    expect(tableDirection('client', 'decoder')).toBe('responses');
    // the server's decoder stream acknowledges the client's encoder: requests
    expect(instructionDirection('server', 'sent', 'decoder')).toBe('requests');
    expect(instructionDirection('client', 'received', 'decoder')).toBe('requests');
    expect(instructionDirection('client', 'received', 'encoder')).toBe('responses');
  });
});

describe('qpackTablesAt', () => {
  it('takes the latest table of each end before the moment, and the inserts of the section being built', () => {
    const [req, res] = qpackTablesAt(events, lists, 1, 3);
    expect(req!.encoder?.data.insertCount).toBe(2);
    expect(req!.decoder).toBeNull();
    expect(req!.changes.inserted.map((e) => e.name)).toEqual(['user-agent', ':authority']);
    expect(req!.changes.forStream).toBeNull();
    expect(req!.encoderStream.map((i) => i.data.instruction_type)).toEqual(['insert_with_name_reference']);
    expect(res!.encoder).toBeNull();
    expect(res!.changes.inserted).toEqual([]);
  });

  it('after the HEADERS, the inserts are those of its field section; both ends in step', () => {
    const [req] = qpackTablesAt(events, lists, 1, 8);
    expect(req!.changes.forStream).toBe(0);
    expect(req!.changes.inserted.map((e) => e.absoluteIndex)).toEqual([1, 0]);
    expect(qpackInStep(req!.encoder?.data, req!.decoder?.data)).toBe(true);
    // the sender's view of an instruction is preferred over the receiver's copy
    expect(req!.encoderStream).toHaveLength(1);
    expect(req!.encoderStream[0]!.vantage).toBe('client');
  });

  it('shows the acknowledgment, then a section that inserted nothing shows no inserts', () => {
    const [acked] = qpackTablesAt(events, lists, 1, 11);
    expect(acked!.encoder?.data.knownReceivedCount).toBe(2);
    expect(acked!.decoderStream.map((i) => i.data.instruction_type)).toEqual(['section_acknowledgement']);
    const [four] = qpackTablesAt(events, lists, 1, 13);
    expect(four!.changes).toMatchObject({ forStream: 4, inserted: [c] });
    expect(qpackInStep(four!.encoder?.data, four!.decoder?.data)).toBe(false);
    expect(four!.encoder?.data.entries.find((e) => e.absoluteIndex === 0)?.references).toBe(1);
    const [eight] = qpackTablesAt(events, lists, 1, 14);
    expect(eight!.changes).toEqual({ forStream: 8, inserted: [], evicted: [] });
  });

  it('keeps connections apart and ignores malformed data', () => {
    const [, res] = qpackTablesAt(events, lists, 2, events.length);
    expect(res!.encoder?.data.entries).toHaveLength(1);
    const bad = [ev({ name: 'qpack:table_updated', data: { side: 'sideways' } }), ev({ name: 'qpack:instruction', dir: 'sent', data: null as never })];
    const dirs = qpackTablesAt(bad, listsOf(bad), 1, 2);
    expect(dirs.every((d) => d.encoder === null && d.decoder === null && d.encoderStream.length === 0)).toBe(true);
  });

  it('lists the connections that have QPACK events', () => {
    expect(qpackConnections(events, lists)).toEqual([1, 2]);
  });
});

describe('evictions and draining', () => {
  it('collects the evictions of the inserts, and marks the oldest entries of a nearly full table as draining', () => {
    const big = (i: number) => entry(i, 'x-big', 'v'.repeat(1000 - 37));
    const full = [big(0), big(1), big(2), big(3)];
    const evs = [
      ev({ name: 'http3:frame_created', vantage: 'server', stream: 0, dir: 'sent', data: { frame_type: 'headers', stream_id: 0 } }),
      ev({ name: 'qpack:table_updated', vantage: 'server', dir: 'sent', data: table('encoder', [...full.slice(1), big(4)], { inserted: [big(4)], evicted: [big(0)] }) }),
    ];
    const [, res] = qpackTablesAt(evs, listsOf(evs), 1, 2);
    expect(res!.changes.evicted.map((e) => e.absoluteIndex)).toEqual([0]);
    const t = res!.encoder!.data;
    expect(t.size).toBe(4000);
    expect(isDraining(t, 1)).toBe(true);
    expect(isDraining(t, 2)).toBe(false);
    expect(isDraining({ ...t, size: 3000 }, 1)).toBe(false);
  });

  it('names every instruction', () => {
    expect(instructionText({ stream_type: 'encoder', instruction_type: 'insert_without_name_reference', name: 'x', value: 'y', absolute_index: 7, start: 0, end: 3 })).toBe('Insert With Literal Name x = y → #7');
    expect(instructionText({ stream_type: 'decoder', instruction_type: 'insert_count_increment', increment: 2, start: 0, end: 1 })).toBe('Insert Count Increment +2');
  });
});

describe('acknowledged inserts', () => {
  it('adds the Insert Count Increments a decoder sent after its last table change', () => {
    const evs = [
      ev({ name: 'qpack:table_updated', vantage: 'server', dir: 'received', data: table('decoder', [a, b], { knownReceivedCount: 0 }) }),
      ev({ name: 'qpack:instruction', vantage: 'server', dir: 'sent', data: { stream_type: 'decoder', instruction_type: 'insert_count_increment', increment: 2, start: 0, end: 1 } }),
    ];
    expect(qpackTablesAt(evs, listsOf(evs), 1, 1)[0]!.knownReceivedCount).toBe(0);
    expect(qpackTablesAt(evs, listsOf(evs), 1, 2)[0]!.knownReceivedCount).toBe(2);
    // the encoder's own count wins when it was recorded
    expect(qpackTablesAt(events, lists, 1, 11)[0]!.knownReceivedCount).toBe(2);
  });
});
