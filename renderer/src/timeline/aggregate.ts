/**
 * Binning a row's visible events into pixel columns, per vantage (client / server): when zoomed out, many
 * events fall into one column and only one mark is drawn for them, sized by the largest and coloured by that
 * event's kind (an error in the column wins, so errors never hide). When zoomed in, each event is a bin of its
 * own, so one code path draws both. Cost: one pass over the visible events, no allocation per event.
 */
import { FLAG_SERVER, type EventColumns } from '../store/event-columns';
import { Kind } from './event-kind';
import type { RowEvents } from './lane-index';
import type { TimeView } from './time-scale';

/** Reusable output of binRow: `length` bins, each a pixel column of one vantage. */
export class Bins {
  length = 0;
  /** Pixel column (floor of the time's px), relative to the plot's left edge. */
  col = new Int32Array(256);
  /** 0 client, 1 server. */
  side = new Uint8Array(256);
  /** Index (in the columns) of the event drawn for the bin: the largest, or an error. */
  rep = new Int32Array(256);
  /** Number of events in the bin. */
  count = new Int32Array(256);

  /** Starts over (keeps the arrays). */
  reset(): void {
    this.length = 0;
  }

  /** Adds a bin. */
  add(col: number, side: number, rep: number, count: number): void {
    if (this.length === this.col.length) {
      const n = this.length * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(n);
        b.set(a);
        return b;
      };
      this.col = grow(this.col);
      this.side = grow(this.side);
      this.rep = grow(this.rep);
      this.count = grow(this.count);
    }
    const k = this.length++;
    this.col[k] = col;
    this.side[k] = side;
    this.rep[k] = rep;
    this.count[k] = count;
  }
}

/** True when event `a` should represent a bin rather than the current representative `b`. */
function better(columns: EventColumns, a: number, b: number, prefer: number): boolean {
  if (a === prefer) return true;
  if (b === prefer) return false;
  const ea = columns.kind[a] === Kind.Error;
  const eb = columns.kind[b] === Kind.Error;
  if (ea !== eb) return ea;
  return columns.bytes[a]! > columns.bytes[b]!;
}

/**
 * Bins the events of `row` that lie in [view.t0 - margin, view.t0 + widthPx * msPerPx + margin] into `out`
 * (appending). `margin` (in px) keeps marks whose centre is just outside the plot. The row must be sorted.
 * `prefer` (the selected event) represents its bin whatever its size, so a selection is always drawn.
 * Events after `now` (the replay cursor) and events whose `mask` slot is 0 (filtered out) are skipped.
 * Returns the number of events visited.
 */
export function binRow(
  columns: EventColumns,
  row: RowEvents,
  view: TimeView,
  widthPx: number,
  out: Bins,
  marginPx = 4,
  prefer = -1,
  now = Infinity,
  mask: Uint8Array | null = null,
): number {
  const { time, flags } = columns;
  const t0 = view.t0 - marginPx * view.msPerPx;
  const t1 = Math.min(now, view.t0 + (widthPx + marginPx) * view.msPerPx);
  const from = row.lowerBound(time, t0);
  const to = row.upperBound(time, t1);
  const idx = row.idx;
  const inv = 1 / view.msPerPx;
  // current bin per side: column, representative, count
  let c0 = NaN;
  let r0 = -1;
  let n0 = 0;
  let c1 = NaN;
  let r1 = -1;
  let n1 = 0;
  for (let p = from; p < to; p++) {
    const i = idx[p]!;
    if (mask !== null && mask[i] === 0) continue;
    const col = Math.floor((time[i]! - view.t0) * inv);
    if ((flags[i]! & FLAG_SERVER) === 0) {
      if (col === c0) {
        n0++;
        if (better(columns, i, r0, prefer)) r0 = i;
      } else {
        if (n0 > 0) out.add(c0, 0, r0, n0);
        c0 = col;
        r0 = i;
        n0 = 1;
      }
    } else if (col === c1) {
      n1++;
      if (better(columns, i, r1, prefer)) r1 = i;
    } else {
      if (n1 > 0) out.add(c1, 1, r1, n1);
      c1 = col;
      r1 = i;
      n1 = 1;
    }
  }
  if (n0 > 0) out.add(c0, 0, r0, n0);
  if (n1 > 0) out.add(c1, 1, r1, n1);
  return to - from;
}

/** Mark height in px for a byte count: grows with log2 of the bytes, from `min` (no bytes) to `max`. */
export function markHeight(bytes: number, min: number, max: number): number {
  if (!(bytes > 0)) return min;
  // 1 B → a bit over min, 64 KiB and up → max
  const f = Math.min(1, Math.log2(bytes + 1) / 16);
  return Math.round(min + (max - min) * f);
}
