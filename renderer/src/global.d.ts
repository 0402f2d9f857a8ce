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

declare global {
  interface Window {
    /** Exposed by Electron's preload through contextBridge; absent in a browser (web host). */
    framescope?: FramescopeApi;
    /** Event counters of the current session, kept up to date for end-to-end tests. */
    __framescopeStats?: FramescopeStats;
  }
}

export {};
