import { describe, expect, it } from 'vitest';
import { HpackDecoder } from './decoder';
import { HpackEncoder } from './encoder';
import { HpackError, HpackHeaderListTooLargeError, HpackUsageError } from './errors';
import { fromHex } from '../../../../../shared/bytes';

const hex = (s: string): Uint8Array => fromHex(s)!;

function hpackError(fn: () => unknown): HpackError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HpackError);
    return e as HpackError;
  }
  throw new Error('expected an HpackError');
}

describe('HpackDecoder errors', () => {
  it('rejects index 0 (§6.1) with its offset', () => {
    const e = hpackError(() => new HpackDecoder().decode(hex('8280')));
    expect(e.code).toBe('COMPRESSION_ERROR');
    expect(e.offset).toBe(1);
    expect(e.reason).toMatch(/index 0/);
  });

  it('rejects an index past the dynamic table (§2.3.3)', () => {
    expect(hpackError(() => new HpackDecoder().decode(hex('be'))).reason).toMatch(/past the end/);
    const d = new HpackDecoder();
    d.decode(hex('4001610162')); // a: b, now index 62
    expect(d.decode(hex('be')).headers).toEqual([['a', 'b']]);
    const e = hpackError(() => d.decode(hex('bebf')));
    expect(e.offset).toBe(1);
    expect(e.reason).toMatch(/index 63 is past the end of the dynamic table \(1 entries\)/);
  });

  it('rejects a literal whose name index is past the table', () => {
    expect(hpackError(() => new HpackDecoder().decode(hex('7f0001'))).reason).toMatch(/past the end/); // name index 63
  });

  it('rejects a block that ends inside a representation', () => {
    const block = hex('400a637573746f6d2d6b65790d637573746f6d2d686561646572');
    for (let n = 1; n < block.length; n++) {
      const e = hpackError(() => new HpackDecoder().decode(block.subarray(0, n)));
      expect(e.offset).toBeLessThanOrEqual(n);
    }
  });

  it('accepts dynamic table size updates only at the start of a block (§4.2)', () => {
    const d = new HpackDecoder();
    const out = d.decode(hex('20 3f e1 1f 82'.replace(/ /g, ''))); // 0, then 4096, then :method GET
    expect(out.fields.map((f) => f.kind)).toEqual(['size-update', 'size-update', 'indexed']);
    expect(out.table.maxSize).toBe(4096);
    const e = hpackError(() => new HpackDecoder().decode(hex('8220')));
    expect(e.reason).toMatch(/after a header field/);
    expect(e.offset).toBe(1);
  });

  it('rejects a size update above SETTINGS_HEADER_TABLE_SIZE (§6.3)', () => {
    const e = hpackError(() => new HpackDecoder({ maxTableSize: 256 }).decode(hex('3fe201'))); // 257
    expect(e.reason).toMatch(/above the limit/);
    expect(new HpackDecoder({ maxTableSize: 256 }).decode(hex('3fe101')).table.maxSize).toBe(256);
  });

  it('requires a size update after the limit is lowered (§4.2)', () => {
    const d = new HpackDecoder();
    d.decode(hex('4001610162')); // a: b
    d.setMaxTableSize(0);
    expect(hpackError(() => d.decode(hex('82'))).reason).toMatch(/expected a dynamic table size update/);

    const ok = new HpackDecoder();
    ok.decode(hex('4001610162'));
    ok.setMaxTableSize(100);
    ok.setMaxTableSize(50);
    ok.setMaxTableSize(4096); // raised again: the encoder still has to signal the minimum (50)
    expect(hpackError(() => ok.decode(hex('3f4582'))).reason).toMatch(/expected/); // update to 100 is not enough
    const ok2 = new HpackDecoder();
    ok2.setMaxTableSize(50);
    const out = ok2.decode(hex('3f13 82'.replace(' ', ''))); // 31 + 19 = 50
    expect(out.table.maxSize).toBe(50);
    expect(ok2.decode(hex('82')).headers).toEqual([[':method', 'GET']]); // only once
    // An empty block with no update does not satisfy the requirement either.
    const d3 = new HpackDecoder();
    d3.setMaxTableSize(10);
    expect(() => d3.decode(new Uint8Array(0))).toThrow(HpackError);
  });

  it('raising the limit needs no update, and updates up to the new limit are allowed', () => {
    const d = new HpackDecoder({ maxTableSize: 100 });
    d.setMaxTableSize(8192);
    expect(d.decode(hex('82')).table.maxSize).toBe(100);
    expect(d.decode(hex('3fe13f')).table.maxSize).toBe(8192); // 31 + 0x3f80 + ... = 8192
  });

  it('is unusable after a COMPRESSION_ERROR', () => {
    const d = new HpackDecoder();
    expect(() => d.decode(hex('80'))).toThrow(HpackError);
    expect(hpackError(() => d.decode(hex('82'))).reason).toMatch(/failed earlier/);
  });

  it('rejects bad options as API misuse', () => {
    expect(() => new HpackDecoder({ maxTableSize: -1 })).toThrow(HpackUsageError);
    expect(() => new HpackDecoder().setMaxTableSize(1.5)).toThrow(HpackUsageError);
  });
});

describe('HpackDecoder header list size', () => {
  it('gives a distinct error over maxHeaderListSize, and keeps the table in step', () => {
    const enc = new HpackEncoder();
    const dec = new HpackDecoder({ maxHeaderListSize: 200 });
    const big: Array<[string, string]> = [
      ['x-a', 'a'.repeat(60)],
      ['x-b', 'b'.repeat(60)],
      ['x-c', 'c'.repeat(60)],
    ];
    let error: unknown;
    try {
      dec.decode(enc.encode(big));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HpackHeaderListTooLargeError);
    expect(error).not.toBeInstanceOf(HpackError);
    const e = error as HpackHeaderListTooLargeError;
    expect(e.code).toBe('HEADER_LIST_TOO_LARGE');
    expect(e.size).toBe(3 * (3 + 60 + 32));
    expect(e.limit).toBe(200);
    expect(e.block!.headers).toHaveLength(2);
    expect(e.block!.fields).toHaveLength(3);
    expect(e.block!.table.entries).toHaveLength(3);
    // The next block refers to the entries inserted by the rejected one.
    const next = enc.encode([['x-c', 'c'.repeat(60)]]);
    expect(next).toEqual(Uint8Array.of(0x80 | 62));
    expect(dec.decode(next).headers).toEqual([['x-c', 'c'.repeat(60)]]);
  });

  it('counts name + value + 32 per field (RFC 9113 §6.5.2)', () => {
    const d = new HpackDecoder({ maxHeaderListSize: 42 }); // :method GET = 7 + 3 + 32
    expect(d.decode(hex('82')).headers).toHaveLength(1);
    expect(() => d.decode(hex('8282'))).toThrow(HpackHeaderListTooLargeError);
  });
});
