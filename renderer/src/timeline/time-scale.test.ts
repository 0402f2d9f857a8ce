import { describe, expect, it } from 'vitest';
import { MIN_MS_PER_PX, chooseTicks, fitView, formatDuration, formatTick, niceStep, panBy, pxToTime, timeToPx, zoomAround } from './time-scale';

describe('time scale', () => {
  it('maps time to pixels and back', () => {
    const v = { t0: 100, msPerPx: 0.5 };
    expect(timeToPx(v, 150)).toBe(100);
    expect(pxToTime(v, 100)).toBe(150);
  });

  it('zooms around a point: the time under the pointer stays put', () => {
    const v = { t0: 0, msPerPx: 2 };
    const at = pxToTime(v, 300);
    const z = zoomAround(v, 300, 4);
    expect(z.msPerPx).toBe(0.5);
    expect(pxToTime(z, 300)).toBeCloseTo(at, 9);
    const out = zoomAround(z, 300, 0.25);
    expect(out.msPerPx).toBeCloseTo(2, 12);
    expect(out.t0).toBeCloseTo(0, 9);
  });

  it('zooms down to microseconds and no further', () => {
    let v = { t0: 41, msPerPx: 1 };
    for (let k = 0; k < 100; k++) v = zoomAround(v, 10, 10);
    expect(v.msPerPx).toBe(MIN_MS_PER_PX);
    expect(pxToTime(v, 10)).toBeCloseTo(41 + 10, 6);
    expect(zoomAround(v, 0, Number.NaN).msPerPx).toBe(MIN_MS_PER_PX);
  });

  it('pans by pixels', () => {
    expect(panBy({ t0: 10, msPerPx: 2 }, 5)).toEqual({ t0: 0, msPerPx: 2 });
  });

  it('fits a range with margins, and copes with zero-length and empty ranges', () => {
    const v = fitView(0, 1000, 1020, 10);
    expect(timeToPx(v, 0)).toBeCloseTo(10);
    expect(timeToPx(v, 1000)).toBeCloseTo(1010);
    const one = fitView(5, 5, 200, 0);
    expect(timeToPx(one, 5)).toBeCloseTo(100);
    expect(fitView(Infinity, -Infinity, 500)).toEqual({ t0: 0, msPerPx: 1 });
  });

  it('picks 1-2-5 steps', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.1)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(70)).toBe(100);
    expect(niceStep(0.00012)).toBeCloseTo(0.0002, 12);
    expect(niceStep(0.3)).toBeCloseTo(0.5);
  });

  it('chooses ticks at least the spacing apart, with units that follow the zoom', () => {
    const seconds = chooseTicks({ t0: 0, msPerPx: 4 }, 800, 80);
    expect(seconds.step).toBe(500);
    expect(seconds.unit).toBe('ms');
    expect(seconds.times).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    const big = chooseTicks({ t0: 0, msPerPx: 40 }, 800, 80);
    expect(big.unit).toBe('s');
    expect(formatTick(big.times[1]!, big)).toBe('5 s');
    const micro = chooseTicks({ t0: 41.89, msPerPx: 0.0001 }, 800, 80);
    expect(micro.unit).toBe('µs');
    expect(micro.step).toBeCloseTo(0.01, 12);
    expect(formatTick(41.9, micro)).toBe('41\u2009900 µs');
    const fine = chooseTicks({ t0: 0, msPerPx: 0.005 }, 800, 80);
    expect(fine.unit).toBe('ms');
    expect(formatTick(0.4, fine)).toBe('0.4 ms');
  });

  it('says durations in words', () => {
    expect(formatDuration(500)).toBe('500 ms');
    expect(formatDuration(2000)).toBe('2 s');
    expect(formatDuration(0.05)).toBe('50 µs');
    expect(formatDuration(0.0002)).toBe('200 ns');
  });
});
