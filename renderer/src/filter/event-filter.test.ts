import { describe, expect, it } from 'vitest';
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { EventLog } from '../store/event-log';
import { EventView } from '../store/event-view';
import { NO_FILTER, compileFilter, isEmptyFilter, type EventFilter } from './event-filter';

let seq = 0;
function ev(extra: Partial<SessionEvent> & { name: string }): SessionEvent {
  return { seq: seq++, time: seq, conn: 1, vantage: 'client', data: {}, ...extra } as SessionEvent;
}

const conn = (id: number, protocol: string) => ({ id, protocol, label: `c${id}` }) as unknown as ConnectionInfo;

function session(): EventLog {
  seq = 0;
  const log = new EventLog();
  log.reset('s');
  log.append('s', [conn(1, 'h1'), conn(2, 'h2')], [
    ev({ name: 'app:note', conn: 0, data: { text: 'hello' } }),
    ev({ name: 'h1:head', stream: 1, dir: 'sent', data: { kind: 'request', method: 'GET', target: '/chunk', version: '1.1', headers: [], framing: 'none' } }),
    ev({ name: 'h1:chunk', stream: 1, vantage: 'server', dir: 'sent', data: { size: 4, sizeLine: '4', index: 1, extensions: [] } }),
    ev({ name: 'h2:frame', conn: 2, stream: 3, dir: 'received', data: { type: 'DATA', flags: [], length: 9, streamId: 3, dataLength: 9 } }),
    ev({ name: 'h2:frame', conn: 2, dir: 'sent', data: { type: 'SETTINGS', flags: [], length: 0, streamId: 0 } }),
    ev({ name: 'hpack:table_updated', conn: 2, stream: 3, vantage: 'server', dir: 'received', data: { entries: [] } }),
  ], 6);
  return log;
}

function pass(log: EventLog, patch: Partial<EventFilter>): string[] {
  const test = compileFilter({ ...NO_FILTER, ...patch }, { columns: log.columns, connections: log.connections, textAt: (i) => JSON.stringify(log.events[i]!.data) });
  return log.events.filter((_, i) => test(i)).map((e) => `${e.name}${e.name === 'h2:frame' ? ` ${(e.data as { type: string }).type}` : ''}`);
}

describe('compileFilter', () => {
  const log = session();
  it('knows an empty filter', () => {
    expect(isEmptyFilter(NO_FILTER)).toBe(true);
    expect(isEmptyFilter({ ...NO_FILTER, text: '  ' })).toBe(true);
    expect(isEmptyFilter({ ...NO_FILTER, stream: 0 })).toBe(false);
  });
  it('filters by protocol, keeping session-level notes', () => {
    expect(pass(log, { protocol: 'h1' })).toEqual(['app:note', 'h1:head', 'h1:chunk']);
    expect(pass(log, { protocol: 'h2' })).toEqual(['app:note', 'h2:frame DATA', 'h2:frame SETTINGS', 'hpack:table_updated']);
  });
  it('filters by connection and stream; stream 0 is the connection level', () => {
    expect(pass(log, { conn: 2, stream: 3 })).toEqual(['h2:frame DATA', 'hpack:table_updated']);
    expect(pass(log, { conn: 2, stream: 0 })).toEqual(['h2:frame SETTINGS']);
  });
  it('filters by frame type or whole event name', () => {
    expect(pass(log, { type: 'h2:frame DATA' })).toEqual(['h2:frame DATA']);
    expect(pass(log, { type: 'h2:frame' })).toEqual(['h2:frame DATA', 'h2:frame SETTINGS']);
    expect(pass(log, { type: 'h1:head' })).toEqual(['h1:head']);
  });
  it('filters by direction and vantage', () => {
    expect(pass(log, { dir: 'received' })).toEqual(['h2:frame DATA', 'hpack:table_updated']);
    expect(pass(log, { vantage: 'server' })).toEqual(['h1:chunk', 'hpack:table_updated']);
    expect(pass(log, { vantage: 'client', dir: 'sent' })).toEqual(['h1:head', 'h2:frame SETTINGS']);
  });
  it('searches names and summaries, ignoring case', () => {
    expect(pass(log, { text: 'CHUNK' })).toEqual(['h1:head', 'h1:chunk']);
    expect(pass(log, { text: 'hpack' })).toEqual(['hpack:table_updated']);
  });
});

describe('EventView', () => {
  it('keeps a list of passing indexes, incrementally, and cuts it at the replay cursor', () => {
    const log = session();
    const view = new EventView(log);
    view.sync({ ...NO_FILTER, conn: 2 }, () => '');
    expect(Array.from(view.list.subarray(0, view.length))).toEqual([3, 4, 5]);
    expect(view.drawMask?.[3]).toBe(1);
    expect(view.drawMask?.[1]).toBe(0);
    log.append('s', [], [ev({ name: 'h2:frame', conn: 2, stream: 5, data: { type: 'HEADERS' } })], 7);
    view.sync({ ...NO_FILTER, conn: 2 }, () => '');
    expect(view.length).toBe(4);
    // times are 1..7 here: at time 4.5, events 3 (t=4) pass, 4 (t=5) does not
    expect(view.upTo(4.5).length).toBe(1);
    expect(view.upTo(null).length).toBe(4);
    view.sync(NO_FILTER, () => '');
    expect(view.length).toBe(7);
    expect(view.drawMask).toBeNull();
  });
  it('cuts an out-of-order session by time, not by position', () => {
    seq = 0;
    const log = new EventLog();
    log.reset('s');
    log.append('s', [], [ev({ name: 'a:x', time: 5 }), ev({ name: 'a:x', time: 1 }), ev({ name: 'a:x', time: 3 })], 3);
    const view = new EventView(log);
    view.sync(NO_FILTER, () => '');
    const cut = view.upTo(3);
    expect(Array.from(cut.indices.subarray(0, cut.length))).toEqual([1, 2]);
  });
});
