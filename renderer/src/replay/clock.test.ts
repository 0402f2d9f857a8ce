import { describe, expect, it } from 'vitest';
import { advanceReplay, clampSeek, replayLabel, stepTime } from './clock';

describe('advanceReplay', () => {
  it('moves by wall time times speed and stops at the end', () => {
    expect(advanceReplay(10, 16, 1, 0, 100)).toEqual({ now: 26, done: false });
    expect(advanceReplay(10, 20, 0.5, 0, 100).now).toBe(20);
    expect(advanceReplay(10, 10, 10, 0, 100).now).toBe(100);
    expect(advanceReplay(95, 16, 1, 0, 100)).toEqual({ now: 100, done: true });
  });
  it('ignores odd frame gaps and caps a long stall', () => {
    expect(advanceReplay(10, -5, 1, 0, 100).now).toBe(10);
    expect(advanceReplay(10, Number.NaN, 1, 0, 100).now).toBe(10);
    expect(advanceReplay(0, 5000, 1, 0, 10_000).now).toBe(250);
  });
});

describe('clampSeek', () => {
  it('keeps seeks in range', () => {
    expect(clampSeek(-4, 0, 50)).toBe(0);
    expect(clampSeek(70, 0, 50)).toBe(50);
    expect(clampSeek(Number.NaN, 3, 50)).toBe(3);
    expect(clampSeek(Infinity, 3, 50)).toBe(50);
  });
});

describe('stepTime', () => {
  const time = new Float64Array([1, 2, 2, 5, 9]);
  const list = new Int32Array([0, 1, 2, 3, 4]);
  it('finds the next event strictly after now', () => {
    expect(stepTime(time, list, 5, 0, 1)).toBe(1);
    expect(stepTime(time, list, 5, 2, 1)).toBe(5);
    expect(stepTime(time, list, 5, 9, 1)).toBeNull();
  });
  it('finds the previous event strictly before now', () => {
    expect(stepTime(time, list, 5, 5, -1)).toBe(2);
    expect(stepTime(time, list, 5, 4, -1)).toBe(2);
    expect(stepTime(time, list, 5, 1, -1)).toBeNull();
  });
  it('walks a filtered list', () => {
    expect(stepTime(time, new Int32Array([0, 4]), 2, 1, 1)).toBe(9);
  });
});

describe('replayLabel', () => {
  it('uses fewer digits for longer sessions', () => {
    expect(replayLabel(1.23456, 12)).toBe('1.235 / 12.000 ms');
    expect(replayLabel(500, 2440.6)).toBe('500.0 / 2440.6 ms');
  });
});
