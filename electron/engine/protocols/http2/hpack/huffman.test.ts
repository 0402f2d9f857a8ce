import { describe, expect, it } from 'vitest';
import { HpackError } from './errors';
import { huffmanDecode, huffmanDecodeToString, huffmanEncodeToBytes, huffmanEncodedLength } from './huffman';
import { HUFFMAN_CODES, HUFFMAN_LENGTHS } from '../../huffman/table.generated';
import { fromHex, toHex } from '../../../../../shared/bytes';

/** A slow, obviously correct reference: match codes bit by bit. Returns null where the RFC says "error". */
function referenceDecode(bytes: Uint8Array): number[] | null {
  const byCode = new Map<string, number>();
  for (let s = 0; s <= 256; s++) byCode.set(HUFFMAN_CODES[s]!.toString(2).padStart(HUFFMAN_LENGTHS[s]!, '0'), s);
  const out: number[] = [];
  let pending = '';
  for (const b of bytes) {
    for (let i = 7; i >= 0; i--) {
      pending += (b >> i) & 1;
      const sym = byCode.get(pending);
      if (sym === undefined) continue;
      if (sym === 256) return null;
      out.push(sym);
      pending = '';
    }
  }
  if (pending.length > 7 || /0/.test(pending)) return null;
  return out;
}

function decodeAll(hex: string): string {
  const b = fromHex(hex)!;
  return huffmanDecodeToString(b, 0, b.length);
}

describe('HPACK Huffman code (RFC 7541 §5.2, Appendix B)', () => {
  const rfc: Array<[string, string]> = [
    ['www.example.com', 'f1e3c2e5f23a6ba0ab90f4ff'],
    ['no-cache', 'a8eb10649cbf'],
    ['custom-key', '25a849e95ba97d7f'],
    ['custom-value', '25a849e95bb8e8b4bf'],
    ['302', '6402'],
    ['private', 'aec3771a4b'],
    ['Mon, 21 Oct 2013 20:13:21 GMT', 'd07abe941054d444a8200595040b8166e082a62d1bff'],
    ['https://www.example.com', '9d29ad171863c78f0b97c8e9ae82ae43d3'],
    ['307', '640eff'],
    ['gzip', '9bd9ab'],
    ['foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1', '94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007'],
  ];

  it('encodes and decodes the strings of RFC 7541 C.4 and C.6', () => {
    for (const [text, hex] of rfc) {
      expect(toHex(huffmanEncodeToBytes(text))).toBe(hex);
      expect(huffmanEncodedLength(text)).toBe(hex.length / 2);
      expect(decodeAll(hex)).toBe(text);
    }
  });

  it('round-trips every octet value and the empty string', () => {
    let all = '';
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    expect(huffmanDecodeToString(huffmanEncodeToBytes(all), 0, huffmanEncodedLength(all))).toBe(all);
    expect(huffmanEncodeToBytes('').length).toBe(0);
    expect(decodeAll('')).toBe('');
    for (let i = 0; i < 256; i++) {
      const s = String.fromCharCode(i).repeat(3);
      expect(huffmanDecodeToString(huffmanEncodeToBytes(s), 0, huffmanEncodedLength(s))).toBe(s);
    }
  });

  it('rejects EOS inside the string', () => {
    expect(() => decodeAll('ffffffff')).toThrow(/EOS/); // 30 ones = EOS
    // 'a' (00011) then EOS (30 ones) then 5 bits of padding.
    expect(() => decodeAll('1fffffffff')).toThrow(HpackError);
  });

  it('rejects padding longer than 7 bits', () => {
    expect(decodeAll('1f')).toBe('a'); // 00011 + 111
    expect(() => decodeAll('1fff')).toThrow(/padding/); // 11 bits of ones
    expect(() => decodeAll('ff')).toThrow(/padding/); // 8 bits of ones, no symbol
  });

  it('rejects padding that is not all ones', () => {
    expect(() => decodeAll('18')).toThrow(/padding/); // 00011 + 000
    expect(() => decodeAll('1e')).toThrow(/padding/); // 00011 + 110
  });

  it('reports the offset of the string start', () => {
    const b = fromHex('0000ff')!;
    try {
      huffmanDecode(b, 2, 3);
      expect.unreachable();
    } catch (e) {
      expect((e as HpackError).offset).toBe(2);
    }
  });

  it('agrees with a bit-by-bit reference decoder on random input', () => {
    let seed = 12345;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    for (let n = 0; n < 3000; n++) {
      let bytes: Uint8Array;
      if (n % 2 === 0) {
        // Valid encodings, sometimes with the last byte mutated.
        const len = rnd() % 12;
        let s = '';
        for (let i = 0; i < len; i++) s += String.fromCharCode(rnd() % 3 === 0 ? rnd() & 0xff : 97 + (rnd() % 26));
        bytes = huffmanEncodeToBytes(s);
        if (n % 4 === 0 && bytes.length > 0) bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ (1 << rnd() % 8);
      } else {
        bytes = Uint8Array.from({ length: rnd() % 6 }, () => (rnd() % 2 ? 0xff : rnd() & 0xff));
      }
      const expected = referenceDecode(bytes);
      let got: number[] | null;
      try {
        got = [...huffmanDecode(bytes, 0, bytes.length)];
      } catch (e) {
        expect(e).toBeInstanceOf(HpackError);
        got = null;
      }
      expect(got, toHex(bytes)).toEqual(expected);
    }
  });
});
