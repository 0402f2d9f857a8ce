/**
 * The qifs offline-interop corpus (test-vectors/qpack, from github.com/qpackers/qifs): every encoder's output
 * decodes to its .qif header lists, and the error corpus is handled as RFC 9204 says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QpackDecoder } from './decoder';
import { QpackError } from './errors';
import { parseInteropFile, parseQif } from './offline-interop';
import type { HeaderField } from './types';

const ROOT = join(__dirname, '../../../../../test-vectors/qpack');
const ENCODED = join(ROOT, 'encoded/qpack-05');

/** Decodes an encoder output file; returns header lists by stream id, in the order the file names streams. */
function decodeFile(bytes: Uint8Array, maxTableCapacity: number, maxBlockedStreams: number): Map<number, HeaderField[]> {
  // The corpus was made with draft-05 encoders, whose table started at the maximum capacity.
  const decoder = new QpackDecoder({ maxTableCapacity, maxBlockedStreams, initialTableCapacity: maxTableCapacity });
  const out = new Map<number, HeaderField[]>();
  for (const block of parseInteropFile(bytes)) {
    if (block.streamId === 0) {
      for (const s of decoder.receiveEncoderStream(block.payload).unblocked) out.set(s.streamId, s.headers);
      continue;
    }
    out.set(block.streamId, []); // keeps the file's stream order
    const result = decoder.decodeFieldSection(block.streamId, block.payload);
    if (result !== 'blocked') out.set(block.streamId, result.headers);
  }
  expect(decoder.blockedStreams()).toEqual([]);
  expect(decoder.bufferedEncoderStreamBytes).toBe(0);
  return out;
}

function readQif(name: string): HeaderField[][] {
  return parseQif(readFileSync(join(ROOT, 'qifs', `${name}.qif`), 'latin1')).map((l) => l.headers);
}

interface EncodedCase {
  readonly encoder: string;
  readonly file: string;
  readonly qif: string;
  readonly tableSize: number;
  readonly maxBlocked: number;
}

function encodedCases(): EncodedCase[] {
  const cases: EncodedCase[] = [];
  for (const encoder of readdirSync(ENCODED, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(ENCODED, encoder)).sort()) {
      const m = /^(.+)\.out\.(\d+)\.(\d+)\.(\d+)$/.exec(file);
      if (!m) throw new Error(`unexpected file name ${encoder}/${file}`);
      cases.push({ encoder, file, qif: m[1]!, tableSize: Number(m[2]), maxBlocked: Number(m[3]) });
    }
  }
  return cases;
}

const CASES = encodedCases();
const WITH_QIF = CASES.filter((c) => c.qif !== 'examples'); // examples.out is RFC 9204 Appendix B: rfc9204-appendix-b.test.ts

describe('qifs: other encoders decode to their .qif header lists', () => {
  it('covers every encoder output in the corpus', () => {
    expect(new Set(CASES.map((c) => c.encoder))).toEqual(new Set(['examples', 'f5', 'ls-qpack', 'nghttp3', 'proxygen', 'qthingey', 'quinn']));
    expect(WITH_QIF.length).toBe(CASES.length - 1);
    expect(WITH_QIF.length).toBeGreaterThanOrEqual(240);
  });

  for (const c of WITH_QIF) {
    it(`${c.encoder}/${c.file}`, () => {
      const lists = readQif(c.qif);
      const decoded = decodeFile(readFileSync(join(ENCODED, c.encoder, c.file)), c.tableSize, c.maxBlocked);
      // Stream n carries list n (1-based), in order; every list is there.
      expect([...decoded.keys()]).toEqual(lists.map((_, i) => i + 1));
      for (const [streamId, headers] of decoded) expect(headers, `stream ${streamId}`).toEqual(lists[streamId - 1]);
    });
  }

  it('draft-examples.out decodes to draft-examples.qif (its streams named by "# stream N" comments)', () => {
    const lists = parseQif(readFileSync(join(ROOT, 'qifs/draft-examples.qif'), 'latin1'));
    const decoded = decodeFile(readFileSync(join(ENCODED, 'draft-examples.out')), 4096, 100);
    expect([...decoded.keys()]).toEqual(lists.map((l) => l.streamComment));
    for (const l of lists) expect(decoded.get(l.streamComment!)).toEqual(l.headers);
  });
});

describe('qifs: the error corpus (encoded/errors)', () => {
  const dir = join(ROOT, 'encoded/errors');
  const run = (name: string): Map<number, HeaderField[]> => decodeFile(readFileSync(join(dir, name)), 4096, 100);
  const expectRejected = (name: string, code: number): void => {
    let caught: unknown;
    try {
      run(name);
    } catch (e) {
      caught = e;
    }
    expect(caught, name).toBeInstanceOf(QpackError);
    expect((caught as QpackError).code, `${name}: ${(caught as QpackError).message}`).toBe(code);
  };

  // Field sections on stream 1: truncated or invalid (RFC 9204 §4.5, §2.2.3, §4.5.1.2).
  for (const name of ['err1', 'err2', 'err3', 'err4', 'err5', 'err6', 'err7', 'err8']) {
    it(`${name} is rejected with QPACK_DECOMPRESSION_FAILED`, () => expectRejected(name, 0x200));
  }
  // Encoder stream instructions: Duplicate of a missing entry (§2.2.3), a name index past the static table (§3.1).
  for (const name of ['err11', 'err12']) {
    it(`${name} is rejected with QPACK_ENCODER_STREAM_ERROR`, () => expectRejected(name, 0x201));
  }
  // err9 (0000 c0) and err10 (0000 fe) are valid: static indices 0 and 62 exist in the 99-entry table of RFC 9204
  // Appendix A. They would be errors against HPACK's 1-based 61-entry table; other decoders (quic-go's qpack)
  // also accept them.
  it('err9 and err10 are valid sections: static index 0 and 62', () => {
    expect(run('err9').get(1)).toEqual([[':authority', '']]);
    expect(run('err10').get(1)).toEqual([['x-xss-protection', '1; mode=block']]);
  });
});
