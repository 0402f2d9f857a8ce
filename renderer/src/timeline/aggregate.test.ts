import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { EventColumns } from '../store/event-columns';
import { Bins, binRow, markHeight } from './aggregate';
import { LaneIndex } from './lane-index';

function ev(seq: number, time: number, extra: Record<string, unknown> = {}): SessionEvent {
  return { seq, time, conn: 1, stream: 1, vantage: 'client', name: 'h1:chunk', data: {}, ...extra } as SessionEvent;
}

function rowOf(events: SessionEvent[]) {
  const c = new EventColumns();
  c.append(events);
  const index = new LaneIndex();
  index.sync(c);
  index.ensureSorted(c);
  return { c, row: index.lanes.get(1)!.streams.get(1)! };
}

describe('binRow', () => {
  it('puts each event in its own bin when zoomed in', () => {
    const { c, row } = rowOf([ev(0, 0), ev(1, 10), ev(2, 20)]);
    const bins = new Bins();
    binRow(c, row, { t0: 0, msPerPx: 1 }, 100, bins);
    expect(bins.length).toBe(3);
    expect(Array.from(bins.col.subarray(0, 3))).toEqual([0, 10, 20]);
  });

  it('aggregates one bin per pixel column and vantage, represented by the largest event', () => {
    const events = [
      ev(0, 0.1, { raw: 'QQ==' }),
      ev(1, 0.2, { raw: 'QUJD' }),
      ev(2, 0.3, { vantage: 'server', raw: 'QQ==' }),
      ev(3, 1.5, { raw: 'QQ==' }),
    ];
    const { c, row } = rowOf(events);
    const bins = new Bins();
    const visited = binRow(c, row, { t0: 0, msPerPx: 1 }, 100, bins);
    expect(visited).toBe(4);
    const got = Array.from({ length: bins.length }, (_, k) => [bins.col[k], bins.side[k], bins.rep[k], bins.count[k]]);
    expect(got).toContainEqual([0, 0, 1, 2]);
    expect(got).toContainEqual([0, 1, 2, 1]);
    expect(got).toContainEqual([1, 0, 3, 1]);
    expect(bins.length).toBe(3);
  });

  it('lets an error represent its bin whatever the bytes', () => {
    const { c, row } = rowOf([ev(0, 0.1, { raw: 'QUJDREVG' }), ev(1, 0.2, { name: 'h1:error' })]);
    const bins = new Bins();
    binRow(c, row, { t0: 0, msPerPx: 1 }, 100, bins);
    expect(bins.rep[0]).toBe(1);
  });

  it('lets the selected event represent its bin', () => {
    const { c, row } = rowOf([ev(0, 0.1, { raw: 'QUJDREVG' }), ev(1, 0.2, { name: 'h1:error' }), ev(2, 0.3)]);
    const bins = new Bins();
    binRow(c, row, { t0: 0, msPerPx: 1 }, 100, bins, 4, 2);
    expect(bins.rep[0]).toBe(2);
    expect(bins.count[0]).toBe(3);
  });

  it('visits only the visible part', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ev(i, i));
    const { c, row } = rowOf(events);
    const bins = new Bins();
    const visited = binRow(c, row, { t0: 500, msPerPx: 1 }, 10, bins, 0);
    expect(visited).toBe(11);
    expect(bins.length).toBe(11);
  });

  it('bins a million events on one stream into at most a bin per pixel', () => {
    const c = new EventColumns();
    const n = 1_000_000;
    c.reserve(n);
    const e = ev(0, 0);
    for (let i = 0; i < n; i++) c.push({ ...e, seq: i, time: i * 0.01 } as SessionEvent);
    const index = new LaneIndex();
    index.sync(c);
    const row = index.lanes.get(1)!.streams.get(1)!;
    const bins = new Bins();
    binRow(c, row, { t0: 0, msPerPx: 10 }, 1000, bins);
    expect(bins.length).toBeLessThanOrEqual(1001);
    let sum = 0;
    for (let k = 0; k < bins.length; k++) sum += bins.count[k]!;
    expect(sum).toBe(n);
  });

  it('sizes marks by the log of bytes', () => {
    expect(markHeight(0, 5, 16)).toBe(5);
    expect(markHeight(13, 5, 16)).toBeGreaterThan(5);
    expect(markHeight(1 << 20, 5, 16)).toBe(16);
    expect(markHeight(100, 5, 16)).toBeLessThan(markHeight(10_000, 5, 16));
  });
});
