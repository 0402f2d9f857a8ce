/**
 * Scanners for the start line of an HTTP/1.1 message (RFC 9112 §3 request-line, §4 status-line, §2.3 version).
 * See syntax.ts for the scanning contract (incomplete vs error, prefix-stable errors).
 */
import { describeByte, incomplete, isFieldVchar, isTchar, isVchar, scanError, SP, HTAB, type Scan } from './syntax';

/** A byte range [start, end) of a line. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** A parsed request-line: byte ranges of its parts. */
export interface RequestLine {
  readonly method: Range;
  readonly target: Range;
  readonly version: Range;
}

/** A parsed status-line: byte ranges of its parts; `reason` is absent when the line ends after the status code. */
export interface StatusLine {
  readonly version: Range;
  readonly status: Range;
  readonly reason?: Range;
}

const HTTP_SLASH = [0x48, 0x54, 0x54, 0x50, 0x2f]; // "HTTP/"

/**
 * HTTP-version = HTTP-name "/" DIGIT "." DIGIT, HTTP-name = %s"HTTP" (RFC 9112 §2.3), case-sensitive.
 * Only major version 1 is HTTP/1.x; the caller checks the major digit. Returns the index after the version.
 */
export function scanVersion(buf: Uint8Array, i: number, end: number): Scan<number> {
  for (const expected of HTTP_SLASH) {
    if (i >= end) return incomplete('line ends inside the HTTP version');
    if (buf[i] !== expected) return scanError(i, `expected "HTTP/" version, got ${describeByte(buf[i]!)} (RFC 9112 §2.3)`);
    i++;
  }
  for (const part of ['digit', '.', 'digit'] as const) {
    if (i >= end) return incomplete('line ends inside the HTTP version');
    const b = buf[i]!;
    const ok = part === '.' ? b === 0x2e : b >= 0x30 && b <= 0x39;
    if (!ok) return scanError(i, `malformed HTTP version: expected ${part === '.' ? "'.'" : 'a digit'}, got ${describeByte(b)} (RFC 9112 §2.3)`);
    i++;
  }
  return { kind: 'ok', value: i };
}

/** request-line = method SP request-target SP HTTP-version (RFC 9112 §3). */
export function scanRequestLine(buf: Uint8Array, start: number, end: number): Scan<RequestLine> {
  let i = start;
  while (i < end && isTchar(buf[i]!)) i++;
  if (i >= end) return incomplete('request line ends inside the method');
  if (i === start) return scanError(i, `request line must start with a method token, got ${describeByte(buf[i]!)} (RFC 9112 §3)`);
  if (buf[i] !== SP) return scanError(i, `invalid character ${describeByte(buf[i]!)} in method (RFC 9112 §3.1)`);
  const method = { start, end: i };
  const targetStart = ++i;
  while (i < end && isVchar(buf[i]!)) i++;
  if (i >= end) return incomplete('request line ends before the HTTP version');
  if (i === targetStart) return scanError(i, `expected a request-target after the method, got ${describeByte(buf[i]!)} (RFC 9112 §3.2)`);
  if (buf[i] !== SP) return scanError(i, `invalid character ${describeByte(buf[i]!)} in request-target (RFC 9112 §3.2)`);
  const target = { start: targetStart, end: i };
  const versionStart = ++i;
  const version = scanVersion(buf, versionStart, end);
  if (version.kind !== 'ok') return version;
  const major = buf[versionStart + 5]!;
  if (major !== 0x31) {
    const preface = major === 0x32 && isPriStar(buf, method, target);
    return scanError(
      versionStart + 5,
      preface
        ? 'the HTTP/2 connection preface (RFC 9113 §3.4) on an HTTP/1.1 connection'
        : `HTTP major version ${String.fromCharCode(major)} is not HTTP/1.x (RFC 9112 §2.3; a server answers 505)`,
    );
  }
  if (version.value < end) return scanError(version.value, `unexpected ${describeByte(buf[version.value]!)} after the HTTP version (RFC 9112 §3)`);
  return { kind: 'ok', value: { method, target, version: { start: versionStart, end: version.value } } };
}

function isPriStar(buf: Uint8Array, method: Range, target: Range): boolean {
  return (
    method.end - method.start === 3 &&
    buf[method.start] === 0x50 &&
    buf[method.start + 1] === 0x52 &&
    buf[method.start + 2] === 0x49 &&
    target.end - target.start === 1 &&
    buf[target.start] === 0x2a
  );
}

/**
 * status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4), status-code = 3DIGIT,
 * reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ). Leniency: a line that ends right after the status code
 * (no second SP) is accepted, as deployed servers send it.
 */
export function scanStatusLine(buf: Uint8Array, start: number, end: number): Scan<StatusLine> {
  const version = scanVersion(buf, start, end);
  if (version.kind !== 'ok') return version;
  if (buf[start + 5] !== 0x31) return scanError(start + 5, `HTTP major version ${String.fromCharCode(buf[start + 5]!)} is not HTTP/1.x (RFC 9112 §2.3)`);
  let i = version.value;
  if (i >= end) return incomplete('status line ends before the status code');
  if (buf[i] !== SP) return scanError(i, `expected SP after the HTTP version, got ${describeByte(buf[i]!)} (RFC 9112 §4)`);
  const statusStart = ++i;
  for (; i < statusStart + 3; i++) {
    if (i >= end) return incomplete('status line ends inside the status code');
    const b = buf[i]!;
    if (b < 0x30 || b > 0x39) return scanError(i, `status code must be 3 digits, got ${describeByte(b)} (RFC 9112 §4)`);
  }
  const status = { start: statusStart, end: i };
  const versionRange = { start, end: version.value };
  if (i >= end) return { kind: 'ok', value: { version: versionRange, status } };
  if (buf[i] !== SP) return scanError(i, `expected SP after the status code, got ${describeByte(buf[i]!)} (RFC 9112 §4)`);
  const reasonStart = ++i;
  for (; i < end; i++) {
    const b = buf[i]!;
    if (!(isFieldVchar(b) || b === SP || b === HTAB)) return scanError(i, `invalid character ${describeByte(b)} in reason-phrase (RFC 9112 §4)`);
  }
  return { kind: 'ok', value: { version: versionRange, status, reason: { start: reasonStart, end } } };
}
