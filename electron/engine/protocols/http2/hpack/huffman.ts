/**
 * The HPACK Huffman code (RFC 7541 §5.2, Appendix B).
 *
 * Decoding is table driven: a state is an internal node of the code tree (256 of them, the root is 0), and one
 * lookup per input nibble gives the next state, the symbol completed on the way (at most one: the shortest code
 * is 5 bits) and whether the input may end there. The table is built once, at module load, from the generated
 * code table.
 */
import { ByteWriter } from './cursor';
import { HpackError } from './errors';
import { HUFFMAN_CODES, HUFFMAN_EOS, HUFFMAN_LENGTHS } from './huffman-table.generated';

/** Flag: a symbol was completed inside this nibble. */
const EMIT = 0x100;
/** Flag: the input may end after this nibble (state is the root or a run of at most 7 one bits from it). */
const ACCEPT = 0x200;
/** Flag: the nibble completes EOS, which is never valid in a string (RFC 7541 §5.2). */
const FAIL = 0x400;

/**
 * Transition table, 16 entries per state: bits 0-7 symbol, 8-10 flags, 16-23 next state.
 */
const TRANSITIONS: Uint32Array = buildTransitions();

function buildTransitions(): Uint32Array {
  // Build the code tree: child[2 * node + bit] is an internal node (>= 0) or a leaf (-1 - symbol).
  const child: number[] = [-1 - 0x10000, -1 - 0x10000];
  const depth: number[] = [0];
  const allOnes: boolean[] = [true];
  let nodes = 1;
  for (let sym = 0; sym <= HUFFMAN_EOS; sym++) {
    const len = HUFFMAN_LENGTHS[sym]!;
    const code = HUFFMAN_CODES[sym]!;
    let node = 0;
    for (let i = len - 1; i >= 0; i--) {
      const bit = Math.floor(code / 2 ** i) & 1;
      const slot = 2 * node + bit;
      if (i === 0) {
        child[slot] = -1 - sym;
      } else {
        if (child[slot]! < -0x10000) {
          child[slot] = nodes;
          child.push(-1 - 0x10000, -1 - 0x10000);
          depth.push(depth[node]! + 1);
          allOnes.push(allOnes[node]! && bit === 1);
          nodes++;
        }
        node = child[slot]!;
      }
    }
  }
  const table = new Uint32Array(nodes * 16);
  for (let state = 0; state < nodes; state++) {
    for (let nibble = 0; nibble < 16; nibble++) {
      let node = state;
      let flags = 0;
      let symbol = 0;
      for (let i = 3; i >= 0; i--) {
        const next = child[2 * node + ((nibble >> i) & 1)]!;
        if (next >= 0) {
          node = next;
          continue;
        }
        const sym = -1 - next;
        if (sym === HUFFMAN_EOS) {
          flags |= FAIL;
          break;
        }
        flags |= EMIT;
        symbol = sym;
        node = 0;
      }
      // RFC 7541 §5.2: padding is at most 7 bits, all ones (the most significant bits of EOS).
      if (node === 0 || (allOnes[node]! && depth[node]! <= 7)) flags |= ACCEPT;
      table[state * 16 + nibble] = (node << 16) | flags | symbol;
    }
  }
  return table;
}

let scratch = new Uint8Array(256);

/**
 * Decodes the Huffman-coded octets bytes[start, end) into Latin-1 text (one character per octet).
 * Throws HpackError (offset = start) on EOS, padding over 7 bits, or padding that is not all ones.
 */
export function huffmanDecodeToString(bytes: Uint8Array, start: number, end: number): string {
  const out = huffmanDecode(bytes, start, end);
  let text = '';
  for (let i = 0; i < out.length; i += 4096) {
    text += String.fromCharCode.apply(null, out.subarray(i, Math.min(out.length, i + 4096)) as unknown as number[]);
  }
  return text;
}

/**
 * Decodes the Huffman-coded octets bytes[start, end). The result is a view of a scratch buffer: copy it before
 * the next call. Throws HpackError as huffmanDecodeToString does.
 */
export function huffmanDecode(bytes: Uint8Array, start: number, end: number): Uint8Array {
  // Every symbol is at least 5 bits, so n octets hold at most 8n/5 symbols.
  const max = Math.ceil(((end - start) * 8) / 5);
  if (scratch.length < max) scratch = new Uint8Array(Math.max(max, scratch.length * 2));
  const out = scratch;
  let o = 0;
  let state = 0;
  let flags = ACCEPT;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    let t = TRANSITIONS[state * 16 + (b >> 4)]!;
    if (t & FAIL) throw new HpackError('Huffman string contains EOS', start);
    if (t & EMIT) out[o++] = t & 0xff;
    state = t >>> 16;
    t = TRANSITIONS[state * 16 + (b & 15)]!;
    if (t & FAIL) throw new HpackError('Huffman string contains EOS', start);
    if (t & EMIT) out[o++] = t & 0xff;
    state = t >>> 16;
    flags = t;
  }
  if (!(flags & ACCEPT)) throw new HpackError('Huffman padding is longer than 7 bits or not all ones', start);
  return out.subarray(0, o);
}

/** Length in octets of the Huffman coding of Latin-1 text (RFC 7541 §5.2). */
export function huffmanEncodedLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits += HUFFMAN_LENGTHS[text.charCodeAt(i) & 0xff]!;
  return Math.ceil(bits / 8);
}

/** Appends the Huffman coding of Latin-1 text, padded with the high bits of EOS (RFC 7541 §5.2). */
export function huffmanEncode(writer: ByteWriter, text: string): void {
  writer.reserve(huffmanEncodedLength(text));
  // acc holds `bits` pending bits (< 8 between symbols, < 38 after adding one): exact in a double.
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const sym = text.charCodeAt(i) & 0xff;
    const len = HUFFMAN_LENGTHS[sym]!;
    acc = acc * 2 ** len + HUFFMAN_CODES[sym]!;
    bits += len;
    while (bits >= 8) {
      bits -= 8;
      const div = 2 ** bits;
      const byte = Math.floor(acc / div);
      writer.u8(byte);
      acc -= byte * div;
    }
  }
  if (bits > 0) writer.u8((acc << (8 - bits)) | (0xff >> bits));
}

/** Huffman coding of Latin-1 text as a new array (for tests and tools). */
export function huffmanEncodeToBytes(text: string): Uint8Array {
  const w = new ByteWriter(huffmanEncodedLength(text));
  huffmanEncode(w, text);
  return w.finish();
}
