/**
 * QpackEncoder: static-only mode, never-indexed fields, the blocked-streams limit (RFC 9204 §2.1.2), the eviction
 * rule (§2.1.1), the decoder stream (§4.4) and its errors, offsets for the UI.
 */
import { describe, expect, it } from 'vitest';
import { QpackWriter } from './cursor';
import { QpackDecoder, type DecodedFieldSection } from './decoder';
import { encodeDecoderInstruction } from './decoder-instructions';
import { QpackEncoder } from './encoder';
import { QpackError, QpackUsageError } from './errors';
import type { DecoderInstruction, HeaderField } from './types';

const REQUEST: HeaderField[] = [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':authority', 'framescope.test'],
  [':path', '/index.html'],
  ['user-agent', 'framescope/0.1'],
  ['x-trace', 'abc'],
];

function decoderStream(...instructions: DecoderInstruction[]): Uint8Array {
  const w = new QpackWriter();
  for (const i of instructions) encodeDecoderInstruction(w, i);
  return w.finish();
}

function codeOf(op: () => unknown): number | string {
  try {
    op();
  } catch (e) {
    return e instanceof QpackError ? e.code : String(e);
  }
  return 'no error';
}

describe('QpackEncoder', () => {
  it('with capacity 0 uses only the static table and literals, and writes no encoder stream', () => {
    const e = new QpackEncoder({ maxTableCapacity: 0, maxBlockedStreams: 0 });
    expect(e.usesDynamicTable).toBe(false);
    const r = e.encode(0, REQUEST);
    expect(r.encoderStreamBytes).toHaveLength(0);
    expect(r.requiredInsertCount).toBe(0);
    expect([r.fieldSection[0], r.fieldSection[1], r.fieldSection[2]]).toEqual([0x00, 0x00, 0xd1]); // prefix, :method GET = static 17
    expect(r.fields.map((f) => f.representation.kind)).toEqual([
      'indexed',
      'indexed',
      'literal-with-name-reference',
      'literal-with-name-reference',
      'literal-with-name-reference',
      'literal-with-literal-name',
    ]);
    expect(r.fields[0]).toMatchObject({ start: 2, end: 3 });
    expect(r.fields.at(-1)!.end).toBe(r.fieldSection.length);
    // A peer that allows a table, but a local choice of 0.
    expect(new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 10, tableCapacity: 0 }).encode(0, REQUEST).encoderStreamBytes).toHaveLength(0);
  });

  it('sends sensitive fields as never-indexed literals and never inserts them', () => {
    const e = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 10 });
    const r = e.encode(0, [['authorization', 'Bearer secret'], ['cookie', 'a=1'], ['x-secret', 's']]);
    const never = r.fields.map((f) => 'neverIndex' in f.representation && f.representation.neverIndex);
    expect(never).toEqual([true, true, false]);
    expect(r.table.entries.map((x) => x.name)).toEqual(['x-secret']);
    const custom = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 10, neverIndex: (n) => n === 'x-secret' });
    expect(custom.encode(0, [['x-secret', 's']]).table.entries).toEqual([]);
  });

  it('lets at most SETTINGS_QPACK_BLOCKED_STREAMS streams risk blocking (§2.1.2)', () => {
    const e = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 1 });
    const a = e.encode(0, REQUEST);
    expect(a.mayBlock).toBe(true);
    expect(a.requiredInsertCount).toBeGreaterThan(0);
    const b = e.encode(4, REQUEST); // same fields, but stream 4 must not block: literals or acknowledged entries only
    expect(b.mayBlock).toBe(false);
    expect(b.requiredInsertCount).toBe(0);
    expect(e.encode(0, REQUEST).mayBlock).toBe(true); // stream 0 already may block
    // Once the decoder acknowledges stream 0's sections, the entries are known and stream 4 can use them.
    e.receiveDecoderStream(decoderStream({ type: 'section-acknowledgment', streamId: 0 }, { type: 'section-acknowledgment', streamId: 0 }));
    const c = e.encode(4, REQUEST);
    expect(c.mayBlock).toBe(false);
    expect(c.requiredInsertCount).toBeGreaterThan(0);
    expect(c.fieldSection.length).toBeLessThan(b.fieldSection.length);
  });

  it('never evicts an unacknowledged or referenced entry (§2.1.1), so the decoder never meets an evicted reference', () => {
    const e = new QpackEncoder({ maxTableCapacity: 256, maxBlockedStreams: 100 });
    const d = new QpackDecoder({ maxTableCapacity: 256, maxBlockedStreams: 100 });
    const lists = Array.from({ length: 40 }, (_, i): HeaderField[] => [...REQUEST, ['x-request', `r${i % 7}`], [`x-h${i % 5}`, `v${i}`]]);
    let replies: Uint8Array[] = [];
    for (const [i, list] of lists.entries()) {
      const r = e.encode(4 * i, list);
      d.receiveEncoderStream(r.encoderStreamBytes);
      const s = d.decodeFieldSection(4 * i, r.fieldSection) as DecodedFieldSection;
      expect(s.headers).toEqual(list);
      replies.push(s.decoderStreamBytes);
      // Nothing acknowledged yet: nothing may have been evicted.
      if (i < 10) expect(e.snapshot().entries.at(-1)?.absoluteIndex ?? 0).toBe(0);
      if (i === 10) {
        for (const reply of replies) e.receiveDecoderStream(reply);
        replies = [];
      }
      if (i > 10) {
        e.receiveDecoderStream(replies.shift()!);
        // Every entry still referenced by an unacknowledged section is in the table.
        const table = e.snapshot();
        for (const entry of table.entries) if (entry.references! > 0) expect(d.snapshot().entries.some((x) => x.absoluteIndex === entry.absoluteIndex)).toBe(true);
      }
    }
    expect(e.snapshot().entries.at(-1)!.absoluteIndex).toBeGreaterThan(0); // evictions did happen once allowed
  });

  it('follows Section Acknowledgment, Stream Cancellation and Insert Count Increment (§4.4)', () => {
    const e = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 10 });
    e.encode(8, REQUEST);
    const inserted = e.snapshot().insertCount;
    expect(e.snapshot().entries.some((x) => x.references === 1)).toBe(true);
    const cancel = e.receiveDecoderStream(decoderStream({ type: 'stream-cancellation', streamId: 8 }));
    expect(cancel.table.entries.every((x) => x.references === 0)).toBe(true);
    expect(cancel.table.knownReceivedCount).toBe(0); // cancellation acknowledges nothing
    const inc = e.receiveDecoderStream(decoderStream({ type: 'insert-count-increment', increment: inserted }));
    expect(inc.instructions[0]).toMatchObject({ start: 1, end: 2 });
    expect(inc.table.knownReceivedCount).toBe(inserted);
  });

  it('rejects bad decoder instructions with QPACK_DECODER_STREAM_ERROR, and then refuses everything', () => {
    const fresh = (): QpackEncoder => {
      const e = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 10 });
      e.encode(0, REQUEST);
      return e;
    };
    expect(codeOf(() => fresh().receiveDecoderStream(decoderStream({ type: 'section-acknowledgment', streamId: 4 })))).toBe(0x202);
    expect(codeOf(() => fresh().receiveDecoderStream(decoderStream({ type: 'insert-count-increment', increment: 0 })))).toBe(0x202);
    expect(codeOf(() => fresh().receiveDecoderStream(decoderStream({ type: 'insert-count-increment', increment: 1000 })))).toBe(0x202);
    const twice = fresh();
    expect(codeOf(() => twice.receiveDecoderStream(decoderStream(...Array.from({ length: 2 }, () => ({ type: 'section-acknowledgment' as const, streamId: 0 })))))).toBe(0x202);
    expect(codeOf(() => twice.encode(4, REQUEST))).toBe(0x202);
    // Unknown streams may be cancelled (§4.4.2).
    expect(codeOf(() => fresh().receiveDecoderStream(decoderStream({ type: 'stream-cancellation', streamId: 1 << 20 })))).toBe('no error');
  });

  it('reports its encoder stream instructions with running offsets, and refuses misuse', () => {
    const e = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 10 });
    const a = e.encode(0, REQUEST);
    const b = e.encode(4, [['x-other', '1']]);
    expect(a.encoderInstructions[0]).toMatchObject({ start: 0, instruction: { type: 'set-dynamic-table-capacity', capacity: 4096 } });
    expect(b.encoderInstructions[0]!.start).toBe(a.encoderStreamBytes.length);
    expect(b.encoderInstructions.at(-1)!.end).toBe(a.encoderStreamBytes.length + b.encoderStreamBytes.length);
    expect(() => e.encode(-1, REQUEST)).toThrow(QpackUsageError);
    expect(() => e.encode(0, [['x', '\u0100']])).toThrow(QpackUsageError);
    expect(() => new QpackEncoder({ maxTableCapacity: 100, maxBlockedStreams: 0, tableCapacity: 200 })).toThrow(QpackUsageError);
  });
});
