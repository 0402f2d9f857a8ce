/**
 * The Huffman code of RFC 7541 Appendix B, shared by HPACK (RFC 7541 §5.2) and QPACK (RFC 9204 §4.1.2, which
 * uses it unmodified). Text is Latin-1: one character per octet. Decoding runs the generated automaton of
 * table.generated.ts one nibble at a time (a state is an internal node of the code tree; one lookup gives the next
 * state, the symbol completed on the way — at most one, the shortest code being 5 bits — and whether the input may
 * end there); encoding packs the generated codes. The HPACK and QPACK modules wrap these with their own errors.
 */
import * as tables from './table.generated';

// Local bindings: hot loops then read plain constants, not module namespace properties.
const { HUFFMAN_ACCEPT, HUFFMAN_CODES, HUFFMAN_DECODE, HUFFMAN_EMIT, HUFFMAN_FAIL, HUFFMAN_LENGTHS } = tables;

/** Why Huffman-coded octets are not a valid string (RFC 7541 §5.2): EOS inside it, or bad padding. */
export type HuffmanFault = 'eos' | 'padding';

let scratch = new Uint8Array(256);

/**
 * Decodes the Huffman-coded octets bytes[start, end) to octets, or returns the fault: EOS inside the string, or
 * padding that is longer than 7 bits or not the most significant bits of EOS (RFC 7541 §5.2). The result is a view
 * of a scratch buffer: copy it (or turn it into text) before the next call.
 */
export function huffmanDecodeOctets(bytes: Uint8Array, start: number, end: number): Uint8Array | HuffmanFault {
  // Every symbol is at least 5 bits, so n octets hold at most 8n/5 symbols.
  const max = Math.ceil(((end - start) * 8) / 5);
  if (scratch.length < max) scratch = new Uint8Array(Math.max(max, scratch.length * 2));
  const out = scratch;
  let o = 0;
  let state = 0;
  let last = HUFFMAN_ACCEPT;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    let t = HUFFMAN_DECODE[state * 16 + (b >> 4)]!;
    if (t & HUFFMAN_FAIL) return 'eos';
    if (t & HUFFMAN_EMIT) out[o++] = t & 0xff;
    t = HUFFMAN_DECODE[(t >>> 16) * 16 + (b & 15)]!;
    if (t & HUFFMAN_FAIL) return 'eos';
    if (t & HUFFMAN_EMIT) out[o++] = t & 0xff;
    state = t >>> 16;
    last = t;
  }
  if (!(last & HUFFMAN_ACCEPT)) return 'padding';
  return out.subarray(0, o);
}

/** Octets as Latin-1 text (one character per octet). */
export function latin1(octets: Uint8Array): string {
  let text = '';
  for (let i = 0; i < octets.length; i += 4096) {
    text += String.fromCharCode.apply(null, octets.subarray(i, Math.min(octets.length, i + 4096)) as unknown as number[]);
  }
  return text;
}

/** Decodes Huffman-coded octets to Latin-1 text, or returns the fault (see {@link huffmanDecodeOctets}). */
export function huffmanDecodeText(bytes: Uint8Array, start: number, end: number): string | HuffmanFault {
  const out = huffmanDecodeOctets(bytes, start, end);
  return typeof out === 'string' ? out : latin1(out);
}

/** The fewest octets of text that `octets` Huffman-coded octets can hold (the longest code is 30 bits). */
export function huffmanMinDecodedLength(octets: number): number {
  return Math.max(0, Math.floor((octets * 8 - 7) / 30));
}

/** Length in octets of the Huffman coding of Latin-1 text (RFC 7541 §5.2). */
export function huffmanEncodedLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits += HUFFMAN_LENGTHS[text.charCodeAt(i) & 0xff]!;
  return Math.ceil(bits / 8);
}

/**
 * Writes the Huffman coding of Latin-1 text into `out` from `at`, padded with the high bits of EOS (RFC 7541
 * §5.2); `out` must have {@link huffmanEncodedLength} octets free there. Returns the offset after the last octet.
 */
export function huffmanEncodeInto(out: Uint8Array, at: number, text: string): number {
  let o = at;
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
  return o;
}

/** The Huffman coding of Latin-1 text as a new array. */
export function huffmanEncodeToBytes(text: string): Uint8Array {
  const out = new Uint8Array(huffmanEncodedLength(text));
  huffmanEncodeInto(out, 0, text);
  return out;
}
