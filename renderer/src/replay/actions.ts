/**
 * Replay actions (play, pause, step, seek, leave) and the loop that moves the cursor on animation frames.
 * `startReplay()` wires them to the store once: while the cursor moves, the current event (the last shown at
 * or before it) is selected so the inspector and the list follow.
 */
import { eventLog } from '../store/event-log';
import { useStore } from '../store';
import { syncView } from '../store/view';
import { advanceReplay, clampSeek, stepTime } from './clock';

/** The session's time range for replay: from 0 (the session's start) to its last event. */
export function replayRange(): { start: number; end: number } {
  const c = eventLog.columns;
  if (c.length === 0) return { start: 0, end: 0 };
  return { start: Math.min(0, c.minTime), end: c.maxTime };
}

/** True when the session can be replayed: it has events and no run is recording it. */
export function canReplay(): boolean {
  const s = useStore.getState();
  return eventLog.columns.length > 0 && !s.run.running && s.session !== null;
}

/** Moves the cursor to `ms` (clamped into the session); enters replay when not in it. */
export function seek(ms: number): void {
  if (!canReplay()) return;
  const { start, end } = replayRange();
  useStore.getState().seekReplay(clampSeek(ms, start, end));
}

/** Starts playing from the cursor (from the start when not replaying or at the end). */
export function play(): void {
  if (!canReplay()) return;
  const s = useStore.getState();
  const { start, end } = replayRange();
  if (s.replayNow === null || s.replayNow >= end) s.seekReplay(start);
  s.setReplayPlaying(true);
}

/** Pauses where the cursor is. */
export function pause(): void {
  useStore.getState().setReplayPlaying(false);
}

/** Play or pause. */
export function togglePlay(): void {
  if (useStore.getState().replayPlaying) pause();
  else play();
}

/** Moves the cursor to the next (1) or previous (-1) event the filter shows, pausing. */
export function step(dir: 1 | -1): void {
  if (!canReplay()) return;
  const s = useStore.getState();
  pause();
  const { start, end } = replayRange();
  const now = s.replayNow ?? (dir === 1 ? start - 1 : end + 1);
  const view = syncView();
  const time = eventLog.columns.time;
  let target: number | null;
  if (eventLog.columns.timeOrdered) target = stepTime(time, view.list, view.length, now, dir);
  else {
    target = null;
    for (let p = 0; p < view.length; p++) {
      const t = time[view.list[p]!]!;
      if (dir === 1 ? t > now && (target === null || t < target) : t < now && (target === null || t > target)) target = t;
    }
  }
  if (target === null) target = dir === 1 ? end : start;
  s.seekReplay(clampSeek(target, start, end));
}

/** Leaves replay: everything is shown again. */
export function exitReplay(): void {
  useStore.getState().seekReplay(null);
}

/** Selects the last event shown at or before the cursor, so the inspector and the list follow. */
function followCursor(now: number): void {
  const shown = syncView().upTo(now);
  const s = useStore.getState();
  const i = shown.length > 0 ? shown.indices[shown.length - 1]! : -1;
  const seq = i >= 0 ? (eventLog.events[i]?.seq ?? null) : null;
  if (!s.follow) s.setFollow(true);
  s.selectEvent(seq);
}

/** Wires replay to the store (the frame loop, following the cursor, the test hook, keys). Returns a stop function. */
export function startReplay(): () => void {
  let frame: number | null = null;
  let last = 0;
  const tick = (t: number) => {
    frame = null;
    const s = useStore.getState();
    if (!s.replayPlaying || s.replayNow === null) return;
    const { start, end } = replayRange();
    const next = advanceReplay(s.replayNow, t - last, s.replaySpeed, start, end);
    last = t;
    s.seekReplay(next.now);
    if (next.done) s.setReplayPlaying(false);
    else frame = requestAnimationFrame(tick);
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.replayNow !== prev.replayNow && s.replayNow !== null) followCursor(s.replayNow);
    if (s.replayPlaying && !prev.replayPlaying && frame === null) {
      last = performance.now();
      frame = requestAnimationFrame(tick);
    }
    if (s.filter !== prev.filter && s.replayNow !== null) followCursor(s.replayNow);
    if (s.run.running && s.replayNow !== null) s.seekReplay(null);
  });
  window.__framescopeReplay = {
    seek: (ms) => {
      pause();
      seek(ms);
      return useStore.getState().replayNow;
    },
    step,
    exit: exitReplay,
    state: () => {
      const s = useStore.getState();
      return { now: s.replayNow, playing: s.replayPlaying, speed: s.replaySpeed, ...replayRange() };
    },
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (!canReplay()) return;
    if (e.key === '.') step(1);
    else if (e.key === ',') step(-1);
    else if (e.key === ' ' && target?.tagName !== 'BUTTON') togglePlay();
    else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    unsubscribe();
    window.removeEventListener('keydown', onKey);
    delete window.__framescopeReplay;
  };
}
