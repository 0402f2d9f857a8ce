/**
 * Time-scale math of the timeline, pure: which session time sits at which pixel, zooming around a point,
 * fitting a range, and choosing ruler ticks (1-2-5 steps) with labels in s, ms or µs as the zoom asks.
 *
 * The same math serves the lanes layout (time runs to the right) and the sequence layout (time runs down):
 * `px` is simply the distance along the time axis from the start of the plot.
 */

/** What part of the session clock is shown: the time at px 0 and how many ms one CSS pixel spans. */
export interface TimeView {
  readonly t0: number;
  readonly msPerPx: number;
}

/** The closest zoom: 10 ns per pixel (so 1 µs spans 100 px). */
export const MIN_MS_PER_PX = 1e-5;
/** The farthest zoom: 1 hour per pixel. */
export const MAX_MS_PER_PX = 3.6e6;

/** The pixel at which time `t` is drawn. */
export function timeToPx(view: TimeView, t: number): number {
  return (t - view.t0) / view.msPerPx;
}

/** The time at pixel `px`. */
export function pxToTime(view: TimeView, px: number): number {
  return view.t0 + px * view.msPerPx;
}

function clampScale(msPerPx: number): number {
  if (!Number.isFinite(msPerPx) || msPerPx <= 0) return 1;
  return Math.min(MAX_MS_PER_PX, Math.max(MIN_MS_PER_PX, msPerPx));
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping the time under pixel `px` where it is, within the zoom limits.
 */
export function zoomAround(view: TimeView, px: number, factor: number): TimeView {
  const anchor = pxToTime(view, px);
  const msPerPx = clampScale(view.msPerPx / (factor > 0 && Number.isFinite(factor) ? factor : 1));
  return { t0: anchor - px * msPerPx, msPerPx };
}

/** Moves the view by `dpx` pixels (positive: the content moves right, so earlier times come into view). */
export function panBy(view: TimeView, dpx: number): TimeView {
  return { t0: view.t0 - dpx * view.msPerPx, msPerPx: view.msPerPx };
}

/**
 * A view that shows [start, end] in `sizePx` pixels with a margin of `padPx` at each end. A zero-length or
 * empty range gets a 1 ms window so a single event is still drawn in the middle.
 */
export function fitView(start: number, end: number, sizePx: number, padPx = 16): TimeView {
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return { t0: 0, msPerPx: 1 };
  let span = end - start;
  if (span <= 0) {
    span = 1;
    start -= 0.5;
  }
  const usable = Math.max(1, sizePx - 2 * padPx);
  const msPerPx = clampScale(span / usable);
  return { t0: start - padPx * msPerPx, msPerPx };
}

/** Ruler ticks: their step in ms, their times, and how to label them. */
export interface Ticks {
  readonly step: number;
  readonly times: readonly number[];
  /** Unit of the labels. */
  readonly unit: 's' | 'ms' | 'µs';
  /** Digits after the point in that unit. */
  readonly decimals: number;
}

/** The smallest 1-2-5 step (in ms) that is at least `minMs`. */
export function niceStep(minMs: number): number {
  if (!(minMs > 0) || !Number.isFinite(minMs)) return 1;
  const exp = Math.floor(Math.log10(minMs));
  const base = 10 ** exp;
  for (const m of [1, 2, 5, 10]) {
    const step = m * base;
    // tolerate float error (e.g. 0.30000000000000004)
    if (step >= minMs * (1 - 1e-9)) return step;
  }
  return 10 * base;
}

/**
 * Ticks for `sizePx` pixels of `view`, at least `minSpacingPx` apart. Labels: seconds when the step is a
 * second or more, µs when it is under 0.1 ms with the whole ms too large to matter, ms otherwise.
 */
export function chooseTicks(view: TimeView, sizePx: number, minSpacingPx = 80, maxTicks = 500): Ticks {
  const step = niceStep(view.msPerPx * minSpacingPx);
  const start = view.t0;
  const end = pxToTime(view, sizePx);
  const times: number[] = [];
  const first = Math.ceil(start / step);
  for (let k = first; k * step <= end && times.length < maxTicks; k++) times.push(k * step);
  if (step >= 1000) return { step, times, unit: 's', decimals: decimalsFor(step / 1000) };
  if (step < 0.1) return { step, times, unit: 'µs', decimals: decimalsFor(step * 1000) };
  return { step, times, unit: 'ms', decimals: decimalsFor(step) };
}

function decimalsFor(step: number): number {
  if (step >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

/** A tick's label, e.g. "2 s", "1500 ms", "41.25 ms", "41 890 µs". */
export function formatTick(t: number, ticks: Pick<Ticks, 'unit' | 'decimals'>): string {
  const scaled = ticks.unit === 's' ? t / 1000 : ticks.unit === 'µs' ? t * 1000 : t;
  let text = scaled.toFixed(ticks.decimals);
  if (text === '-0' || /^-0\.0*$/.test(text)) text = text.slice(1);
  if (ticks.unit === 'µs') text = groupThousands(text);
  return `${text} ${ticks.unit}`;
}

function groupThousands(text: string): string {
  const [whole = '', frac] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A duration in words for the ruler's scale note, e.g. "50 µs", "200 ms", "2 s". */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${+ms.toPrecision(3)} ms`;
  if (ms >= 0.001) return `${+(ms * 1000).toPrecision(3)} µs`;
  return `${+(ms * 1e6).toPrecision(3)} ns`;
}
