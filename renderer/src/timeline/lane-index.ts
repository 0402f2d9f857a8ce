/**
 * Which events go in which timeline row, built incrementally from the event columns: a row per (connection,
 * stream), a connection-level row per connection (events without a stream, and HTTP/2 stream 0), and a
 * session row (conn 0). Each row keeps its event indexes sorted by time so that the visible part is found by
 * binary search. Events that arrive out of time order mark the row unsorted; it is sorted once, lazily.
 */
import { FLAG_SERVER, NO_STREAM, type EventColumns } from '../store/event-columns';

const INITIAL = 16;

/** The event indexes of one row, sorted by time (after ensureSorted). */
export class RowEvents {
  idx = new Int32Array(INITIAL);
  count = 0;
  /** Largest time appended so far. */
  lastTime = -Infinity;
  sorted = true;
  /** Earliest and latest time per side (0 client, 1 server); Infinity / -Infinity while none. */
  readonly first = [Infinity, Infinity];
  readonly last = [-Infinity, -Infinity];

  /** Appends event `i` at time `t`, seen by `side` (0 client, 1 server). */
  push(i: number, t: number, side = 0): void {
    if (t < this.first[side]!) this.first[side] = t;
    if (t > this.last[side]!) this.last[side] = t;
    if (this.count === this.idx.length) {
      const next = new Int32Array(this.idx.length * 2);
      next.set(this.idx);
      this.idx = next;
    }
    this.idx[this.count++] = i;
    if (t < this.lastTime) this.sorted = false;
    else this.lastTime = t;
  }

  /** Sorts by time (then arrival) when an out-of-order event came in. */
  ensureSorted(time: Float64Array): void {
    if (this.sorted) return;
    const view = Array.from(this.idx.subarray(0, this.count));
    view.sort((a, b) => time[a]! - time[b]! || a - b);
    this.idx.set(view);
    this.sorted = true;
  }

  /** The first position whose time is >= t (count when none). Call ensureSorted first. */
  lowerBound(time: Float64Array, t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[this.idx[mid]!]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position whose time is > t (count when none). Call ensureSorted first. */
  upperBound(time: Float64Array, t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[this.idx[mid]!]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** One connection's rows. */
export interface Lane {
  readonly conn: number;
  /** Events without a stream (tcp, tls, HTTP/2 stream 0). */
  readonly connRow: RowEvents;
  readonly streams: Map<number, RowEvents>;
  /** Stream ids in ascending order. */
  streamOrder: number[];
}

/** Rows of the whole session, kept in step with an EventColumns. */
export class LaneIndex {
  /** conn 0: notes and other session-level events. */
  session = new RowEvents();
  readonly lanes = new Map<number, Lane>();
  /** Connection ids in ascending order. */
  laneOrder: number[] = [];
  /** How many events of the columns are indexed. */
  processed = 0;
  /** Bumped whenever rows were added (the layout changes). */
  shape = 0;
  private generation = -1;

  /** Indexes the events appended since the last call (starting over after the columns were cleared). */
  sync(columns: EventColumns): void {
    if (columns.generation !== this.generation || columns.length < this.processed) {
      this.generation = columns.generation;
      this.session = new RowEvents();
      this.lanes.clear();
      this.laneOrder = [];
      this.processed = 0;
      this.shape++;
    }
    const { time, conn, stream, flags } = columns;
    for (let i = this.processed; i < columns.length; i++) {
      this.rowFor(conn[i]!, stream[i]!).push(i, time[i]!, flags[i]! & FLAG_SERVER);
    }
    this.processed = columns.length;
  }

  /** Sorts every row that needs it. */
  ensureSorted(columns: EventColumns): void {
    this.session.ensureSorted(columns.time);
    for (const lane of this.lanes.values()) {
      lane.connRow.ensureSorted(columns.time);
      for (const row of lane.streams.values()) row.ensureSorted(columns.time);
    }
  }

  private rowFor(c: number, s: number): RowEvents {
    if (c === 0) return this.session;
    let lane = this.lanes.get(c);
    if (!lane) {
      lane = { conn: c, connRow: new RowEvents(), streams: new Map(), streamOrder: [] };
      this.lanes.set(c, lane);
      this.laneOrder.push(c);
      if (this.laneOrder.length > 1 && this.laneOrder[this.laneOrder.length - 2]! > c) this.laneOrder.sort((a, b) => a - b);
      this.shape++;
    }
    if (s === NO_STREAM || s === 0) return lane.connRow;
    let row = lane.streams.get(s);
    if (!row) {
      row = new RowEvents();
      lane.streams.set(s, row);
      lane.streamOrder.push(s);
      if (lane.streamOrder.length > 1 && lane.streamOrder[lane.streamOrder.length - 2]! > s) lane.streamOrder.sort((a, b) => a - b);
      this.shape++;
    }
    return row;
  }
}
