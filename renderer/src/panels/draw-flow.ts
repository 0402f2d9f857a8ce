/**
 * Draws flow-control windows as water levels: a strip per window (connection first, then streams), the level
 * filled up to the window's value over time, blocked stretches (window 0) in red, WINDOW_UPDATEs as green
 * marks with their increment, a shared time axis, and the moment as a line. Draws through a Painter so it is
 * the same on canvas and in tests.
 */
import { NOW_COLOR, PALETTE } from '../timeline/draw-common';
import type { Painter } from '../timeline/painter';
import { chooseTicks, formatTick } from '../timeline/time-scale';
import { blockedSpans, windowAt, type FlowSeries } from './flow-series';

/** Height of one strip and the gap under it. */
export const STRIP_H = 40;
const GAP = 8;
/** Width of the label column. */
export const FLOW_LABEL_W = 150;
/** Height of the time axis under the strips. */
export const AXIS_H = 22;

const WATER = { receive: '#8fbbef', send: '#f5c28e' } as const;
const EDGE = { receive: '#1b5fbf', send: '#a24a00' } as const;
const BLOCKED = '#c62828';
const UPDATE = '#1f7a3a';

/** What to draw. */
export interface FlowDrawInput {
  readonly series: readonly FlowSeries[];
  readonly width: number;
  readonly start: number;
  readonly end: number;
  /** The moment (Infinity: none). */
  readonly moment: number;
  /** While replaying, nothing after the moment is drawn; otherwise it is veiled. */
  readonly replaying: boolean;
}

/** The drawing's height for `n` strips. */
export function flowHeight(n: number): number {
  return n * (STRIP_H + GAP) + AXIS_H + 4;
}

/** A compact number: 65535 → "65,535". */
function n(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** Draws the chart. */
export function drawFlow(p: Painter, input: FlowDrawInput): void {
  const { series, width, start, moment, replaying } = input;
  const end = Math.max(input.end, start + 1e-3);
  const left = FLOW_LABEL_W;
  const plotW = Math.max(10, width - left - 10);
  const x = (t: number) => left + ((t - start) / (end - start)) * plotW;
  const height = flowHeight(series.length);
  const cut = replaying ? moment : Infinity;
  p.fillRect(0, 0, width, height, PALETTE.bg);
  series.forEach((s, k) => {
    const top = k * (STRIP_H + GAP) + 2;
    const bottom = top + STRIP_H;
    const scale = s.max > 0 ? (STRIP_H - 4) / s.max : 0;
    const y = (w: number) => bottom - Math.max(0, w) * scale;
    p.fillRect(left, top, plotW, STRIP_H, '#f6f7f9');
    // blocked stretches first, under the water
    for (const b of blockedSpans(s, Math.min(end, cut))) {
      const x1 = x(b.from);
      const x2 = x(Math.min(b.to, cut));
      if (x2 <= x1) continue;
      p.fillRect(x1, top, Math.max(1, x2 - x1), STRIP_H, '#fbe3e1');
      p.fillRect(x1, bottom - 3, Math.max(1, x2 - x1), 3, BLOCKED);
    }
    // the water: a step area
    const last = Math.min(end, cut);
    for (let j = 0; j < s.times.length; j++) {
      const t0 = j === 0 ? start : s.times[j]!;
      if (t0 > last) break;
      const t1 = Math.min(last, j + 1 < s.times.length ? s.times[j + 1]! : end);
      const w = s.windows[j]!;
      const x1 = x(t0);
      const x2 = x(t1);
      if (w > 0 && x2 > x1) p.fillRect(x1, y(w), x2 - x1, bottom - y(w), WATER[s.side]);
      if (x2 >= x1) p.line(x1, y(w) + 0.5, x2, y(w) + 0.5, EDGE[s.side], 1.5);
      if (j + 1 < s.times.length && s.times[j + 1]! <= last) p.line(x2, y(w), x2, y(s.windows[j + 1]!), EDGE[s.side], 1);
    }
    // WINDOW_UPDATEs: a green tick down from the top, the increment beside it when there is room
    let labelEnd = -Infinity;
    for (const u of s.updates) {
      if (u.time > cut) break;
      const ux = Math.round(x(u.time)) + 0.5;
      p.polygon([ux - 4, top, ux + 4, top, ux, top + 6], UPDATE);
      p.line(ux, top, ux, bottom, UPDATE, 1, [2, 2]);
      const text = `+${n(u.delta)}`;
      const style = { size: 10, color: UPDATE, bold: true } as const;
      const w = p.measure(text, style);
      if (ux + 3 > labelEnd + 4 && ux + 3 + w < left + plotW) {
        p.text(ux + 3, top + 9, text, style);
        labelEnd = ux + 3 + w;
      }
    }
    p.strokeRect(left + 0.5, top + 0.5, plotW - 1, STRIP_H - 1, PALETTE.border, 1);
    // labels: which window, and its value at the moment
    const at = windowAt(s, moment === Infinity ? end : moment);
    p.text(8, top + 11, s.stream === 0 ? 'connection' : `stream ${s.stream}`, { size: 12, color: PALETTE.text, bold: true });
    p.text(8, top + 28, `${s.vantage} ${s.side}`, { size: 10.5, color: s.vantage === 'server' ? PALETTE.server : PALETTE.client });
    const valueStyle = { size: 11, color: at <= 0 ? BLOCKED : PALETTE.text, bold: true, align: 'right', mono: true } as const;
    p.text(left - 8, top + 28, at <= 0 ? 'blocked' : n(at), valueStyle);
  });
  // time axis
  const axisTop = series.length * (STRIP_H + GAP) + 2;
  const ticks = chooseTicks({ t0: start, msPerPx: (end - start) / plotW }, plotW, 70);
  p.line(left, axisTop + 0.5, left + plotW, axisTop + 0.5, PALETTE.border, 1);
  for (const t of ticks.times) {
    const tx = Math.round(x(t)) + 0.5;
    p.line(tx, axisTop, tx, axisTop + 4, PALETTE.muted, 1);
    const label = formatTick(t, ticks);
    if (tx + 2 + p.measure(label, { size: 10.5, color: PALETTE.muted, mono: true }) < width) p.text(tx + 2, axisTop + 12, label, { size: 10.5, color: PALETTE.muted, mono: true });
  }
  // the moment
  if (moment !== Infinity) {
    const mx = Math.round(x(Math.min(end, moment))) + 0.5;
    if (!replaying && mx < left + plotW) p.fillRect(mx, 0, left + plotW - mx, axisTop, 'rgba(255,255,255,0.55)');
    p.line(mx, 0, mx, axisTop + 4, replaying ? NOW_COLOR : PALETTE.select, replaying ? 2 : 1.5, replaying ? undefined : [4, 3]);
  }
}
