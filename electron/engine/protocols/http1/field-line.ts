/**
 * Scanner for one field line of a header or trailer section (RFC 9112 §5, RFC 9110 §5.5).
 */
import type { Range } from './start-line';
import { describeByte, incomplete, isFieldVchar, isTchar, isWs, scanError, type Scan } from './syntax';

/** A parsed field line: the name, and the value without leading and trailing whitespace. */
export interface FieldLine {
  readonly name: Range;
  readonly value: Range;
}

/**
 * field-line = field-name ":" OWS field-value OWS (RFC 9112 §5), field-name = token,
 * field-value = *field-content of field-vchar, SP and HTAB (RFC 9110 §5.5).
 * Rejected: a line that starts with whitespace (obs-fold, RFC 9112 §5.2; or whitespace before the first
 * field line, §2.2), whitespace between name and colon (§5.1), and CR, LF, NUL or other controls in the value
 * (RFC 9110 §5.5).
 */
export function scanFieldLine(buf: Uint8Array, start: number, end: number, first: boolean): Scan<FieldLine> {
  if (start < end && isWs(buf[start]!)) {
    return scanError(
      start,
      first
        ? 'whitespace between the start line and the first field line (RFC 9112 §2.2)'
        : 'obsolete line folding (obs-fold) is rejected (RFC 9112 §5.2)',
    );
  }
  let i = start;
  while (i < end && isTchar(buf[i]!)) i++;
  if (i >= end) return incomplete('field line has no colon (RFC 9112 §5)');
  const b = buf[i]!;
  if (b !== 0x3a) {
    if (isWs(b) && i > start) return scanError(i, 'whitespace between field name and colon (RFC 9112 §5.1)');
    return scanError(i, `invalid character ${describeByte(b)} in field name (RFC 9110 §5.1)`);
  }
  if (i === start) return scanError(i, 'empty field name (RFC 9110 §5.1)');
  const name = { start, end: i };
  i++;
  while (i < end && isWs(buf[i]!)) i++;
  const valueStart = i;
  let valueEnd = i;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (isFieldVchar(c)) valueEnd = i + 1;
    else if (!isWs(c)) return scanError(i, `invalid character ${describeByte(c)} in field value (RFC 9110 §5.5)`);
  }
  return { kind: 'ok', value: { name, value: { start: valueStart, end: valueEnd } } };
}
