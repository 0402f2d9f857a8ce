/**
 * Flow-control windows as step series over time, from `h2:flow_window` events: one series per vantage, side
 * (send / receive) and scope (the connection, or a stream), with the WINDOW_UPDATE moments (window grew) and
 * the blocked stretches (window at or below zero). Pure: reads event objects by index.
 */
import type { H2FlowWindowData, SessionEvent } from '../../../shared/events';

/** One window over time. */
export interface FlowSeries {
  /** e.g. "client/receive/0" (stream 0 = the connection window). */
  readonly key: string;
  readonly vantage: 'client' | 'server';
  readonly side: 'send' | 'receive';
  /** 0 for the connection window. */
  readonly stream: number;
  /** Times (ms) and windows after each change; the first point is the window before the first change. */
  readonly times: number[];
  readonly windows: number[];
  /** Times at which the window grew (WINDOW_UPDATE sent or received, or SETTINGS), and by how much. */
  readonly updates: { readonly time: number; readonly delta: number }[];
  /** Largest window seen (the chart's scale). */
  readonly max: number;
}

/** Blocked stretches [from, to) of a series: where the window is at or below zero; `end` closes an open one. */
export function blockedSpans(series: FlowSeries, end: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from: number | null = null;
  for (let k = 0; k < series.times.length; k++) {
    const blocked = series.windows[k]! <= 0;
    if (blocked && from === null) from = series.times[k]!;
    if (!blocked && from !== null) {
      out.push({ from, to: series.times[k]! });
      from = null;
    }
  }
  if (from !== null && end > from) out.push({ from, to: end });
  return out;
}

/** The window of `series` at time t (its value after the last change at or before t). */
export function windowAt(series: FlowSeries, t: number): number {
  let w = series.windows[0]!;
  for (let k = 0; k < series.times.length && series.times[k]! <= t; k++) w = series.windows[k]!;
  return w;
}

/**
 * The series of connection `conn` from the `h2:flow_window` events listed in `list` (log indexes): the
 * connection windows first, then streams ascending; client before server, receive before send.
 */
export function buildFlowSeries(events: readonly SessionEvent[], list: Int32Array, length: number, conn: number): FlowSeries[] {
  const byKey = new Map<string, FlowSeries>();
  for (let p = 0; p < length; p++) {
    const e = events[list[p]!];
    if (!e || e.conn !== conn) continue;
    const d = e.data as Partial<H2FlowWindowData> | null;
    if (!d || typeof d.window !== 'number' || (d.side !== 'send' && d.side !== 'receive')) continue;
    const stream = d.scope === 'connection' ? 0 : typeof e.stream === 'number' ? e.stream : 0;
    const vantage = e.vantage === 'server' ? 'server' : 'client';
    const key = `${vantage}/${d.side}/${stream}`;
    const delta = typeof d.delta === 'number' ? d.delta : 0;
    let s = byKey.get(key) as (FlowSeries & { max: number }) | undefined;
    if (!s) {
      const before = d.window - delta;
      s = { key, vantage, side: d.side, stream, times: [e.time], windows: [before], updates: [], max: Math.max(0, before) };
      byKey.set(key, s);
    }
    s.times.push(e.time);
    s.windows.push(d.window);
    if (d.window > s.max) s.max = d.window;
    if (delta > 0) s.updates.push({ time: e.time, delta });
  }
  const rank = (s: FlowSeries) => (s.vantage === 'server' ? 2 : 0) + (s.side === 'send' ? 1 : 0);
  return [...byKey.values()].sort((a, b) => a.stream - b.stream || rank(a) - rank(b));
}
