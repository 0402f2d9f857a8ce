/**
 * Rate limiting of the log's mirror into the store (see bridge.ts).
 */

/**
 * The shortest time between two mirrors of the log into the store (which re-renders the list, the filter bar
 * and the replay bar). The timeline listens to the log itself and draws every frame; the DOM views follow a
 * flood of events at this rate rather than at 60 Hz, where their layout and paint would take most of the frame.
 */
export const LOG_SYNC_MS = 100;

/**
 * Calls `sync` after log changes: at once when the last call was at least `ms` ago, else once at the end of
 * that interval (so a burst costs one call per interval and the last change is never lost).
 */
export function throttleSync(sync: () => void, ms: number, now: () => number = () => performance.now()): () => void {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = now();
    sync();
  };
  return () => {
    if (timer !== null) return;
    const wait = last + ms - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
}
