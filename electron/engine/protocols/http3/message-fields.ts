/**
 * The rules a header or trailer section must follow to be well-formed (RFC 9114 §4.1.2, §4.2, §4.3): lowercase
 * field names, no connection-specific fields, pseudo-header fields first, only the defined ones, each once, and
 * the required ones present. A malformed message is a stream error of type H3_MESSAGE_ERROR (§4.1.2). Each
 * check returns why a section is malformed, or null when it is fine.
 */
import type { HeaderField } from './qpack';

/** §4.2: fields that are specific to a connection and must not appear in HTTP/3 (TE is allowed as "trailers"). */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

const REQUEST_PSEUDO = new Set([':method', ':scheme', ':authority', ':path']);
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/** The regular-field checks shared by every section (§4.2); `pseudo` is the set of allowed pseudo-header names. */
function checkFields(headers: readonly HeaderField[], pseudo: ReadonlySet<string>): { error: string | null; values: Map<string, string> } {
  const values = new Map<string, string>();
  let regularSeen = false;
  for (const [name, value] of headers) {
    if (name.length === 0) return { error: 'an empty field name (§4.2)', values };
    if (/[\0\r\n]/.test(value)) return { error: `field ${name} has a value with NUL, CR or LF (§4.2)`, values };
    if (/^[ \t]|[ \t]$/.test(value)) return { error: `field ${name} has leading or trailing whitespace (§4.2)`, values };
    if (name.startsWith(':')) {
      // §4.3: pseudo-header fields come before regular ones, only defined ones, each once.
      if (regularSeen) return { error: `pseudo-header field ${name} after a regular field (§4.3)`, values };
      if (!pseudo.has(name)) return { error: `pseudo-header field ${name} is not allowed here (§4.3)`, values };
      if (values.has(name)) return { error: `pseudo-header field ${name} appears twice (§4.3)`, values };
      values.set(name, value);
      continue;
    }
    regularSeen = true;
    if (/[A-Z]/.test(name)) return { error: `field name ${JSON.stringify(name)} has uppercase characters (§4.2)`, values };
    if (!TCHAR.test(name)) return { error: `field name ${JSON.stringify(name)} is not a token (§4.2)`, values };
    if (CONNECTION_SPECIFIC.has(name)) return { error: `connection-specific field ${name} (§4.2)`, values };
    if (name === 'te' && value.toLowerCase() !== 'trailers') return { error: `TE with a value other than "trailers" (§4.2)`, values };
  }
  return { error: null, values };
}

/** Checks content-length values (RFC 9110 §8.6): digits only, and all equal. Returns the length, null, or an error. */
export function contentLength(headers: readonly HeaderField[]): number | null | string {
  let length: number | null = null;
  for (const [name, value] of headers) {
    if (name !== 'content-length') continue;
    for (const part of value.split(',')) {
      const v = part.trim();
      if (!/^\d{1,15}$/.test(v)) return `content-length ${JSON.stringify(value)} is not a number (§4.1.2)`;
      if (length !== null && Number(v) !== length) return `content-length values ${length} and ${v} differ (§4.1.2)`;
      length = Number(v);
    }
  }
  return length;
}

/**
 * A request header section (§4.3.1), also the promised request of a PUSH_PROMISE: :method always; :scheme and
 * :path unless it is CONNECT; :authority or host for http and https (equal when both); CONNECT has :authority only.
 */
export function requestProblem(headers: readonly HeaderField[]): string | null {
  const { error, values } = checkFields(headers, REQUEST_PSEUDO);
  if (error) return error;
  const method = values.get(':method');
  if (method === undefined) return 'the request has no :method (§4.3.1)';
  const cl = contentLength(headers);
  if (typeof cl === 'string') return cl;
  if (method === 'CONNECT') {
    // §4.4: :scheme and :path are omitted, :authority is required.
    if (values.has(':scheme') || values.has(':path')) return 'CONNECT with :scheme or :path (§4.4)';
    if (!values.has(':authority')) return 'CONNECT without :authority (§4.4)';
    return null;
  }
  const scheme = values.get(':scheme');
  const path = values.get(':path');
  if (scheme === undefined) return 'the request has no :scheme (§4.3.1)';
  if (path === undefined) return 'the request has no :path (§4.3.1)';
  if (path === '' && (scheme === 'http' || scheme === 'https')) return 'an empty :path for an http(s) URI (§4.3.1)';
  const authority = values.get(':authority');
  const host = headers.find(([n]) => n === 'host')?.[1];
  if ((scheme === 'http' || scheme === 'https') && authority === undefined && host === undefined) {
    return `the ${scheme} request has neither :authority nor host (§4.3.1)`;
  }
  if (authority !== undefined && host !== undefined && authority !== host) return ':authority and host differ (§4.3.1)';
  return null;
}

/** A response header section (§4.3.2): exactly one :status, a three-digit code. Returns the status or an error. */
export function responseStatus(headers: readonly HeaderField[]): number | string {
  const { error, values } = checkFields(headers, new Set([':status']));
  if (error) return error;
  const status = values.get(':status');
  if (status === undefined) return 'the response has no :status (§4.3.2)';
  if (!/^[1-5]\d\d$/.test(status)) return `:status ${JSON.stringify(status)} is not a three-digit code (§4.3.2)`;
  const cl = contentLength(headers);
  if (typeof cl === 'string') return cl;
  return Number(status);
}

/** A trailer section (§4.1): regular fields only. */
export function trailersProblem(headers: readonly HeaderField[]): string | null {
  const { error } = checkFields(headers, new Set());
  return error && error.startsWith('pseudo-header') ? `${error.replace(' is not allowed here (§4.3)', '')} in trailers (§4.3)` : error;
}
