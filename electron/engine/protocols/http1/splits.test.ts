/**
 * Properties over every vector: any split of the stream gives the same items, every truncated prefix only
 * "needs more", and the raw bytes of the items are the stream.
 */
import { describe, expect, it } from 'vitest';
import { coveredBytes, normalize, parserFor, runSplit, VECTORS } from './fixtures';

describe.each(VECTORS)('$name', (vector) => {
  const n = vector.bytes.length;
  const reference = normalize(runSplit(vector, []));

  it('parses without an error item', () => {
    expect(reference.filter((i) => i.type === 'error')).toEqual([]);
    expect(reference.length).toBeGreaterThan(1);
  });

  it('gives the same items for every 2-way split', () => {
    for (let i = 0; i <= n; i++) expect(normalize(runSplit(vector, [i]))).toEqual(reference);
  });

  it('gives the same items for every 3-way split', () => {
    for (let i = 0; i <= n; i++) {
      for (let j = i; j <= n; j++) {
        const got = normalize(runSplit(vector, [i, j]));
        if (JSON.stringify(got) !== JSON.stringify(reference)) expect({ i, j, got }).toEqual({ i, j, got: reference });
      }
    }
  });

  it('gives the same items byte by byte', () => {
    const cuts = Array.from({ length: n }, (_, i) => i);
    expect(normalize(runSplit(vector, cuts))).toEqual(reference);
  });

  it('reports no error for any truncated prefix (only "need more")', () => {
    for (let len = 0; len < n; len++) {
      const parser = parserFor(vector);
      const items = parser.push(vector.bytes.subarray(0, len));
      expect(items.filter((i) => i.type === 'error')).toEqual([]);
      expect(vector.bytes.subarray(0, len).subarray(0, coveredBytes(items).length)).toEqual(coveredBytes(items));
    }
  });

  it('covers the stream byte for byte, with consecutive offsets', () => {
    for (const cuts of [[], [1], [Math.floor(n / 2)], [n - 1]]) {
      const items = runSplit(vector, cuts);
      expect(coveredBytes(items)).toEqual(vector.bytes);
      let at = 0;
      for (const item of items) {
        expect(item.offset).toBe(at);
        at += item.type === 'upgrade' ? item.rest.length : item.raw.length;
      }
    }
  });
});
