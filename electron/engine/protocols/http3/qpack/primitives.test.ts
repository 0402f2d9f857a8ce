/**
 * Prefixed integers, string literals and the Huffman code (RFC 9204 §4.1, RFC 7541 §5 and Appendix C), and the
 * generated tables.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../../shared/bytes';
import { QpackReader, QpackWriter } from './cursor';
import { QpackError, QpackNeedMore } from './errors';
import { huffmanDecode, huffmanEncode, huffmanEncodedLength, huffmanMinDecodedLength } from './huffman';
import { HUFFMAN_CODES, HUFFMAN_DECODE, HUFFMAN_LENGTHS } from '../../huffman/table.generated';
import { decodeInteger, encodeInteger, integerLength, MAX_QPACK_INTEGER } from './integer';
import { QPACK_STATIC_TABLE } from './static-table.generated';
import { decodeString, encodeString } from './string';

const ROOT = join(__dirname, '../../../../..');
const enc = (f: (w: QpackWriter) => void): string => {
  const w = new QpackWriter(1);
  f(w);
  return toHex(w.finish());
};
const streamReader = (hex: string): QpackReader => new QpackReader(fromHex(hex)!, 0x201, false);
const sectionReader = (hex: string): QpackReader => new QpackReader(fromHex(hex)!, 0x200, true);

describe('prefixed integers (RFC 9204 §4.1.1)', () => {
  it('encode the examples of RFC 7541 C.1 and decode them back', () => {
    expect(enc((w) => encodeInteger(w, 10, 5, 0))).toBe('0a');
    expect(enc((w) => encodeInteger(w, 1337, 5, 0))).toBe('1f9a0a');
    expect(enc((w) => encodeInteger(w, 42, 8, 0))).toBe('2a');
    expect(decodeInteger(streamReader('1f9a0a'), 5, 'x')).toBe(1337);
    expect(decodeInteger(streamReader('ea'), 5, 'x')).toBe(10); // high bits belong to the instruction
  });

  it('round-trip every prefix size from 3 to 8 bits, up to 2^62 - 1', () => {
    for (let bits = 3; bits <= 8; bits++) {
      for (const v of [0, 1, (1 << bits) - 2, (1 << bits) - 1, 1 << bits, 127, 128, 16383, 2 ** 32, 2 ** 53 - 1]) {
        const hex = enc((w) => encodeInteger(w, v, bits, 0));
        expect(hex.length / 2).toBe(integerLength(v, bits));
        expect(decodeInteger(streamReader(hex), bits, 'x')).toBe(v);
      }
    }
    // 2^62 - 1 with an 8-bit prefix: 255 + continuation.
    const w = new QpackWriter();
    encodeInteger(w, MAX_QPACK_INTEGER, 8, 0);
    expect(decodeInteger(new QpackReader(w.finish(), 0x200, true), 8, 'x')).toBe(MAX_QPACK_INTEGER);
  });

  it('reject values over 2^62 - 1 and over-long encodings', () => {
    expect(() => decodeInteger(sectionReader('ff' + 'ff'.repeat(9) + '01'), 8, 'x')).toThrow(QpackError);
    expect(() => decodeInteger(sectionReader('1f' + '80'.repeat(11) + '00'), 5, 'x')).toThrow(/too many octets/);
  });

  it('say "need more" on a stream and "malformed" in a field section when cut short', () => {
    for (const cut of ['', '1f', '1f9a']) {
      expect(() => decodeInteger(streamReader(cut), 5, 'x')).toThrow(QpackNeedMore);
      expect(() => decodeInteger(sectionReader(cut), 5, 'x')).toThrow(QpackError);
    }
  });
});

describe('Huffman code (RFC 7541 Appendix B, RFC 9204 §4.1.2)', () => {
  it('codes "www.example.com" as in RFC 7541 C.4.1 and decodes it', () => {
    expect(enc((w) => huffmanEncode(w, 'www.example.com'))).toBe('f1e3c2e5f23a6ba0ab90f4ff');
    const bytes = fromHex('f1e3c2e5f23a6ba0ab90f4ff')!;
    expect(huffmanDecode(bytes, 0, bytes.length)).toBe('www.example.com');
  });

  it('round-trips every octet, alone and in a run', () => {
    let all = '';
    for (let c = 0; c < 256; c++) {
      const s = String.fromCharCode(c);
      all += s + s;
      const w = new QpackWriter();
      huffmanEncode(w, s);
      expect(w.length).toBe(huffmanEncodedLength(s));
      expect(huffmanDecode(w.finish(), 0, w.length)).toBe(s);
    }
    const w = new QpackWriter();
    huffmanEncode(w, all);
    expect(huffmanDecode(w.finish(), 0, w.length)).toBe(all);
    expect(huffmanMinDecodedLength(w.length)).toBeLessThanOrEqual(all.length);
  });

  it('rejects EOS and bad padding', () => {
    expect(huffmanDecode(fromHex('ffffffff')!, 0, 4)).toBe('eos'); // 30 one bits = EOS
    expect(huffmanDecode(fromHex('00')!, 0, 1)).toBe('padding'); // '0' then 3 zero bits of padding
    expect(huffmanDecode(fromHex('ff')!, 0, 1)).toBe('padding'); // 8 bits of padding
    expect(huffmanDecode(fromHex('07')!, 0, 1)).toBe('0'); // '0' (00000) + 3 one bits of padding
  });
});

describe('string literals (RFC 9204 §4.1.2)', () => {
  it('round-trip with every prefix size, raw and Huffman', () => {
    for (const bits of [4, 6, 8]) {
      for (const huffman of [false, true]) {
        for (const text of ['', 'custom-key', 'x'.repeat(300), '\u00ff\u0000']) {
          const flags = bits === 8 ? 0 : 0x80 >> (8 - bits - 1);
          const hex = enc((w) => encodeString(w, text, bits, bits === 8 ? 0 : flags & ~((1 << bits) - 1), huffman));
          const s = decodeString(sectionReader(hex), bits, 'x');
          expect(s).toEqual({ text, huffman: huffman });
        }
      }
    }
  });

  it('checks the length before waiting for or decoding the octets', () => {
    // A value of 2^20 octets announced, 3 bytes present: the check throws at once.
    const reader = streamReader('7fffff3f61');
    expect(() =>
      decodeString(reader, 8, 'a value', (min) => {
        if (min > 4096) reader.fail('too long');
      }),
    ).toThrow(/too long/);
    expect(() => decodeString(streamReader('7fffff3f61'), 8, 'a value')).toThrow(QpackNeedMore);
  });
});

describe('generated tables', () => {
  it('are what scripts/gen-hpack-tables.ts writes, and say so', () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    expect(() => execFileSync(tsx, [join(ROOT, 'scripts/gen-hpack-tables.ts'), '--check'], { stdio: 'pipe' })).not.toThrow();
    for (const f of ['../../huffman/table.generated.ts', 'static-table.generated.ts']) {
      expect(readFileSync(join(__dirname, f), 'utf8').startsWith('// generated by scripts/gen-hpack-tables.ts — do not edit')).toBe(true);
    }
  });

  it('hold the 99 static entries of RFC 9204 Appendix A and the 257 codes with their automaton', () => {
    expect(QPACK_STATIC_TABLE).toHaveLength(99);
    expect(QPACK_STATIC_TABLE[0]).toEqual([':authority', '']);
    expect(QPACK_STATIC_TABLE[1]).toEqual([':path', '/']);
    expect(QPACK_STATIC_TABLE[31]).toEqual(['accept-encoding', 'gzip, deflate, br']);
    expect(QPACK_STATIC_TABLE[98]).toEqual(['x-frame-options', 'sameorigin']);
    expect(HUFFMAN_CODES).toHaveLength(257);
    expect(HUFFMAN_LENGTHS[256]).toBe(30);
    expect(HUFFMAN_DECODE).toHaveLength(256 * 16);
  });
});
