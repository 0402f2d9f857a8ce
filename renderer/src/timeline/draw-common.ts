/**
 * What both timeline layouts share: the palette, the input of a draw, the hit list that maps pixels back to
 * events, short labels (cached per event) and the time rulers (across for lanes, down for the sequence).
 */
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { summarizeEvent } from '../../../shared/event-summary';
import type { EventColumns } from '../store/event-columns';
import { shortLabel } from './event-kind';
import type { Painter } from './painter';
import { chooseTicks, formatDuration, formatTick, timeToPx, type TimeView } from './time-scale';

/** Colours of the timeline, matching the event list (styles/base.css). */
export const PALETTE = {
  bg: '#ffffff',
  text: '#1d2127',
  muted: '#5e6670',
  grid: '#e6e8eb',
  rulerBg: '#fafaf8',
  border: '#d6d8dc',
  client: '#1b5fbf',
  clientTint: '#eef4fd',
  server: '#a24a00',
  serverTint: '#fdf3e9',
  sessionTint: '#f3f3f0',
  laneHead: '#eceef1',
  select: '#b98900',
  selectBg: '#ffe48a',
  hover: '#1d2127',
} as const;

/** Everything a layout needs to draw one frame. */
export interface DrawInput {
  readonly painter: Painter;
  /** Size of the drawing in CSS px. */
  readonly width: number;
  readonly height: number;
  readonly columns: EventColumns;
  /** The event objects, index-aligned with `columns` (read only for labels of what is drawn). */
  readonly events: readonly SessionEvent[];
  readonly connections: ReadonlyMap<number, ConnectionInfo>;
  /** Column index of the selected event, or -1. */
  readonly selected: number;
  /** Column index of the event under the pointer, or -1. */
  readonly hovered: number;
  /** 1 where an event passes the filter; null when nothing is filtered out. */
  readonly mask: Uint8Array | null;
  /** The replay cursor: events after it are not drawn (Infinity when not replaying). */
  readonly now: number;
}

/** Colour of the replay cursor. */
export const NOW_COLOR = '#d81b60';

/**
 * Pixels that lead back to events: each hit is a segment (a mark's vertical extent, or an arrow) with the
 * event at its start (`a`) and, for arrows, the event at its end (`b`). Filled while drawing, so only what is
 * drawn can be hit.
 */
export class HitList {
  length = 0;
  private data = new Float64Array(7 * 1024);

  /** Forgets all hits. */
  reset(): void {
    this.length = 0;
  }

  /** Adds a segment hit; `count` is how many events the mark stands for. */
  add(x1: number, y1: number, x2: number, y2: number, a: number, b: number, count: number): void {
    if ((this.length + 1) * 7 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const o = this.length++ * 7;
    const d = this.data;
    d[o] = x1;
    d[o + 1] = y1;
    d[o + 2] = x2;
    d[o + 3] = y2;
    d[o + 4] = a;
    d[o + 5] = b;
    d[o + 6] = count;
  }

  /**
   * The event nearest to (x, y) within `tolerance` px, and how many events its mark stands for. On an arrow,
   * the end nearer to the point wins.
   */
  find(x: number, y: number, tolerance = 6): { index: number; count: number } | null {
    const d = this.data;
    let best = -1;
    let bestDist = tolerance * tolerance;
    let bestT = 0;
    for (let k = 0; k < this.length; k++) {
      const o = k * 7;
      const x1 = d[o]!;
      const y1 = d[o + 1]!;
      const dx = d[o + 2]! - x1;
      const dy = d[o + 3]! - y1;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
      const ex = x1 + t * dx - x;
      const ey = y1 + t * dy - y;
      const dist = ex * ex + ey * ey;
      if (dist <= bestDist) {
        bestDist = dist;
        best = k;
        bestT = t;
      }
    }
    if (best < 0) return null;
    const o = best * 7;
    const a = d[o + 4]!;
    const b = d[o + 5]!;
    const index = b >= 0 && (a < 0 || bestT > 0.5) ? b : a;
    return index >= 0 ? { index, count: d[o + 6]! } : null;
  }
}

const labels = new WeakMap<SessionEvent, string>();

/** The short label of an event (cached). */
export function labelOf(event: SessionEvent | undefined): string {
  if (!event) return '';
  let s = labels.get(event);
  if (s === undefined) {
    s = shortLabel(event, () => summarizeEvent(event));
    labels.set(event, s);
  }
  return s;
}

/** Height of the time ruler across the top of the lanes layout. */
export const RULER_SIZE = 26;

/** Draws the ruler across the top from x = `left` to the right edge, and faint grid lines down to `bottom`. */
export function drawRulerAcross(p: Painter, view: TimeView, left: number, width: number, bottom: number): void {
  const plot = width - left;
  const ticks = chooseTicks(view, plot, 90);
  p.fillRect(0, 0, width, RULER_SIZE, PALETTE.rulerBg);
  p.line(0, RULER_SIZE - 0.5, width, RULER_SIZE - 0.5, PALETTE.border, 1);
  p.clip(left, 0, plot, bottom);
  for (const t of ticks.times) {
    const x = Math.round(left + timeToPx(view, t)) + 0.5;
    p.line(x, RULER_SIZE, x, bottom, PALETTE.grid, 1);
    p.line(x, RULER_SIZE - 7, x, RULER_SIZE - 1, PALETTE.muted, 1);
    const label = formatTick(t, ticks);
    const style = { size: 11, color: PALETTE.text, mono: true } as const;
    if (x + 3 + p.measure(label, style) <= width - 2) p.text(x + 3, 9, label, style);
  }
  p.unclip();
  p.fillRect(0, 0, left - 1, RULER_SIZE - 1, PALETTE.rulerBg);
  p.clip(0, 0, left - 4, RULER_SIZE);
  p.text(8, 9, `time →  grid ${formatDuration(ticks.step)}`, { size: 11, color: PALETTE.muted });
  p.unclip();
}

/** Width of the time ruler down the left of the sequence layout. */
export const RULER_DOWN_WIDTH = 92;

/** Draws the ruler down the left from y = `top` to the bottom, and faint grid lines across to `right`. */
export function drawRulerDown(p: Painter, view: TimeView, top: number, height: number, right: number): void {
  const plot = height - top;
  const ticks = chooseTicks(view, plot, 48);
  p.fillRect(0, top, RULER_DOWN_WIDTH, plot, PALETTE.rulerBg);
  p.line(RULER_DOWN_WIDTH - 0.5, top, RULER_DOWN_WIDTH - 0.5, height, PALETTE.border, 1);
  p.clip(0, top, right, plot);
  for (const t of ticks.times) {
    const y = Math.round(top + timeToPx(view, t)) + 0.5;
    p.line(RULER_DOWN_WIDTH, y, right, y, PALETTE.grid, 1);
    p.line(RULER_DOWN_WIDTH - 7, y, RULER_DOWN_WIDTH - 1, y, PALETTE.muted, 1);
    p.text(RULER_DOWN_WIDTH - 10, y, formatTick(t, ticks), { size: 11, color: PALETTE.text, mono: true, align: 'right' });
  }
  p.unclip();
}
