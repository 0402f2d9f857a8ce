/**
 * What the event list and the timeline show of the log: the events that pass the filter (a mask and a list of
 * indexes, built incrementally as events arrive) and, while replaying, only those at or before the replay
 * cursor. Lives outside React state like the log itself; rebuilt only when the filter or the session changes.
 */
import { compileFilter, filterKey, isEmptyFilter, type EventFilter } from '../filter/event-filter';
import type { EventLog } from './event-log';

/** A list of event indexes: the first `length` slots of `indices`. */
export interface IndexList {
  readonly indices: Int32Array;
  readonly length: number;
}

/** The filtered view of one event log. */
export class EventView {
  /** 1 where event i passes the filter (only meaningful while `filtered`). */
  mask = new Uint8Array(1024);
  /** Indexes of the events that pass, in log order. */
  list = new Int32Array(1024);
  length = 0;
  /** True while a filter is set. */
  filtered = false;
  /** Bumped whenever the list is rebuilt (not when it grows). */
  version = 0;

  private processed = 0;
  private generation = -1;
  private key = '';
  private test: ((i: number) => boolean) | null = null;
  private cache: { now: number; length: number; version: number; out: IndexList } | null = null;

  constructor(readonly log: EventLog) {}

  /** Brings the view up to date with the log and `filter`; `textAt` gives event i's searchable summary. */
  sync(filter: EventFilter, textAt: (i: number) => string): void {
    const columns = this.log.columns;
    const key = filterKey(filter);
    if (key !== this.key || columns.generation !== this.generation || columns.length < this.processed) {
      this.key = key;
      this.generation = columns.generation;
      this.processed = 0;
      this.length = 0;
      this.version++;
      this.filtered = !isEmptyFilter(filter);
      this.test = this.filtered ? compileFilter(filter, { columns, connections: this.log.connections, textAt }) : null;
    }
    const n = columns.length;
    if (n === this.processed) return;
    if (n > this.list.length) {
      let cap = this.list.length;
      while (cap < n) cap *= 2;
      const list = new Int32Array(cap);
      list.set(this.list.subarray(0, this.length));
      this.list = list;
      const mask = new Uint8Array(cap);
      mask.set(this.mask.subarray(0, this.processed));
      this.mask = mask;
    }
    const test = this.test;
    for (let i = this.processed; i < n; i++) {
      const pass = test === null || test(i);
      this.mask[i] = pass ? 1 : 0;
      if (pass) this.list[this.length++] = i;
    }
    this.processed = n;
  }

  /** The mask for drawing, or null when nothing is filtered out. */
  get drawMask(): Uint8Array | null {
    return this.filtered ? this.mask : null;
  }

  /**
   * The listed events at or before `now` (all of them when `now` is null). A prefix of the list when the
   * session's times are in order (binary search); a filtered copy otherwise, cached for the same `now`.
   */
  upTo(now: number | null): IndexList {
    const all: IndexList = { indices: this.list, length: this.length };
    if (now === null) return all;
    const time = this.log.columns.time;
    if (this.log.columns.timeOrdered) return { indices: this.list, length: upperBoundTime(time, this.list, this.length, now) };
    const c = this.cache;
    if (c && c.now === now && c.length === this.length && c.version === this.version) return c.out;
    const out = new Int32Array(this.length);
    let k = 0;
    for (let p = 0; p < this.length; p++) {
      const i = this.list[p]!;
      if (time[i]! <= now) out[k++] = i;
    }
    const result = { indices: out, length: k };
    this.cache = { now, length: this.length, version: this.version, out: result };
    return result;
  }
}

/** The number of leading `list` entries (time-ordered) whose time is <= t. */
export function upperBoundTime(time: Float64Array, list: Int32Array, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[list[mid]!]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
