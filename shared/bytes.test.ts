import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './bytes';

describe('base64', () => {
  it('matches Node for every length up to 300 and random bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = (i * 131 + n * 7) & 0xff;
      const ours = toBase64(b);
      expect(ours).toBe(Buffer.from(b).toString('base64'));
      expect(Buffer.from(fromBase64(ours)!)).toEqual(Buffer.from(b));
    }
  });
  it('rejects text that is not base64', () => {
    expect(fromBase64('ab$d')).toBeNull();
    expect(fromBase64('a')).toBeNull();
  });
});
