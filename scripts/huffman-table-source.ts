/**
 * The Huffman code of RFC 7541 Appendix B as TypeScript, written by scripts/gen-hpack-tables.ts to
 *   electron/engine/protocols/huffman/table.generated.ts
 * HPACK (RFC 7541 §5.2) and QPACK (RFC 9204 §4.1.2, unmodified) both use it: the codes and lengths for encoding,
 * and the decoder's state machine (one lookup per nibble), so the runtime builds no code tree.
 */

/** Decoder flag: a symbol was completed inside this nibble (bits 0-7 hold it). */
const EMIT = 0x100;
/** Decoder flag: the input may end after this nibble (root, or at most 7 one bits into EOS: RFC 7541 §5.2). */
const ACCEPT = 0x200;
/** Decoder flag: the nibble completes EOS, which a string literal must not contain (RFC 7541 §5.2). */
const FAIL = 0x400;

/**
 * The Huffman decoding automaton: states are the internal nodes of the code tree (the root is 0); entry
 * 16 * state + nibble holds the next state (bits 16-23), the flags above and the symbol emitted (bits 0-7). The
 * shortest code is 5 bits, so a nibble completes at most one symbol.
 */
export function buildHuffmanDecodeTable(codes: number[], lengths: number[]): number[] {
  const EOS = 256;
  const NONE = -1 - 0x10000;
  const child: number[] = [NONE, NONE];
  const depth: number[] = [0];
  const allOnes: boolean[] = [true];
  for (let sym = 0; sym <= EOS; sym++) {
    let node = 0;
    for (let i = lengths[sym]! - 1; i >= 0; i--) {
      const bit = Math.floor(codes[sym]! / 2 ** i) & 1;
      const slot = 2 * node + bit;
      if (i === 0) {
        child[slot] = -1 - sym;
        continue;
      }
      if (child[slot] === NONE) {
        child[slot] = depth.length;
        child.push(NONE, NONE);
        depth.push(depth[node]! + 1);
        allOnes.push(allOnes[node]! && bit === 1);
      }
      node = child[slot]!;
    }
  }
  const states = depth.length;
  if (states !== 256) throw new Error(`Huffman tree has ${states} internal nodes, expected 256`);
  const table: number[] = [];
  for (let state = 0; state < states; state++) {
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
        if (sym === EOS) {
          flags |= FAIL;
          break;
        }
        flags |= EMIT;
        symbol = sym;
        node = 0;
      }
      if (!(flags & FAIL) && (node === 0 || (allOnes[node]! && depth[node]! <= 7))) flags |= ACCEPT;
      table.push(node * 0x10000 + flags + symbol);
    }
  }
  return table;
}

/** Source of protocols/huffman/table.generated.ts. */
export function huffmanTableSource(header: string, codes: number[], lengths: number[]): string {
  const rowsOf = (values: string[], per: number): string => {
    const out: string[] = [];
    for (let i = 0; i < values.length; i += per) out.push('  ' + values.slice(i, i + per).join(', ') + ',');
    return out.join('\n');
  };
  const decode = buildHuffmanDecodeTable(codes, lengths);
  return `${header}
/** RFC 7541 Appendix B (HPACK; used unmodified by QPACK, RFC 9204 §4.1.2): the code of each symbol 0..256 (256 = EOS), LSB-aligned. */
export const HUFFMAN_CODES: Uint32Array = new Uint32Array([
${rowsOf(codes.map((c) => '0x' + c.toString(16)), 8)}
]);

/** RFC 7541 Appendix B: the length in bits of the code of each symbol 0..256 (256 = EOS). */
export const HUFFMAN_LENGTHS: Uint8Array = new Uint8Array([
${rowsOf(lengths.map(String), 16)}
]);

/** Decoder flag: a symbol (bits 0-7) was completed inside the nibble. */
export const HUFFMAN_EMIT = 0x${EMIT.toString(16)};
/** Decoder flag: the string may end after the nibble (padding of at most 7 one bits, RFC 7541 §5.2). */
export const HUFFMAN_ACCEPT = 0x${ACCEPT.toString(16)};
/** Decoder flag: the nibble completes EOS, an error inside a string literal (RFC 7541 §5.2). */
export const HUFFMAN_FAIL = 0x${FAIL.toString(16)};

/**
 * The decoding automaton, 16 entries (one per input nibble) for each of the 256 internal nodes of the code tree
 * (state 0 is the root): next state in bits 16-23, the flags above, the emitted symbol in bits 0-7.
 */
export const HUFFMAN_DECODE: Uint32Array = new Uint32Array([
${rowsOf(decode.map((v) => '0x' + v.toString(16)), 16)}
]);
`;
}
