import { describe, expect, it } from 'vitest';
import { HpackDecoder } from './decoder';
import { HpackEncoder, isSensitiveByDefault } from './encoder';
import { HpackUsageError } from './errors';
import type { HeaderField } from './types';
import { toHex } from '../../../../../shared/bytes';

function kinds(enc: HpackEncoder): string[] {
  return enc.lastBlock!.fields.map((f) => f.kind);
}

describe('HpackEncoder', () => {
  it('uses static and dynamic exact matches, and indexes new fields', () => {
    const enc = new HpackEncoder();
    const list: HeaderField[] = [
      [':method', 'GET'],
      ['x-custom', 'one'],
    ];
    enc.encode(list);
    expect(kinds(enc)).toEqual(['indexed', 'literal-incremental']);
    expect(enc.lastBlock!.fields[1]).toMatchObject({ nameIndex: null });
    expect(toHex(enc.encode(list))).toBe('82be');
    expect(enc.lastBlock!.fields[1]).toMatchObject({ kind: 'indexed', index: 62, table: 'dynamic' });
    enc.encode([['x-custom', 'two']]);
    expect(enc.lastBlock!.fields[0]).toMatchObject({ kind: 'literal-incremental', nameIndex: 62, nameTable: 'dynamic' });
  });

  it('sends credentials and short cookies never-indexed (RFC 7541 §7.1.3)', () => {
    expect(isSensitiveByDefault('authorization', 'x')).toBe(true);
    expect(isSensitiveByDefault('cookie', 'a=b')).toBe(true);
    expect(isSensitiveByDefault('cookie', 'session=' + 'x'.repeat(40))).toBe(false);
    const enc = new HpackEncoder();
    const list: HeaderField[] = [
      ['authorization', 'Bearer abc'],
      ['cookie', 'id=1'],
      ['set-cookie', 'id=1; Path=/'],
      ['x-token', 'secret'],
      ['x-other', 'public'],
    ];
    for (let round = 0; round < 2; round++) {
      enc.encode(list, { sensitive: ['X-Token'] });
      expect(kinds(enc)).toEqual([
        'literal-never-indexed',
        'literal-never-indexed',
        'literal-never-indexed',
        'literal-never-indexed',
        round === 0 ? 'literal-incremental' : 'indexed',
      ]);
    }
    expect(enc.lastBlock!.fields[0]).toMatchObject({ nameIndex: 23, nameTable: 'static' });
    expect(enc.snapshot().entries.map((e) => e.name)).toEqual(['x-other']);
    enc.encode([['x-other', 'public']], { sensitive: (n) => n === 'x-other' });
    expect(kinds(enc)).toEqual(['literal-never-indexed']);
    const decoded = new HpackDecoder().decode(new HpackEncoder().encode(list, { sensitive: ['x-token'] }));
    expect(decoded.headers).toEqual(list);
    expect(decoded.fields.every((f) => f.kind === 'literal-never-indexed' || f.kind === 'literal-incremental')).toBe(true);
  });

  it('follows the indexing policy', () => {
    const none = new HpackEncoder({ indexing: 'without-indexing' });
    none.encode([['x-a', '1']]);
    expect(kinds(none)).toEqual(['literal-without-indexing']);
    expect(none.snapshot().entries).toHaveLength(0);
    const fn = new HpackEncoder({ indexing: (n) => (n === ':path' ? 'without-indexing' : 'incremental') });
    fn.encode([
      [':path', '/a'],
      ['x-a', '1'],
    ]);
    expect(kinds(fn)).toEqual(['literal-without-indexing', 'literal-incremental']);
    const bad = new HpackEncoder({ indexing: () => 'nope' as never });
    expect(() => bad.encode([['x', 'y']])).toThrow(HpackUsageError);
  });

  it('does not index a field larger than the table', () => {
    const enc = new HpackEncoder({ maxTableSize: 64 });
    enc.encode([['x-a', '1'], ['x-big', 'v'.repeat(40)]]);
    expect(kinds(enc)).toEqual(['literal-incremental', 'literal-without-indexing']);
    expect(enc.snapshot().entries.map((e) => e.name)).toEqual(['x-a']);
  });

  it('signals table size changes: the smallest, then the final (RFC 7541 §4.2)', () => {
    const enc = new HpackEncoder();
    const dec = new HpackDecoder();
    dec.decode(enc.encode([['x-a', '1']]));
    enc.setMaxTableSize(0);
    enc.setMaxTableSize(1024, 1024); // the peer lowered SETTINGS_HEADER_TABLE_SIZE to 1024
    dec.setMaxTableSize(1024);
    const block = enc.encodeBlock([['x-a', '1']]);
    expect(block.fields.slice(0, 2)).toEqual([
      { kind: 'size-update', start: 0, end: 1, maxSize: 0 },
      { kind: 'size-update', start: 1, end: 4, maxSize: 1024 },
    ]);
    expect(block.evicted.map((e) => [e.name, e.byField])).toEqual([['x-a', 0]]);
    expect(block.fields[2]!.kind).toBe('literal-incremental'); // the entry was evicted
    expect(dec.decode(block.bytes).table).toEqual(block.table);
    expect(() => enc.setMaxTableSize(2048)).toThrow(HpackUsageError); // above the peer's limit
    enc.setMaxTableSize(2048, 8192);
    expect(enc.snapshot()).toMatchObject({ maxSize: 1024, limit: 8192 });
    expect(enc.encodeBlock([]).fields).toEqual([{ kind: 'size-update', start: 0, end: 3, maxSize: 2048 }]);
    expect(enc.encode([])).toEqual(new Uint8Array(0));
  });

  it('chooses Huffman by mode', () => {
    const list: HeaderField[] = [['x-aaaa', 'aaaaaaaa']]; // 33 bits: 5 octets < 6
    const auto = new HpackEncoder({ indexing: 'without-indexing' }).encodeBlock(list).fields[0]!;
    expect(auto).toMatchObject({ nameHuffman: true, valueHuffman: true });
    const never = new HpackEncoder({ huffman: 'never' }).encodeBlock(list).fields[0]!;
    expect(never).toMatchObject({ nameHuffman: false, valueHuffman: false });
    // '\x00' codes to 13 bits: auto keeps it raw, always Huffman-codes it.
    const odd: HeaderField[] = [['x-h', '\x00\x01']];
    expect(new HpackEncoder().encodeBlock(odd).fields[0]).toMatchObject({ valueHuffman: false });
    expect(new HpackEncoder({ huffman: 'always' }).encodeBlock(odd).fields[0]).toMatchObject({ valueHuffman: true });
    expect(() => new HpackEncoder({ huffman: 'sometimes' as never })).toThrow(HpackUsageError);
  });

  it('round-trips every octet value in names and values', () => {
    let all = '';
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    for (const huffman of ['auto', 'always', 'never'] as const) {
      const list: HeaderField[] = [[all, all], ['', ''], ['x', '']];
      expect(new HpackDecoder().decode(new HpackEncoder({ huffman }).encode(list)).headers).toEqual(list);
    }
  });

  it('rejects text that is not Latin-1, and bad table sizes', () => {
    expect(() => new HpackEncoder().encode([['x', 'é€']])).toThrow(HpackUsageError);
    expect(() => new HpackEncoder({ maxTableSize: -5 })).toThrow(HpackUsageError);
    expect(() => new HpackEncoder().setMaxTableSize(2 ** 40)).toThrow(HpackUsageError);
  });
});
