import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HpackDecoder } from './decoder';
import { HpackEncoder } from './encoder';
import { fromHex, toHex } from '../../../../../shared/bytes';

interface Case {
  section: string;
  wire: string;
  headers: Array<[string, string]>;
  table: Array<[string, string]>;
  tableSize: number;
  evicted?: Array<[string, string]>;
}
interface Story {
  name: string;
  huffman: boolean;
  maxTableSize: number;
  cases: Case[];
}

const file = join(__dirname, '../../../../../test-vectors/hpack/rfc7541-appendix-c.json');
const { stories } = JSON.parse(readFileSync(file, 'utf8')) as { stories: Story[] };

describe('RFC 7541 Appendix C', () => {
  it('has the stories C.2.1 to C.6', () => {
    expect(stories.map((s) => s.name)).toEqual(['C.2.1', 'C.2.2', 'C.2.3', 'C.2.4', 'C.3', 'C.4', 'C.5', 'C.6']);
  });

  for (const story of stories) {
    it(`${story.name}: decodes to the header lists, tables and evictions of the RFC`, () => {
      const decoder = new HpackDecoder({ maxTableSize: story.maxTableSize });
      for (const c of story.cases) {
        const out = decoder.decode(fromHex(c.wire)!);
        expect(out.headers, c.section).toEqual(c.headers);
        expect(out.table.entries.map((e) => [e.name, e.value]), c.section).toEqual(c.table);
        expect(out.table.entries.map((e) => e.index)).toEqual(c.table.map((_, i) => 62 + i));
        expect(out.table.size, c.section).toBe(c.tableSize);
        expect(out.table.maxSize).toBe(story.maxTableSize);
        if (c.evicted) expect(out.evicted.map((e) => [e.name, e.value]), c.section).toEqual(c.evicted);
        for (const f of out.fields) {
          if (f.kind !== 'size-update' && f.kind !== 'indexed') {
            expect(f.valueHuffman, c.section).toBe(story.huffman);
            if (f.nameHuffman !== null) expect(f.nameHuffman).toBe(story.huffman);
          }
        }
      }
    });
  }

  for (const story of stories.filter((s) => s.cases.length > 1)) {
    it(`${story.name}: our encoder reproduces the RFC's bytes`, () => {
      const encoder = new HpackEncoder({
        maxTableSize: story.maxTableSize,
        huffman: story.huffman ? 'always' : 'never',
        isSensitive: () => false, // the RFC indexes set-cookie in C.5.3 / C.6.3
      });
      for (const c of story.cases) {
        const block = encoder.encodeBlock(c.headers);
        expect(toHex(block.bytes), c.section).toBe(c.wire);
        expect(block.table.entries.map((e) => [e.name, e.value])).toEqual(c.table);
        if (c.evicted) expect(block.evicted.map((e) => [e.name, e.value]), c.section).toEqual(c.evicted);
      }
    });
  }

  it('C.2: kinds, name sources and byte ranges of single representations', () => {
    const one = (hex: string) => new HpackDecoder().decode(fromHex(hex)!).fields;
    const c21 = one(stories[0]!.cases[0]!.wire);
    expect(c21).toEqual([
      {
        kind: 'literal-incremental', start: 0, end: 26, name: 'custom-key', value: 'custom-header',
        nameIndex: null, nameTable: null, nameHuffman: false, valueHuffman: false,
      },
    ]);
    expect(one(stories[1]!.cases[0]!.wire)[0]).toMatchObject({ kind: 'literal-without-indexing', nameIndex: 4, nameTable: 'static', end: 14 });
    expect(one(stories[2]!.cases[0]!.wire)[0]).toMatchObject({ kind: 'literal-never-indexed', nameIndex: null, name: 'password' });
    expect(one('82')).toEqual([{ kind: 'indexed', start: 0, end: 1, index: 2, table: 'static', name: ':method', value: 'GET' }]);
  });

  it('C.3.3: fields carry their index, table and [start, end)', () => {
    const d = new HpackDecoder();
    const c3 = stories[4]!.cases;
    d.decode(fromHex(c3[0]!.wire)!);
    d.decode(fromHex(c3[1]!.wire)!);
    const out = d.decode(fromHex(c3[2]!.wire)!);
    expect(out.fields.map((f) => [f.kind, f.start, f.end])).toEqual([
      ['indexed', 0, 1],
      ['indexed', 1, 2],
      ['indexed', 2, 3],
      ['indexed', 3, 4],
      ['literal-incremental', 4, 29],
    ]);
    expect(out.fields[3]).toMatchObject({ index: 63, table: 'dynamic', name: ':authority' });
    expect(out.inserted).toEqual([{ name: 'custom-key', value: 'custom-value', size: 54, byField: 4 }]);
  });

  it('C.5.3: each eviction names the field that caused it', () => {
    const d = new HpackDecoder({ maxTableSize: 256 });
    const c5 = stories[6]!.cases;
    d.decode(fromHex(c5[0]!.wire)!);
    d.decode(fromHex(c5[1]!.wire)!);
    const out = d.decode(fromHex(c5[2]!.wire)!);
    expect(out.evicted.map((e) => [e.name, e.byField])).toEqual([
      ['cache-control', 2],
      ['date', 4],
      ['location', 5],
      [':status', 5],
    ]);
  });
});
