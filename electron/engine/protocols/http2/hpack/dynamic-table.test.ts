import { describe, expect, it } from 'vitest';
import { DynamicTable, entrySize } from './dynamic-table';

describe('HPACK dynamic table (RFC 7541 §4)', () => {
  it('counts name + value + 32 octets per entry', () => {
    expect(entrySize('custom-key', 'custom-header')).toBe(55);
    const t = new DynamicTable(4096);
    t.add('a', 'b');
    t.add('cc', 'dd');
    expect(t.size).toBe(34 + 36);
    expect(t.length).toBe(2);
    expect(t.get(1)).toMatchObject({ name: 'cc', value: 'dd' }); // newest first
    expect(t.get(2)).toMatchObject({ name: 'a', value: 'b' });
    expect(t.get(3)).toBeUndefined();
    expect(t.get(0)).toBeUndefined();
  });

  it('evicts the oldest entries to make room (§4.4)', () => {
    const evicted: string[] = [];
    const t = new DynamicTable(100, (n) => evicted.push(n));
    t.add('a', '0123456789'); // 43
    t.add('b', '0123456789'); // 43
    t.add('c', '0123456789'); // 43: evicts a
    expect(evicted).toEqual(['a']);
    expect(t.size).toBe(86);
    expect(t.snapshot(100).entries.map((e) => [e.index, e.name])).toEqual([
      [62, 'c'],
      [63, 'b'],
    ]);
  });

  it('an entry larger than the table empties it and is not added (§4.4)', () => {
    const t = new DynamicTable(100);
    t.add('a', 'b');
    expect(t.add('x', 'y'.repeat(100))).toBe(false);
    expect(t.length).toBe(0);
    expect(t.size).toBe(0);
    expect(t.add('x', 'y'.repeat(67))).toBe(true); // exactly 100 fits
    expect(t.size).toBe(100);
  });

  it('shrinking the maximum size evicts (§4.3), zero empties', () => {
    const t = new DynamicTable(4096);
    for (let i = 0; i < 10; i++) t.add('n' + i, 'v');
    t.setMaxSize(35 * 3);
    expect(t.length).toBe(3);
    expect(t.get(1)!.name).toBe('n9');
    t.setMaxSize(0);
    expect(t.length).toBe(0);
    expect(t.add('a', 'b')).toBe(false);
  });

  it('finds the newest matching entry, and forgets evicted ones', () => {
    const t = new DynamicTable(200);
    t.add('k', 'v1');
    t.add('k', 'v2');
    t.add('other', 'x');
    expect(t.findPair('k', 'v1')).toBe(3);
    expect(t.findPair('k', 'v2')).toBe(2);
    expect(t.findName('k')).toBe(2);
    expect(t.findName('nope')).toBe(0);
    t.add('z', 'z'.repeat(100)); // evicts k:v1, k:v2
    expect(t.findPair('k', 'v1')).toBe(0);
    expect(t.findName('k')).toBe(0);
    expect(t.findName('other')).toBe(2);
  });

  it('stays correct over many insertions (internal compaction)', () => {
    const t = new DynamicTable(400);
    for (let i = 0; i < 5000; i++) {
      t.add('h', String(i));
      const newest = t.get(1)!;
      expect(newest.value).toBe(String(i));
    }
    expect(t.size).toBeLessThanOrEqual(400);
    expect(t.findPair('h', '4999')).toBe(1);
    expect(t.findPair('h', String(4999 - t.length + 1))).toBe(t.length);
  });
});
