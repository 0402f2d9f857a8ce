/**
 * Serializers for HTTP/1.1 messages (RFC 9112): heads, chunks and the last chunk with trailers. Pure functions
 * returning bytes; names and values are written as given (no case folding). Anything that would not parse back
 * as the same message (CR, LF, NUL or other controls, a name that is not a token) throws Http1UsageError.
 */
import { latin1Bytes } from '../../../../shared/bytes';
import type { HeaderField } from '../../../../shared/events';
import { Http1UsageError } from './errors';
import { HTAB, isFieldVchar, isToken, isVchar, SP } from './syntax';

/** A request head to serialize. */
export interface RequestHeadInit {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly HeaderField[];
  /** Default "HTTP/1.1". */
  readonly version?: string;
}

/** A response head to serialize. */
export interface ResponseHeadInit {
  readonly status: number;
  /** Default '' (the line still carries the SP after the status code, RFC 9112 §4). */
  readonly reason?: string;
  readonly headers: readonly HeaderField[];
  /** Default "HTTP/1.1". */
  readonly version?: string;
}

/** request-line CRLF *( field-line CRLF ) CRLF (RFC 9112 §3, §5). */
export function encodeRequestHead(init: RequestHeadInit): Uint8Array {
  if (!isToken(init.method)) throw new Http1UsageError('method must be a token (RFC 9110 §9.1)', 'method');
  if (init.target.length === 0 || !every(init.target, isVchar)) {
    throw new Http1UsageError('request-target must be visible ASCII without spaces (RFC 9112 §3.2)', 'target');
  }
  const version = checkVersion(init.version);
  return latin1Bytes(`${init.method} ${init.target} ${version}\r\n${fieldLines(init.headers, 'headers')}\r\n`);
}

/** status-line CRLF *( field-line CRLF ) CRLF (RFC 9112 §4, §5). */
export function encodeResponseHead(init: ResponseHeadInit): Uint8Array {
  if (!Number.isInteger(init.status) || init.status < 100 || init.status > 999) {
    throw new Http1UsageError('status must be a 3-digit integer (RFC 9112 §4)', 'status');
  }
  const reason = init.reason ?? '';
  if (!every(reason, (b) => isFieldVchar(b) || b === SP || b === HTAB)) {
    throw new Http1UsageError('reason-phrase must not contain CR, LF, NUL or other controls (RFC 9112 §4)', 'reason');
  }
  const version = checkVersion(init.version);
  return latin1Bytes(`${version} ${init.status} ${reason}\r\n${fieldLines(init.headers, 'headers')}\r\n`);
}

/** chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF (RFC 9112 §7.1). `data` must not be empty. */
export function encodeChunk(data: Uint8Array, extensions: readonly HeaderField[] = []): Uint8Array {
  if (data.length === 0) throw new Http1UsageError('a chunk must carry data: an empty chunk is the last chunk (RFC 9112 §7.1)', 'data');
  const line = latin1Bytes(`${data.length.toString(16)}${chunkExtensions(extensions)}\r\n`);
  const out = new Uint8Array(line.length + data.length + 2);
  out.set(line, 0);
  out.set(data, line.length);
  out[out.length - 2] = 0x0d;
  out[out.length - 1] = 0x0a;
  return out;
}

/** last-chunk trailer-section CRLF (RFC 9112 §7.1, §7.1.2). */
export function encodeLastChunk(trailers: readonly HeaderField[] = [], extensions: readonly HeaderField[] = []): Uint8Array {
  return latin1Bytes(`0${chunkExtensions(extensions)}\r\n${fieldLines(trailers, 'trailers')}\r\n`);
}

function checkVersion(version = 'HTTP/1.1'): string {
  if (!/^HTTP\/1\.[0-9]$/.test(version)) throw new Http1UsageError('version must be HTTP/1.x (RFC 9112 §2.3)', 'version');
  return version;
}

function fieldLines(fields: readonly HeaderField[], what: string): string {
  let out = '';
  fields.forEach(([name, value], i) => {
    if (!isToken(name)) throw new Http1UsageError('field name must be a token (RFC 9110 §5.1)', `${what}[${i}].name`);
    if (!every(value, (b) => isFieldVchar(b) || b === SP || b === HTAB)) {
      throw new Http1UsageError('field value must not contain CR, LF, NUL or other controls (RFC 9110 §5.5)', `${what}[${i}].value`);
    }
    out += `${name}: ${value}\r\n`;
  });
  return out;
}

/** ;name or ;name=value, the value a token or else a quoted-string (RFC 9112 §7.1.1, RFC 9110 §5.6.4). */
function chunkExtensions(extensions: readonly HeaderField[]): string {
  let out = '';
  extensions.forEach(([name, value], i) => {
    if (!isToken(name)) throw new Http1UsageError('chunk extension name must be a token (RFC 9112 §7.1.1)', `extensions[${i}].name`);
    if (!every(value, (b) => isFieldVchar(b) || b === SP || b === HTAB)) {
      throw new Http1UsageError('chunk extension value must not contain CR, LF, NUL or other controls', `extensions[${i}].value`);
    }
    if (value === '') out += `;${name}`;
    else if (isToken(value)) out += `;${name}=${value}`;
    else out += `;${name}="${value.replace(/["\\]/g, '\\$&')}"`;
  });
  return out;
}

/** True when every character is a byte (≤ U+00FF) that passes `ok`. */
function every(text: string, ok: (b: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || !ok(c)) return false;
  }
  return true;
}
