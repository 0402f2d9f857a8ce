/**
 * Replay clock arithmetic, pure so it can be tested without timers: how far the cursor moves in a frame, where
 * "next" and "previous" event are, and the speeds offered.
 */

/** Playback speeds offered, slowest first (1 = the session's own pace). */
export const REPLAY_SPEEDS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 5, 10];

/** The cursor after `wallMs` of wall-clock time at `speed`, clamped to [start, end]; `done` once it reached the end. */
export function advanceReplay(now: number, wallMs: number, speed: number, start: number, end: number): { now: number; done: boolean } {
  const dt = Number.isFinite(wallMs) && wallMs > 0 ? Math.min(wallMs, 250) : 0; // a stalled tab does not jump ahead
  const next = Math.min(end, Math.max(start, now + dt * (speed > 0 ? speed : 1)));
  return { now: next, done: next >= end };
}

/** Clamps a seek target into the session's range; NaN goes to the start. */
export function clampSeek(ms: number, start: number, end: number): number {
  if (!Number.isFinite(ms)) return ms === Infinity ? end : start;
  return Math.min(end, Math.max(start, ms));
}

/**
 * The time of the first listed event strictly after `now` (dir 1) or the last one strictly before it (dir -1),
 * or null when there is none. `list` holds event indexes into `time`, in time order for the first `length`.
 */
export function stepTime(time: Float64Array, list: Int32Array, length: number, now: number, dir: 1 | -1): number | null {
  let lo = 0;
  let hi = length;
  // first position whose time is > now
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[list[mid]!]! <= now) lo = mid + 1;
    else hi = mid;
  }
  if (dir === 1) return lo < length ? time[list[lo]!]! : null;
  // the last event at or before now is the current one; previous means strictly earlier
  let p = lo - 1;
  while (p >= 0 && time[list[p]!]! >= now) p--;
  return p >= 0 ? time[list[p]!]! : null;
}

/** "12.345 / 112.8 ms" style label of the cursor against the session's length. */
export function replayLabel(now: number, end: number): string {
  const digits = end >= 1000 ? 1 : end >= 100 ? 2 : 3;
  return `${now.toFixed(digits)} / ${end.toFixed(digits)} ms`;
}
