import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { EventColumns, FLAG_RECEIVED, FLAG_SENT, FLAG_SERVER, NO_STREAM, base64Length } from './event-columns';
import { EventLog } from './event-log';
import { Kind } from '../timeline/event-kind';

function ev(seq: number, extra: Partial<SessionEvent> = {}): SessionEvent {
  return { seq, time: seq, conn: 1, vantage: 'client', name: 'h1:chunk', data: { size: 1 }, ...extra } as SessionEvent;
}

describe('base64Length', () => {
  it('counts bytes without decoding, padding aware', () => {
    expect(base64Length('')).toBe(0);
    expect(base64Length(undefined)).toBe(0);
    expect(base64Length('QQ==')).toBe(1);
    expect(base64Length('QUI=')).toBe(2);
    expect(base64Length('QUJD')).toBe(3);
    expect(base64Length(btoa('x'.repeat(1000)))).toBe(1000);
  });
});

describe('EventColumns', () => {
  it('grows by doubling and keeps every value', () => {
    const c = new EventColumns();
    const start = c.capacity;
    for (let i = 0; i < start * 4 + 3; i++) c.push(ev(i, { stream: i % 3, raw: 'QUJD' }));
    expect(c.length).toBe(start * 4 + 3);
    expect(c.capacity).toBe(start * 8);
    expect(c.time[start * 4 + 2]).toBe(start * 4 + 2);
    expect(c.stream[5]).toBe(2);
    expect(c.bytes[7]).toBe(3);
  });

  it('keys HTTP/2 frames by type for the filters, again after clear()', () => {
    const c = new EventColumns();
    const frame = (seq: number, type: string) => ev(seq, { name: 'h2:frame', data: { type } } as Partial<SessionEvent>);
    for (const [i, type] of ['DATA', 'HEADERS', 'DATA', 'WINDOW_UPDATE'].entries()) c.push(frame(i, type));
    c.push(ev(4));
    expect([...c.typeId.subarray(0, 5)].map((id) => c.types[id])).toEqual(['h2:frame DATA', 'h2:frame HEADERS', 'h2:frame DATA', 'h2:frame WINDOW_UPDATE', 'h1:chunk']);
    c.clear();
    c.push(frame(0, 'HEADERS'));
    expect(c.types).toEqual(['h2:frame HEADERS']);
    expect(c.typeId[0]).toBe(0);
  });

  it('packs vantage and direction, interns names, classifies kinds', () => {
    const c = new EventColumns();
    c.push(ev(0, { vantage: 'server', dir: 'sent' }));
    c.push(ev(1, { dir: 'received', name: 'h1:head', data: { kind: 'request' } } as Partial<SessionEvent>));
    c.push(ev(2, { name: 'x:from_the_future', stream: undefined } as Partial<SessionEvent>));
    c.push(ev(3, { vantage: 'server', dir: 'sent' }));
    expect(c.flags[0]).toBe(FLAG_SERVER | FLAG_SENT);
    expect(c.flags[1]).toBe(FLAG_RECEIVED);
    expect(c.nameId[0]).toBe(c.nameId[3]);
    expect(c.nameOf(2)).toBe('x:from_the_future');
    expect(c.names).toHaveLength(3);
    expect(c.kind[0]).toBe(Kind.Data);
    expect(c.kind[1]).toBe(Kind.Head);
    expect(c.kind[2]).toBe(Kind.Other);
    expect(c.stream[2]).toBe(NO_STREAM);
  });

  it('tracks the time range and out-of-order times; damaged times become 0', () => {
    const c = new EventColumns();
    c.push(ev(0, { time: 5 }));
    c.push(ev(1, { time: 9 }));
    expect(c.timeOrdered).toBe(true);
    c.push(ev(2, { time: 3 }));
    c.push(ev(3, { time: Number.NaN }));
    expect(c.timeOrdered).toBe(false);
    expect([c.minTime, c.maxTime]).toEqual([0, 9]);
  });

  it('starts over on clear, with a new generation', () => {
    const c = new EventColumns();
    c.push(ev(0));
    const g = c.generation;
    c.clear();
    expect(c.length).toBe(0);
    expect(c.names).toHaveLength(0);
    expect(c.generation).toBe(g + 1);
  });

  it('stays index-aligned with the event log, which skips junk', () => {
    const log = new EventLog();
    log.reset('s');
    log.append('s', [], [ev(0), null as unknown as SessionEvent, ev(1, { time: 7 })], 3);
    expect(log.events).toHaveLength(2);
    expect(log.columns.length).toBe(2);
    expect(log.columns.time[1]).toBe(7);
  });

  it('appends a 20,000-event batch in well under 20 ms', () => {
    const batch: SessionEvent[] = [];
    const raw = btoa('x'.repeat(300));
    for (let i = 0; i < 20_000; i++) {
      batch.push(ev(i, { vantage: i % 2 ? 'server' : 'client', dir: i % 2 ? 'received' : 'sent', stream: i % 100, raw, name: i % 5 ? 'h2:frame' : 'h1:chunk', data: { type: 'DATA' } } as Partial<SessionEvent>));
    }
    const log = new EventLog();
    // warm up the JIT once, as a running app is
    log.reset('w');
    log.append('w', [], batch, batch.length);
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      log.reset('s');
      const t = performance.now();
      log.append('s', [], batch, batch.length);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    expect(log.columns.length).toBe(20_000);
    expect(times[2]).toBeLessThan(20);
  });
});
