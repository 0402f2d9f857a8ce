import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { EventColumns } from '../store/event-columns';
import { layoutLanes, rowKey } from './draw-lanes';
import { LaneIndex } from './lane-index';

function ev(seq: number, time: number, conn: number, stream?: number): SessionEvent {
  return { seq, time, conn, stream, vantage: 'client', name: 'h1:chunk', data: {} } as SessionEvent;
}

describe('LaneIndex', () => {
  it('puts events in session, connection and stream rows; stream 0 is the connection', () => {
    const c = new EventColumns();
    c.append([ev(0, 0, 0), ev(1, 1, 2), ev(2, 2, 2, 3), ev(3, 3, 1, 1), ev(4, 4, 2, 1), ev(5, 5, 2, 0)]);
    const index = new LaneIndex();
    index.sync(c);
    expect(index.session.count).toBe(1);
    expect(index.laneOrder).toEqual([1, 2]);
    expect(index.lanes.get(2)!.streamOrder).toEqual([1, 3]);
    expect(index.lanes.get(2)!.connRow.count).toBe(2);
    const layout = layoutLanes(index);
    expect(layout.rows.map((r) => r.type)).toEqual(['session', 'lane', 'conn', 'stream', 'lane', 'conn', 'stream', 'stream']);
    expect(layout.byKey.get(rowKey(2, 3))?.stream).toBe(3);
  });

  it('is incremental, and starts over after the columns are cleared', () => {
    const c = new EventColumns();
    const index = new LaneIndex();
    c.append([ev(0, 0, 1, 1)]);
    index.sync(c);
    c.append([ev(1, 1, 1, 1)]);
    index.sync(c);
    expect(index.lanes.get(1)!.streams.get(1)!.count).toBe(2);
    c.clear();
    c.append([ev(0, 0, 5, 1)]);
    index.sync(c);
    expect(index.laneOrder).toEqual([5]);
  });

  it('sorts a row whose events came out of time order, and finds ranges by binary search', () => {
    const c = new EventColumns();
    c.append([ev(0, 5, 1, 1), ev(1, 1, 1, 1), ev(2, 3, 1, 1), ev(3, 3, 1, 1)]);
    const index = new LaneIndex();
    index.sync(c);
    const row = index.lanes.get(1)!.streams.get(1)!;
    expect(row.sorted).toBe(false);
    index.ensureSorted(c);
    expect(Array.from(row.idx.subarray(0, 4))).toEqual([1, 2, 3, 0]);
    expect(row.lowerBound(c.time, 3)).toBe(1);
    expect(row.upperBound(c.time, 3)).toBe(3);
    expect(row.first[0]).toBe(1);
    expect(row.last[0]).toBe(5);
  });
});
