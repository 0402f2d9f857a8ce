/**
 * The http2jp/hpack-test-case stories (test-vectors/hpack/README.md): other encoders' output decodes with our
 * decoder, and our encoder's output decodes back to the raw header lists in every Huffman mode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HpackDecoder } from './decoder';
import { HpackEncoder } from './encoder';
import type { HuffmanMode } from './string';
import type { HeaderField } from './types';
import { fromHex } from '../../../../../shared/bytes';

interface StoryCase {
  seqno?: number;
  wire?: string;
  header_table_size?: number;
  headers: Array<Record<string, string>>;
}

const ROOT = join(__dirname, '../../../../../test-vectors/hpack');

function loadStories(folder: string): Array<{ file: string; cases: StoryCase[] }> {
  const dir = join(ROOT, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, cases: (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: StoryCase[] }).cases }));
}

function toList(headers: Array<Record<string, string>>): HeaderField[] {
  return headers.map((h) => {
    const [entry] = Object.entries(h);
    return [entry![0], entry![1]] as const;
  });
}

const ENCODERS = ['nghttp2', 'nghttp2-change-table-size', 'go-hpack', 'python-hpack'];

describe('hpack-test-case: decoding other encoders', () => {
  for (const folder of ENCODERS) {
    it(`${folder}: every story decodes to its expected headers`, () => {
      const stories = loadStories(folder);
      expect(stories.length).toBeGreaterThanOrEqual(31);
      let cases = 0;
      for (const { file, cases: list } of stories) {
        const decoder = new HpackDecoder();
        for (const c of list) {
          if (c.header_table_size !== undefined) decoder.setMaxTableSize(c.header_table_size);
          const out = decoder.decode(fromHex(c.wire!)!);
          expect(out.headers, `${folder}/${file} #${c.seqno}`).toEqual(toList(c.headers));
          cases++;
        }
      }
      expect(cases).toBeGreaterThan(1000);
    });
  }
});

describe('hpack-test-case: our encoder round-trips the raw data', () => {
  const raw = loadStories('raw-data');
  for (const huffman of ['auto', 'always', 'never'] as HuffmanMode[]) {
    it(`huffman '${huffman}': every raw-data story decodes back to the same lists`, () => {
      expect(raw.length).toBe(32);
      let bytes = 0;
      for (const { file, cases } of raw) {
        const encoder = new HpackEncoder({ huffman });
        const decoder = new HpackDecoder();
        for (const [i, c] of cases.entries()) {
          const list = toList(c.headers);
          const block = encoder.encodeBlock(list);
          const out = decoder.decode(block.bytes);
          expect(out.headers, `${file} #${i}`).toEqual(list);
          // The encoder's own account matches what a decoder sees, field by field.
          expect(block.fields).toEqual(out.fields);
          expect(block.table).toEqual(out.table);
          expect(block.evicted).toEqual(out.evicted);
          expect(block.inserted).toEqual(out.inserted);
          bytes += block.bytes.length;
        }
      }
      expect(bytes).toBeGreaterThan(0);
    });
  }

  it('round-trips with small tables and changing table sizes', () => {
    for (const { file, cases } of raw.slice(0, 8)) {
      const encoder = new HpackEncoder({ maxTableSize: 256 });
      const decoder = new HpackDecoder({ maxTableSize: 256 });
      const sizes = [256, 0, 100, 256, 64, 200];
      for (const [i, c] of cases.entries()) {
        if (i % 5 === 4) {
          const a = sizes[i % sizes.length]!;
          const b = sizes[(i + 3) % sizes.length]!;
          encoder.setMaxTableSize(a);
          encoder.setMaxTableSize(b);
        }
        const list = toList(c.headers);
        expect(decoder.decode(encoder.encode(list)).headers, `${file} #${i}`).toEqual(list);
      }
    }
  });
});
