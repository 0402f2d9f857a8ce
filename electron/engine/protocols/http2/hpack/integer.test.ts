import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './cursor';
import { HpackError } from './errors';
import { MAX_HPACK_INTEGER, decodeInteger, encodeInteger } from './integer';

function enc(value: number, prefix: number, flags = 0): number[] {
  const w = new ByteWriter();
  encodeInteger(w, value, prefix, flags);
  return [...w.finish()];
}

function dec(bytes: number[], prefix: number): number {
  return decodeInteger(new ByteReader(Uint8Array.from(bytes)), prefix);
}

describe('HPACK integers (RFC 7541 §5.1)', () => {
  it('encodes the RFC 7541 C.1 examples', () => {
    expect(enc(10, 5)).toEqual([0x0a]); // C.1.1
    expect(enc(1337, 5)).toEqual([0x1f, 0x9a, 0x0a]); // C.1.2
    expect(enc(42, 8)).toEqual([0x2a]); // C.1.3
    expect(dec([0xea], 5)).toBe(10); // high bits belong to the representation
    expect(dec([0x1f, 0x9a, 0x0a], 5)).toBe(1337);
    expect(dec([0x2a], 8)).toBe(42);
  });

  it('keeps flags outside the prefix', () => {
    expect(enc(3, 4, 0x10)).toEqual([0x13]);
    expect(enc(15, 4, 0x10)).toEqual([0x1f, 0x00]);
  });

  it('round-trips values on every prefix size', () => {
    const values = [0, 1, 126, 127, 128, 254, 255, 256, 16383, 16384, 2 ** 21, 2 ** 28 - 1, 2 ** 31, MAX_HPACK_INTEGER];
    for (let prefix = 1; prefix <= 8; prefix++) {
      for (const v of values) {
        const bytes = enc(v, prefix);
        const r = new ByteReader(Uint8Array.from(bytes));
        expect(decodeInteger(r, prefix)).toBe(v);
        expect(r.remaining).toBe(0);
      }
    }
  });

  it('rejects values over 2^32-1 and over-long encodings', () => {
    expect(() => dec([0x1f, 0xff, 0xff, 0xff, 0xff, 0x0f], 5)).toThrow(HpackError); // 31 + 2^32 - 1 + ...
    expect(() => dec([0xff, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 8)).toThrow(/too long/);
    expect(dec([0xff, 0x80, 0x80, 0x80, 0x80, 0x00], 8)).toBe(255); // redundant zero octets within the limit are fine
  });

  it('says where a truncated integer ends', () => {
    expect(() => dec([], 5)).toThrow(HpackError);
    try {
      dec([0x1f, 0x9a], 5);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HpackError);
      expect((e as HpackError).offset).toBe(2);
      expect((e as HpackError).code).toBe('COMPRESSION_ERROR');
    }
  });
});
