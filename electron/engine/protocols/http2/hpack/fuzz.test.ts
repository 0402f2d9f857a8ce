/**
 * Fuzz: random and mutated header blocks never make the decoder throw anything but its typed errors, and
 * random header lists always round-trip. Seeded, so a failure reproduces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HpackDecoder } from './decoder';
import { HpackEncoder, type IndexingDecision } from './encoder';
import { HpackError, HpackHeaderListTooLargeError } from './errors';
import type { HeaderField } from './types';
import { toHex } from '../../../../../shared/bytes';
import { seededRandom as prng } from '../../../../../shared/seeded-random';


const ROOT = join(__dirname, '../../../../../test-vectors/hpack');

function rawLists(): HeaderField[][][] {
  const dir = join(ROOT, 'raw-data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const { cases } = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cases: Array<{ headers: Array<Record<string, string>> }> };
      return cases.map((c) => c.headers.map((h) => Object.entries(h)[0]! as [string, string]));
    });
}

describe('HPACK fuzz', () => {
  it('50,000 random and mutated blocks: only HpackError (or the header-list-size error) is thrown', () => {
    const rnd = prng(0xf5a3e);
    const int = (n: number): number => Math.floor(rnd() * n);
    // Seed corpus: a few stories encoded by us in each Huffman mode, as sequences of blocks.
    const stories = rawLists().slice(0, 6);
    const corpus: Uint8Array[][] = [];
    for (const [i, story] of stories.entries()) {
      const enc = new HpackEncoder({ huffman: (['auto', 'always', 'never'] as const)[i % 3], maxTableSize: i % 2 ? 4096 : 256 });
      corpus.push(story.slice(0, 12).map((list) => enc.encode(list)));
    }
    const mutate = (src: Uint8Array): Uint8Array => {
      const b = Array.from(src);
      const ops = 1 + int(4);
      for (let k = 0; k < ops; k++) {
        const at = int(b.length + 1);
        switch (int(7)) {
          case 0:
            if (b.length) b[at % b.length] = b[at % b.length]! ^ (1 << int(8));
            break;
          case 1:
            if (b.length) b[at % b.length] = int(256);
            break;
          case 2:
            b.splice(at, 0, int(256));
            break;
          case 3:
            b.splice(at, 1 + int(3));
            break;
          case 4:
            b.length = Math.min(b.length, at);
            break;
          case 5:
            b.splice(at, 0, ...[0xff, 0xff, 0xff, 0xff, 0x0f].slice(0, 1 + int(5))); // big integers
            break;
          default:
            b.splice(at, 0, ...b.slice(int(b.length), int(b.length) + 8)); // duplicate a slice
        }
      }
      return Uint8Array.from(b);
    };
    const tally = { ok: 0, hpack: 0, listSize: 0 };
    for (let n = 0; n < 50_000; n++) {
      const limit = [0, 64, 256, 4096][int(4)]!;
      const decoder = new HpackDecoder({ maxTableSize: 4096, maxHeaderListSize: [1024, 65536][int(2)]! });
      let block: Uint8Array;
      const kind = int(3);
      if (kind === 0) {
        block = Uint8Array.from({ length: int(48) }, () => int(256));
      } else {
        const blocks = corpus[int(corpus.length)]!;
        const upto = int(blocks.length);
        try {
          for (let i = 0; i < upto; i++) decoder.decode(blocks[i]!); // prime the dynamic table
        } catch (e) {
          if (!(e instanceof HpackHeaderListTooLargeError || e instanceof HpackError)) throw e;
        }
        block = kind === 1 ? mutate(blocks[upto]!) : mutate(mutate(blocks[upto]!));
      }
      if (int(4) === 0) decoder.setMaxTableSize(limit);
      try {
        decoder.decode(block);
        tally.ok++;
      } catch (e) {
        if (e instanceof HpackError) {
          expect(e.reason, toHex(block)).not.toMatch(/internal/);
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(block.length);
          tally.hpack++;
        } else if (e instanceof HpackHeaderListTooLargeError) {
          tally.listSize++;
        } else {
          throw new Error(`block ${toHex(block)} threw ${String(e)}`);
        }
      }
    }
    expect(tally.ok + tally.hpack + tally.listSize).toBe(50_000);
    expect(tally.ok).toBeGreaterThan(1000);
    expect(tally.hpack).toBeGreaterThan(10_000);
  });

  it('2,000 random header lists round-trip with random options', () => {
    const rnd = prng(42);
    const int = (n: number): number => Math.floor(rnd() * n);
    const text = (max: number): string => {
      let s = '';
      const len = int(max);
      for (let i = 0; i < len; i++) s += String.fromCharCode(int(3) ? 97 + int(26) : int(256));
      return s;
    };
    const decisions: IndexingDecision[] = ['incremental', 'without-indexing', 'never-indexed'];
    for (let round = 0; round < 20; round++) {
      const size = [0, 100, 256, 4096][int(4)]!;
      const enc = new HpackEncoder({
        maxTableSize: size,
        huffman: (['auto', 'always', 'never'] as const)[int(3)],
        indexing: int(2) ? 'incremental' : () => decisions[int(3)]!,
      });
      const dec = new HpackDecoder({ maxTableSize: size, maxHeaderListSize: 1 << 24 });
      const names = Array.from({ length: 12 }, () => text(12));
      for (let i = 0; i < 100; i++) {
        if (int(10) === 0) enc.setMaxTableSize(int(size + 1));
        const list: HeaderField[] = Array.from({ length: int(12) }, () => [int(2) ? names[int(names.length)]! : text(20), text(int(5) ? 16 : 300)] as const);
        const block = enc.encodeBlock(list, { sensitive: int(5) ? [] : [list[0]?.[0] ?? 'x'] });
        const out = dec.decode(block.bytes);
        expect(out.headers).toEqual(list);
        expect(out.table).toEqual(block.table);
      }
    }
  });
});
