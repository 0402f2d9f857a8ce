/**
 * Globals the renderer sees: the preload's API (Electron only) and the counters tests read.
 */
import type { FramescopeApi } from '../../shared/api';

/** Counters of the current session's events, for tests: `dropped` must stay 0. */
export interface FramescopeStats {
  received: number;
  sent: number;
  dropped: number;
  sessionId: string | null;
}

/**
 * Stats of the timeline's last frame: draw time (ms), events visited (in the visible rows and time range), marks
 * drawn, frames drawn so far, events in the log at that frame, and when it ended (performance.now()).
 */
export interface TimelineDrawStats {
  ms: number;
  visited: number;
  marks: number;
  frames: number;
  events: number;
  at: number;
}

/** The timeline's test hook: where an event is drawn (CSS px relative to the canvas), and draw timings. */
export interface FramescopeTimelineHook {
  pointOf(seq: number): { x: number; y: number } | null;
  layout(): 'lanes' | 'sequence';
  stats(): TimelineDrawStats;
  /** Draws synchronously and returns that frame's stats. */
  drawNow(): TimelineDrawStats;
}

/** The replay test hook: set the cursor without timers, step, leave, read the state. */
export interface FramescopeReplayHook {
  /** Pauses and moves the cursor to `ms` (clamped into the session); returns the cursor. */
  seek(ms: number): number | null;
  step(dir: 1 | -1): void;
  exit(): void;
  state(): { now: number | null; playing: boolean; speed: number; start: number; end: number };
}

declare global {
  interface Window {
    /** Exposed by Electron's preload through contextBridge; absent in a browser (web host). */
    framescope?: FramescopeApi;
    /** Event counters of the current session, kept up to date for end-to-end tests. */
    __framescopeStats?: FramescopeStats;
    /** The timeline's hook for end-to-end tests and the bench. */
    __framescopeTimeline?: FramescopeTimelineHook;
    /** The replay hook for end-to-end tests. */
    __framescopeReplay?: FramescopeReplayHook;
  }
}

export {};
