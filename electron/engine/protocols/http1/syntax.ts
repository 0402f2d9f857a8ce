/**
 * Byte classes and line scanning shared by the HTTP/1.1 head, chunk and trailer readers.
 *
 * Scanners work on a byte range [start, end) of a buffer and return a {@link Scan}: a value, "incomplete" (the
 * range ended where the grammar wants more), or an error at the offending byte. Scanners read left to right and
 * decide each byte from the bytes before it, so running one over a prefix of a line reports the same error at
 * the same byte as running it over the whole line: that is what lets the parser report a bad byte as soon as it
 * arrives without the result depending on how the stream was split into reads.
 */

/** Carriage return. */
export const CR = 0x0d;
/** Line feed. */
export const LF = 0x0a;
/** Space. */
export const SP = 0x20;
/** Horizontal tab. */
export const HTAB = 0x09;

const TCHAR_EXTRA = "!#$%&'*+-.^_`|~";
const TCHAR: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1;
  for (const ch of TCHAR_EXTRA) table[ch.charCodeAt(0)] = 1;
  return table;
})();

/** tchar of a token (RFC 9110 §5.6.2). */
export function isTchar(b: number): boolean {
  return TCHAR[b] === 1;
}

/** VCHAR: visible US-ASCII (RFC 5234 App. B.1). */
export function isVchar(b: number): boolean {
  return b >= 0x21 && b <= 0x7e;
}

/** field-vchar = VCHAR / obs-text (RFC 9110 §5.5). */
export function isFieldVchar(b: number): boolean {
  return (b >= 0x21 && b <= 0x7e) || b >= 0x80;
}

/** OWS / BWS whitespace: SP or HTAB (RFC 9110 §5.6.3). */
export function isWs(b: number): boolean {
  return b === SP || b === HTAB;
}

/** Value of a HEXDIG (either case), or -1. */
export function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** True when the whole string is a token (RFC 9110 §5.6.2). */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTchar(text.charCodeAt(i))) return false;
  return true;
}

/** A byte for an error message: `'x'` when printable, else its hex with a name for CR, LF, NUL, TAB. */
export function describeByte(b: number): string {
  if (b === CR) return 'CR (bare CR, RFC 9112 §2.2)';
  if (b === LF) return 'LF';
  if (b === 0) return 'NUL';
  if (b === HTAB) return 'HTAB';
  if (b === SP) return 'SP';
  if (b > 0x20 && b < 0x7f) return `'${String.fromCharCode(b)}'`;
  return '0x' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
}

/** The outcome of scanning a byte range: a value, "the grammar wants more", or an error at a byte. */
export type Scan<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'incomplete'; readonly reason: string }
  | { readonly kind: 'error'; readonly at: number; readonly reason: string };

/** A scan error at byte index `at`. */
export function scanError(at: number, reason: string): { readonly kind: 'error'; readonly at: number; readonly reason: string } {
  return { kind: 'error', at, reason };
}

/** A scan that ran out of bytes; `reason` says what was missing, for when the range was the whole line. */
export function incomplete(reason: string): { readonly kind: 'incomplete'; readonly reason: string } {
  return { kind: 'incomplete', reason };
}

/** Where a line ends, as found by {@link findLine}. */
export type LineEnd =
  /** A line: content is [start, contentEnd); the next line starts at `next`. `bareLf` when it ended in LF alone. */
  | { readonly kind: 'line'; readonly contentEnd: number; readonly next: number; readonly bareLf: boolean }
  /** No LF before `limit` and the buffer holds fewer than `limit + 1` bytes: need more. */
  | { readonly kind: 'need'; readonly partialEnd: number }
  /** No LF before `limit`, and the byte at `limit` is in: the line is too long. */
  | { readonly kind: 'too-long'; readonly partialEnd: number };

/**
 * Finds the end of the line that starts at `start` (RFC 9112 §2.2: lines end in CRLF). `limit` is the index the
 * line's LF must come before. For an unfinished line `partialEnd` is where the bytes seen so far end, less a
 * trailing CR that may be the first half of the CRLF.
 */
export function findLine(buf: Uint8Array, start: number, limit: number): LineEnd {
  const stop = Math.min(buf.length, limit);
  const lf = start < stop ? buf.subarray(0, stop).indexOf(LF, start) : -1;
  if (lf >= 0) {
    const crlf = lf > start && buf[lf - 1] === CR;
    return { kind: 'line', contentEnd: crlf ? lf - 1 : lf, next: lf + 1, bareLf: !crlf };
  }
  let partialEnd = Math.max(start, stop);
  if (partialEnd > start && buf[partialEnd - 1] === CR) partialEnd--;
  return buf.length > limit ? { kind: 'too-long', partialEnd } : { kind: 'need', partialEnd };
}
