/**
 * QPACK's generated tables (RFC 9204), written by scripts/gen-hpack-tables.ts next to HPACK's:
 *   electron/engine/protocols/http3/qpack/static-table.generated.ts   (RFC 9204 Appendix A, 99 entries, index 0 first)
 *   electron/engine/protocols/http3/qpack/huffman-table.generated.ts  (RFC 7541 Appendix B, which RFC 9204 §4.1.2
 *                                                                      uses unmodified, plus its decoding automaton)
 *
 * The layer rules keep protocols/http3 from importing protocols/http2, so QPACK cannot share HPACK's modules; the
 * one generator writes the same Huffman code into both folders instead. For QPACK it also writes the decoder's
 * state machine, so the runtime builds no code tree.
 */

/**
 * RFC 9204 Appendix A: index 0..98 as "name\tvalue" (the value may be empty). A tab separates the two because
 * values contain ':' and ' ' (index 85).
 */
const QPACK_STATIC_TABLE_TEXT = `
:authority\t
:path\t/
age\t0
content-disposition\t
content-length\t0
cookie\t
date\t
etag\t
if-modified-since\t
if-none-match\t
last-modified\t
link\t
location\t
referer\t
set-cookie\t
:method\tCONNECT
:method\tDELETE
:method\tGET
:method\tHEAD
:method\tOPTIONS
:method\tPOST
:method\tPUT
:scheme\thttp
:scheme\thttps
:status\t103
:status\t200
:status\t304
:status\t404
:status\t503
accept\t*/*
accept\tapplication/dns-message
accept-encoding\tgzip, deflate, br
accept-ranges\tbytes
access-control-allow-headers\tcache-control
access-control-allow-headers\tcontent-type
access-control-allow-origin\t*
cache-control\tmax-age=0
cache-control\tmax-age=2592000
cache-control\tmax-age=604800
cache-control\tno-cache
cache-control\tno-store
cache-control\tpublic, max-age=31536000
content-encoding\tbr
content-encoding\tgzip
content-type\tapplication/dns-message
content-type\tapplication/javascript
content-type\tapplication/json
content-type\tapplication/x-www-form-urlencoded
content-type\timage/gif
content-type\timage/jpeg
content-type\timage/png
content-type\ttext/css
content-type\ttext/html; charset=utf-8
content-type\ttext/plain
content-type\ttext/plain;charset=utf-8
range\tbytes=0-
strict-transport-security\tmax-age=31536000
strict-transport-security\tmax-age=31536000; includesubdomains
strict-transport-security\tmax-age=31536000; includesubdomains; preload
vary\taccept-encoding
vary\torigin
x-content-type-options\tnosniff
x-xss-protection\t1; mode=block
:status\t100
:status\t204
:status\t206
:status\t302
:status\t400
:status\t403
:status\t421
:status\t425
:status\t500
accept-language\t
access-control-allow-credentials\tFALSE
access-control-allow-credentials\tTRUE
access-control-allow-headers\t*
access-control-allow-methods\tget
access-control-allow-methods\tget, post, options
access-control-allow-methods\toptions
access-control-expose-headers\tcontent-length
access-control-request-headers\tcontent-type
access-control-request-method\tget
access-control-request-method\tpost
alt-svc\tclear
authorization\t
content-security-policy\tscript-src 'none'; object-src 'none'; base-uri 'none'
early-data\t1
expect-ct\t
forwarded\t
if-range\t
origin\t
purpose\tprefetch
server\t
timing-allow-origin\t*
upgrade-insecure-requests\t1
user-agent\t
x-forwarded-for\t
x-frame-options\tdeny
x-frame-options\tsameorigin
`;

/** Spot checks copied from RFC 9204 Appendix A (index, name, value). */
const STATIC_SPOT_CHECKS: ReadonlyArray<readonly [number, string, string]> = [
  [0, ':authority', ''],
  [17, ':method', 'GET'],
  [25, ':status', '200'],
  [31, 'accept-encoding', 'gzip, deflate, br'],
  [62, 'x-xss-protection', '1; mode=block'],
  [85, 'content-security-policy', "script-src 'none'; object-src 'none'; base-uri 'none'"],
  [98, 'x-frame-options', 'sameorigin'],
];

/** Parses and checks RFC 9204 Appendix A. */
export function parseQpackStaticTable(): Array<[string, string]> {
  const rows = QPACK_STATIC_TABLE_TEXT.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  const out = rows.map((row): [string, string] => {
    const tab = row.indexOf('\t');
    if (tab < 1) throw new Error(`static table row without a tab: ${JSON.stringify(row)}`);
    return [row.slice(0, tab), row.slice(tab + 1)];
  });
  if (out.length !== 99) throw new Error(`QPACK static table has ${out.length} entries, expected 99`);
  for (const [i, name, value] of STATIC_SPOT_CHECKS) {
    if (out[i]![0] !== name || out[i]![1] !== value) throw new Error(`QPACK static entry ${i} is ${out[i]!.join(': ')}`);
  }
  return out;
}

/** Source of static-table.generated.ts for QPACK. */
export function qpackStaticTableSource(header: string, table: Array<[string, string]>): string {
  const rows = table.map(([n, v], i) => `  [${JSON.stringify(n)}, ${JSON.stringify(v)}], // ${i}`).join('\n');
  return `${header}
/** RFC 9204 Appendix A: the QPACK static table. Entry i is static index i on the wire (QPACK counts from 0, §3.1). */
export const QPACK_STATIC_TABLE: ReadonlyArray<readonly [name: string, value: string]> = [
${rows}
];
`;
}

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

/** Source of huffman-table.generated.ts for QPACK. */
export function qpackHuffmanSource(header: string, codes: number[], lengths: number[]): string {
  const rowsOf = (values: string[], per: number): string => {
    const out: string[] = [];
    for (let i = 0; i < values.length; i += per) out.push('  ' + values.slice(i, i + per).join(', ') + ',');
    return out.join('\n');
  };
  const decode = buildHuffmanDecodeTable(codes, lengths);
  return `${header}
/** RFC 7541 Appendix B (used unmodified by RFC 9204 §4.1.2): the code of each symbol 0..256 (256 = EOS), LSB-aligned. */
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
