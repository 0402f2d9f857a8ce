/**
 * Seeded mutation fuzzing: 20,000 inputs mutated from the vectors. The parser must only ever return items
 * (never throw), keep its byte accounting exact, and give the same items for any split of the input.
 */
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../../../shared/bytes';
import { coveredBytes, normalize, prng, runSplit, VECTORS, type Vector } from './fixtures';
import { itemToEvent } from './events';
import type { Http1Item } from './items';
import type { Http1Limits } from './parser';

const ITERATIONS = 20_000;
const SPECIAL = [0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x3b, 0x3d, 0x22, 0x5c, 0x30, 0x31, 0x61, 0x46, 0x00, 0x7f, 0xff, 0x2c];
const ITEM_TYPES = new Set(['head', 'chunk', 'body', 'end', 'upgrade', 'error']);

function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(rand() * n);
  const byte = (): number => (rand() < 0.7 ? SPECIAL[pick(SPECIAL.length)]! : pick(256));
  let out = [...bytes];
  const count = 1 + pick(3);
  for (let k = 0; k < count; k++) {
    const at = pick(out.length + 1);
    switch (pick(6)) {
      case 0:
        if (out.length > 0) out[Math.min(at, out.length - 1)] = byte();
        break;
      case 1:
        out.splice(at, 0, byte());
        break;
      case 2:
        out.splice(at, 1 + pick(4));
        break;
      case 3: {
        const len = 1 + pick(16);
        out.splice(at, 0, ...out.slice(at, at + len));
        break;
      }
      case 4: {
        const other = VECTORS[pick(VECTORS.length)]!.bytes;
        out = [...out.slice(0, at), ...other.subarray(pick(other.length))];
        break;
      }
      default:
        out = out.slice(0, at);
    }
  }
  return Uint8Array.from(out);
}

function randomCuts(length: number, rand: () => number): number[] {
  const n = Math.floor(rand() * 5);
  return Array.from({ length: n }, () => Math.floor(rand() * (length + 1))).sort((a, b) => a - b);
}

/** A cheap assertion for the hot loop (expect() per item would dominate the run time). */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invariant broken: ${what}`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkInvariants(input: Uint8Array, items: readonly Http1Item[]): void {
  let at = 0;
  items.forEach((item, k) => {
    check(ITEM_TYPES.has(item.type), 'known item type');
    check(item.offset === at, 'offsets follow the bytes covered');
    const bytes = item.type === 'upgrade' ? item.rest : item.raw;
    at += bytes.length;
    if (item.type === 'error') {
      check(k === items.length - 1, 'error is the last item');
      const end = item.offset + item.raw.length;
      check(item.data.offset === end - 1 || (item.data.offset === input.length && end === input.length), 'error raw ends at its byte');
    }
    if (item.type === 'head' || item.type === 'chunk' || item.type === 'end') {
      for (const f of item.fields) check(f.start >= 0 && f.start <= f.end && f.end <= item.raw.length, `span ${f.path} inside raw`);
    }
    if (item.type === 'chunk') {
      const data = item.fields.find((f) => f.path === 'data')!;
      check(sameBytes(item.raw.subarray(data.start, data.end), item.payload), 'payload is the data span');
    }
    if (item.type !== 'upgrade') {
      const event = itemToEvent(item, { time: 0, conn: 1, vantage: 'client', dir: 'received' });
      check(sameBytes(fromBase64(event.raw ?? '')!, item.raw), 'event raw is item raw');
    }
  });
  const covered = coveredBytes(items);
  check(sameBytes(covered, input.subarray(0, covered.length)), 'items cover a prefix of the input');
  if (!items.some((i) => i.type === 'error')) check(covered.length === input.length, 'items cover all the input');
}

describe('fuzz', () => {
  it(`survives ${ITERATIONS} mutated inputs with exact accounting and split-independent items`, () => {
    const rand = prng(0x9112);
    let errors = 0;
    for (let n = 0; n < ITERATIONS; n++) {
      const base = VECTORS[Math.floor(rand() * VECTORS.length)]!;
      const vector: Vector = { ...base, bytes: mutate(base.bytes, rand) };
      const limits: Http1Limits | undefined = rand() < 0.2 ? { maxHeadBytes: 24 + Math.floor(rand() * 64), maxHeaders: 1 + Math.floor(rand() * 3), maxChunkLineBytes: 4 + Math.floor(rand() * 8) } : undefined;
      let whole: Http1Item[] = [];
      let split: Http1Item[] = [];
      const cuts = randomCuts(vector.bytes.length, rand);
      try {
        whole = runSplit(vector, [], true, limits);
        split = runSplit(vector, cuts, true, limits);
      } catch (e) {
        throw new Error(`threw on input #${n} ${JSON.stringify([...vector.bytes])} cuts ${cuts}: ${String(e)}`);
      }
      try {
        checkInvariants(vector.bytes, whole);
        checkInvariants(vector.bytes, split);
      } catch (e) {
        throw new Error(`input #${n} ${JSON.stringify([...vector.bytes])} cuts ${cuts}: ${String(e)}`);
      }
      const a = normalize(whole);
      const b = normalize(split);
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        expect({ n, input: [...vector.bytes], cuts, items: b }).toEqual({ n, input: [...vector.bytes], cuts, items: a });
      }
      if (whole.some((i) => i.type === 'error')) errors++;
    }
    // The mutations must actually reach the error paths, and not only them.
    expect(errors).toBeGreaterThan(ITERATIONS / 4);
    expect(errors).toBeLessThan(ITERATIONS);
  });
});
