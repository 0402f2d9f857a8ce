/**
 * QPACK's generated tables (RFC 9204), written by scripts/gen-hpack-tables.ts next to HPACK's:
 *   electron/engine/protocols/http3/qpack/static-table.generated.ts   (RFC 9204 Appendix A, 99 entries, index 0 first)
 *
 * QPACK's Huffman code is HPACK's (RFC 9204 §4.1.2): both use protocols/huffman (see huffman-table-source.ts).
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
