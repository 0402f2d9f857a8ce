/**
 * Message body length (RFC 9112 §6.3), persistence (RFC 9112 §9.3) and upgrade detection (RFC 9110 §7.8).
 */
import type { H1HeadData, HeaderField } from '../../../../shared/events';

/** How a message's body is delimited (the `framing` of H1HeadData). */
export type Framing = H1HeadData['framing'];

/** What framing needs from a head, besides its fields. */
export interface FramingInput {
  readonly kind: 'request' | 'response';
  readonly version: string;
  readonly headers: readonly HeaderField[];
  /** Status code of a response. */
  readonly status?: number;
  /** Method of the request a response answers. */
  readonly requestMethod?: string;
}

/** The framing of a message, or why it cannot be framed (`header` = index of the field at fault). */
export type FramingResult =
  | { readonly ok: true; readonly framing: Framing; readonly contentLength?: number; readonly tunnel: boolean }
  | { readonly ok: false; readonly reason: string; readonly header: number };

/** Comma-separated list members of every field named `name` (case-insensitive), trimmed, lower-cased. */
export function listTokens(headers: readonly HeaderField[], name: string): string[] {
  const out: string[] = [];
  const lower = name.toLowerCase();
  for (const [n, v] of headers) {
    if (n.toLowerCase() !== lower) continue;
    for (const part of v.split(',')) {
      const t = part.trim().toLowerCase();
      if (t) out.push(t);
    }
  }
  return out;
}

function indexOfField(headers: readonly HeaderField[], lower: string, from = 0): number {
  for (let i = from; i < headers.length; i++) if (headers[i]![0].toLowerCase() === lower) return i;
  return -1;
}

/**
 * The message body length rules of RFC 9112 §6.3, in their order:
 * 1. a response to HEAD, a 1xx, 204 or 304 response has no body;
 * 2. a 2xx response to CONNECT turns the connection into a tunnel;
 * 3. Transfer-Encoding with Content-Length is treated as an error (smuggling, §6.3 ¶3; §6.1);
 * 4. Transfer-Encoding with chunked last is chunked; a response without chunked last is read until close, a
 *    request without it is an error; Transfer-Encoding in an HTTP/1.0 message is faulty framing (§6.1);
 * 5. Content-Length: differing values are an error, equal duplicates are one value (RFC 9110 §8.6);
 * 6. a request with neither has no body; 7. a response with neither is read until the connection closes.
 */
export function messageFraming(input: FramingInput): FramingResult {
  const { kind, headers } = input;
  if (kind === 'response') {
    const status = input.status ?? 0;
    const method = input.requestMethod ?? 'GET';
    if (method === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304) {
      return { ok: true, framing: 'none', tunnel: false };
    }
    if (method === 'CONNECT' && status >= 200 && status < 300) return { ok: true, framing: 'none', tunnel: true };
  }
  const te = indexOfField(headers, 'transfer-encoding');
  const cl = indexOfField(headers, 'content-length');
  if (te >= 0 && cl >= 0) {
    return { ok: false, header: Math.max(te, cl), reason: 'both Transfer-Encoding and Content-Length (RFC 9112 §6.3 ¶3)' };
  }
  if (te >= 0) return transferCoding(input, te);
  if (cl >= 0) return contentLength(headers, cl);
  return kind === 'request' ? { ok: true, framing: 'none', tunnel: false } : { ok: true, framing: 'until-close', tunnel: false };
}

function transferCoding(input: FramingInput, first: number): FramingResult {
  if (input.version === 'HTTP/1.0') {
    return { ok: false, header: first, reason: 'Transfer-Encoding in an HTTP/1.0 message is faulty framing (RFC 9112 §6.1)' };
  }
  const codings = listTokens(input.headers, 'transfer-encoding').map((c) => c.split(';')[0]!.trim());
  if (codings.length === 0) return { ok: false, header: first, reason: 'empty Transfer-Encoding (RFC 9112 §6.1)' };
  const chunked = codings.filter((c) => c === 'chunked').length;
  const last = codings[codings.length - 1];
  if (chunked > 1) return { ok: false, header: first, reason: 'chunked applied more than once (RFC 9112 §6.1)' };
  if (last === 'chunked') return { ok: true, framing: 'chunked', tunnel: false };
  if (input.kind === 'request') {
    return { ok: false, header: first, reason: 'request Transfer-Encoding does not end in chunked (RFC 9112 §6.3 ¶4)' };
  }
  return { ok: true, framing: 'until-close', tunnel: false };
}

function contentLength(headers: readonly HeaderField[], first: number): FramingResult {
  let value: number | undefined;
  for (let i = first; i >= 0; i = indexOfField(headers, 'content-length', i + 1)) {
    for (const part of headers[i]![1].split(',')) {
      const t = part.trim();
      if (!/^[0-9]+$/.test(t)) return { ok: false, header: i, reason: `invalid Content-Length "${headers[i]![1]}" (RFC 9110 §8.6)` };
      const n = Number(t);
      if (!Number.isSafeInteger(n)) return { ok: false, header: i, reason: 'Content-Length too large' };
      if (value !== undefined && n !== value) {
        return { ok: false, header: i, reason: 'conflicting Content-Length values (RFC 9112 §6.3 ¶5)' };
      }
      value = n;
    }
  }
  return { ok: true, framing: 'content-length', contentLength: value ?? 0, tunnel: false };
}

/**
 * True when the connection closes after this message (RFC 9112 §9.3): "close" in Connection; or an HTTP/1.0
 * message without "keep-alive"; or a body read until close (§6.3 ¶8).
 */
export function wantsClose(head: H1HeadData): boolean {
  const connection = listTokens(head.headers, 'connection');
  if (connection.includes('close')) return true;
  if (head.framing === 'until-close') return true;
  if (head.version === 'HTTP/1.0') return !connection.includes('keep-alive');
  return false;
}

/**
 * True when the message asks to (request) or does (response) leave HTTP/1.1 on this connection: a CONNECT
 * request (RFC 9110 §9.3.6), a request with Upgrade and the "upgrade" connection option (RFC 9110 §7.8; ignored
 * in HTTP/1.0), or a 101 response. A 2xx response to CONNECT is also a switch, but needs the request's method:
 * the response parser handles it.
 */
export function isUpgrade(head: H1HeadData): boolean {
  if (head.kind === 'response') return head.status === 101;
  if (head.method === 'CONNECT') return true;
  if (head.version === 'HTTP/1.0') return false;
  return indexOfField(head.headers, 'upgrade') >= 0 && listTokens(head.headers, 'connection').includes('upgrade');
}
