/**
 * The chunk-size line of the chunked transfer coding (RFC 9112 §7.1, §7.1.1):
 *
 *   chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *   last-chunk     = 1*("0") [ chunk-ext ] CRLF
 *   chunk-size     = 1*HEXDIG
 *   chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 *   chunk-ext-val  = token / quoted-string
 *
 * Leniency: whitespace after the size or an extension, before the CRLF, is accepted (deployed senders pad).
 */
import type { HeaderField } from '../../../../shared/events';
import type { Range } from './start-line';
import { describeByte, hexValue, HTAB, incomplete, isTchar, isWs, isFieldVchar, scanError, SP, type Scan } from './syntax';

/** A parsed chunk-size line. */
export interface ChunkLine {
  readonly size: number;
  /** The hex digits. */
  readonly sizeRange: Range;
  /** Everything after the digits (extensions with their whitespace); empty when there are none. */
  readonly extRange: Range;
  /** Extensions as [name, value]: value unquoted, '' when the extension has no value. */
  readonly extensions: readonly HeaderField[];
}

/** Reads a chunk-size line's content [start, end) (without its CRLF). */
export function scanChunkLine(buf: Uint8Array, start: number, end: number): Scan<ChunkLine> {
  let i = start;
  let size = 0;
  while (i < end) {
    const d = hexValue(buf[i]!);
    if (d < 0) break;
    size = size * 16 + d;
    if (size > Number.MAX_SAFE_INTEGER) return scanError(i, 'chunk size too large');
    i++;
  }
  if (i === start) {
    if (i >= end) return incomplete('empty chunk-size line (RFC 9112 §7.1)');
    return scanError(i, `chunk size must be hex digits, got ${describeByte(buf[i]!)} (RFC 9112 §7.1)`);
  }
  const sizeRange = { start, end: i };
  const extensions: HeaderField[] = [];
  for (;;) {
    while (i < end && isWs(buf[i]!)) i++;
    if (i >= end) break;
    if (buf[i] !== 0x3b) return scanError(i, `expected ';' or CRLF after the chunk size, got ${describeByte(buf[i]!)} (RFC 9112 §7.1)`);
    i++;
    while (i < end && isWs(buf[i]!)) i++;
    const nameStart = i;
    while (i < end && isTchar(buf[i]!)) i++;
    if (i >= end && i === nameStart) return incomplete('chunk extension without a name (RFC 9112 §7.1.1)');
    if (i === nameStart) return scanError(i, `chunk extension name must be a token, got ${describeByte(buf[i]!)} (RFC 9112 §7.1.1)`);
    const name = text(buf, nameStart, i);
    let j = i;
    while (j < end && isWs(buf[j]!)) j++;
    if (j < end && buf[j] === 0x3d) {
      j++;
      while (j < end && isWs(buf[j]!)) j++;
      const value = scanExtValue(buf, j, end);
      if (value.kind !== 'ok') return value;
      extensions.push([name, value.value.text]);
      i = value.value.next;
    } else {
      extensions.push([name, '']);
      i = j;
    }
  }
  return { kind: 'ok', value: { size, sizeRange, extRange: { start: sizeRange.end, end }, extensions } };
}

/** chunk-ext-val = token / quoted-string (RFC 9110 §5.6.4 quoted-string, quoted-pair). */
function scanExtValue(buf: Uint8Array, i: number, end: number): Scan<{ text: string; next: number }> {
  if (i >= end) return incomplete('chunk extension value missing after "=" (RFC 9112 §7.1.1)');
  if (buf[i] !== 0x22) {
    const start = i;
    while (i < end && isTchar(buf[i]!)) i++;
    if (i === start) return scanError(i, `chunk extension value must be a token or quoted-string, got ${describeByte(buf[i]!)} (RFC 9112 §7.1.1)`);
    return { kind: 'ok', value: { text: text(buf, start, i), next: i } };
  }
  let out = '';
  for (i++; ; i++) {
    if (i >= end) return incomplete('unterminated quoted-string in chunk extension (RFC 9110 §5.6.4)');
    const c = buf[i]!;
    if (c === 0x22) return { kind: 'ok', value: { text: out, next: i + 1 } };
    if (c === 0x5c) {
      i++;
      if (i >= end) return incomplete('unterminated quoted-pair in chunk extension (RFC 9110 §5.6.4)');
      const q = buf[i]!;
      if (!(isFieldVchar(q) || q === SP || q === HTAB)) return scanError(i, `invalid character ${describeByte(q)} in quoted-pair (RFC 9110 §5.6.4)`);
      out += String.fromCharCode(q);
    } else if (isFieldVchar(c) || c === SP || c === HTAB) {
      out += String.fromCharCode(c);
    } else {
      return scanError(i, `invalid character ${describeByte(c)} in quoted-string (RFC 9110 §5.6.4)`);
    }
  }
}

function text(buf: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(buf[i]!);
  return out;
}
