import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleSync } from './throttle';

describe('throttleSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then at most once per interval, and never loses the last change', () => {
    let now = 0;
    const calls: number[] = [];
    const changed = throttleSync(() => calls.push(now), 100, () => now);
    changed(); // first change: at once
    expect(calls).toEqual([0]);
    now = 10;
    changed();
    now = 50;
    changed(); // a burst within the interval: one trailing call at its end
    expect(calls).toEqual([0]);
    now = 100;
    vi.advanceTimersByTime(90);
    expect(calls).toEqual([0, 100]);
    now = 250;
    changed(); // quiet for longer than the interval: at once again
    expect(calls).toEqual([0, 100, 250]);
  });
});
