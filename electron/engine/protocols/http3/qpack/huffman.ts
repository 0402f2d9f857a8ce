/**
 * The Huffman code of RFC 7541 Appendix B, which QPACK uses unmodified (RFC 9204 §4.1.2). Decoding runs the
 * generated automaton of huffman-table.generated.ts one nibble at a time; encoding packs the generated codes.
 * Text is Latin-1: one character per octet.
 */
import type { QpackWriter } from './cursor';
import * as tables from './huffman-table.generated';

// Local bindings: hot loops then read plain constants, not module namespace properties.
const { HUFFMAN_ACCEPT, HUFFMAN_CODES, HUFFMAN_DECODE, HUFFMAN_EMIT, HUFFMAN_FAIL, HUFFMAN_LENGTHS } = tables;

/** Why Huffman-coded octets are not a valid string (RFC 7541 §5.2). */
export type HuffmanFault = 'eos' | 'padding';

/**
 * Decodes the Huffman-coded octets bytes[start, end) to Latin-1 text, or returns the fault: EOS inside the
 * string, or padding that is longer than 7 bits or not the most significant bits of EOS (RFC 7541 §5.2).
 */
export function huffmanDecode(bytes: Uint8Array, start: number, end: number): string | HuffmanFault {
  const codes: number[] = [];
  let state = 0;
  let last = HUFFMAN_ACCEPT;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    let t = HUFFMAN_DECODE[state * 16 + (b >> 4)]!;
    if (t & HUFFMAN_FAIL) return 'eos';
    if (t & HUFFMAN_EMIT) codes.push(t & 0xff);
    t = HUFFMAN_DECODE[(t >>> 16) * 16 + (b & 15)]!;
    if (t & HUFFMAN_FAIL) return 'eos';
    if (t & HUFFMAN_EMIT) codes.push(t & 0xff);
    state = t >>> 16;
    last = t;
  }
  if (!(last & HUFFMAN_ACCEPT)) return 'padding';
  let text = '';
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  return text;
}

/** The fewest octets of text that `octets` Huffman-coded octets can hold (the longest code is 30 bits). */
export function huffmanMinDecodedLength(octets: number): number {
  return Math.max(0, Math.floor((octets * 8 - 7) / 30));
}

/** Length in octets of the Huffman coding of Latin-1 text. */
export function huffmanEncodedLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits += HUFFMAN_LENGTHS[text.charCodeAt(i) & 0xff]!;
  return Math.ceil(bits / 8);
}

/** Appends the Huffman coding of Latin-1 text, padded with the high bits of EOS (RFC 7541 §5.2). */
export function huffmanEncode(writer: QpackWriter, text: string): void {
  const out = new Uint8Array(huffmanEncodedLength(text));
  let o = 0;
  // `acc` holds `bits` (< 8) pending bits; adding at most 24 more keeps it within 31 bits.
  let acc = 0;
  let bits = 0;
  const put = (code: number, len: number): void => {
    acc = (acc << len) | code;
    bits += len;
    while (bits >= 8) {
      bits -= 8;
      out[o++] = acc >>> bits;
    }
    acc &= (1 << bits) - 1;
  };
  for (let i = 0; i < text.length; i++) {
    const sym = text.charCodeAt(i) & 0xff;
    const len = HUFFMAN_LENGTHS[sym]!;
    const code = HUFFMAN_CODES[sym]!;
    if (len <= 24) put(code, len);
    else {
      put(code >>> 16, len - 16);
      put(code & 0xffff, 16);
    }
  }
  if (bits > 0) out[o++] = (acc << (8 - bits)) | (0xff >> bits);
  writer.bytes(out);
}
