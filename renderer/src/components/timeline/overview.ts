/**
 * The overview strip's pure parts: how many events fall in each pixel column of the whole session, and where
 * the timeline's view sits on that scale.
 */
import type { EventColumns } from '../../store/event-columns';
import type { TimeView } from '../../timeline/time-scale';

/** Per-pixel event counts over [t0, t1], client and server apart. */
export interface Density {
  readonly t0: number;
  readonly t1: number;
  readonly client: Uint32Array;
  readonly server: Uint32Array;
  readonly max: number;
}

/** Bins every event's time into `width` columns over the session's time range (one pass over the columns). */
export function density(columns: EventColumns, width: number, serverFlag: number): Density {
  const w = Math.max(1, Math.floor(width));
  const client = new Uint32Array(w);
  const server = new Uint32Array(w);
  const t0 = Number.isFinite(columns.minTime) ? Math.min(0, columns.minTime) : 0;
  const t1 = Number.isFinite(columns.maxTime) ? Math.max(columns.maxTime, t0 + 1) : t0 + 1;
  const scale = w / (t1 - t0);
  let max = 0;
  for (let i = 0; i < columns.length; i++) {
    const x = Math.min(w - 1, Math.max(0, Math.floor((columns.time[i]! - t0) * scale)));
    const bins = (columns.flags[i]! & serverFlag) !== 0 ? server : client;
    const n = ++bins[x]!;
    if (n > max) max = n;
  }
  return { t0, t1, client, server, max };
}

/** The view's span [start, end] in ms for an axis of `axisPx` pixels. */
export function viewSpan(view: TimeView, axisPx: number): { start: number; end: number } {
  return { start: view.t0, end: view.t0 + view.msPerPx * axisPx };
}

/** A view of the same zoom centred on `centerMs`. */
export function viewCenteredAt(view: TimeView, axisPx: number, centerMs: number): TimeView {
  return { t0: centerMs - (view.msPerPx * axisPx) / 2, msPerPx: view.msPerPx };
}
