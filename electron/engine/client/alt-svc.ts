/**
 * The Alt-Svc header field (RFC 7838 §3): a server's list of alternative services for its origin, e.g.
 * `h3=":8443"; ma=86400, h2="alt.example.com:443"`, or `clear`. Parsing is lenient as a cache would be: an
 * alternative that does not parse is left out (and reported), the others stand.
 *
 * ```
 * Alt-Svc       = clear / 1#alt-value
 * alt-value     = alternative *( OWS ";" OWS parameter )
 * alternative   = protocol-id "=" alt-authority
 * protocol-id   = token            ; percent-encoded ALPN protocol name
 * alt-authority = quoted-string    ; containing [ uri-host ] ":" port
 * parameter     = token "=" ( token / quoted-string )
 * ```
 */

/** One alternative service. */
export interface AltService {
  /** The ALPN protocol id, percent-decoded (e.g. "h3"). */
  readonly protocolId: string;
  /** The alternative's host; "" means the origin's host (RFC 7838 §3). */
  readonly host: string;
  readonly port: number;
  /** Freshness lifetime in seconds (`ma`, default 86400, §3.1). */
  readonly maxAge: number;
  /** `persist=1`: keep it across network changes (§3.1). */
  readonly persist: boolean;
  /** Every parameter as given (lowercase names), known or not. */
  readonly params: Readonly<Record<string, string>>;
}

/** What a field value says. */
export interface AltSvcParse {
  /** `clear`: forget every alternative of this origin (§3). */
  readonly clear: boolean;
  readonly services: readonly AltService[];
  /** Alternatives left out, with why. */
  readonly errors: readonly string[];
}

/** The default freshness lifetime: 24 hours (RFC 7838 §3.1). */
export const ALT_SVC_DEFAULT_MAX_AGE = 86_400;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Splits on `sep` outside quoted strings (a backslash escapes inside quotes, RFC 9110 §5.6.4). */
function splitOutsideQuotes(value: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\' && i + 1 < value.length) {
      cur += c + value[++i]!;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** A token or a quoted-string's content; null when it is neither. */
function tokenOrQuoted(raw: string): string | null {
  const v = raw.trim();
  if (v.startsWith('"')) {
    if (v.length < 2 || !v.endsWith('"')) return null;
    return v.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return TOKEN.test(v) ? v : null;
}

/** `name=value`, split at the first "=". */
function pair(raw: string): [string, string] | null {
  const eq = raw.indexOf('=');
  if (eq <= 0) return null;
  return [raw.slice(0, eq).trim(), raw.slice(eq + 1)];
}

/** [ uri-host ] ":" port, with an IPv6 literal in brackets. */
function parseAuthority(s: string): { host: string; port: number } | null {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*):(\d{1,5})$/.exec(s);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

function parseOne(raw: string): AltService | string {
  const [head, ...paramParts] = splitOutsideQuotes(raw, ';');
  const alt = pair(head!);
  if (!alt) return `"${raw.trim()}": not protocol-id="host:port"`;
  const [rawId, rawAuthority] = alt;
  if (!TOKEN.test(rawId)) return `"${rawId}": the protocol id is not a token`;
  let protocolId: string;
  try {
    protocolId = decodeURIComponent(rawId);
  } catch {
    return `"${rawId}": bad percent-encoding`;
  }
  const quoted = rawAuthority.trim();
  // §3: alt-authority is a quoted-string
  if (!quoted.startsWith('"')) return `${protocolId}: the authority must be a quoted string`;
  const inner = tokenOrQuoted(quoted);
  const authority = inner === null ? null : parseAuthority(inner);
  if (!authority) return `${protocolId}: "${inner ?? quoted}" is not [host]:port`;
  const params: Record<string, string> = {};
  for (const p of paramParts) {
    if (p.trim() === '') continue;
    const kv = pair(p);
    const value = kv ? tokenOrQuoted(kv[1]) : null;
    if (!kv || !TOKEN.test(kv[0]) || value === null) return `${protocolId}: bad parameter "${p.trim()}"`;
    params[kv[0].toLowerCase()] ??= value;
  }
  // §3.1: ma is delta-seconds; a bad one falls back to the default
  const ma = params['ma'];
  const maxAge = ma !== undefined && /^\d+$/.test(ma) ? Number(ma) : ALT_SVC_DEFAULT_MAX_AGE;
  return { protocolId, ...authority, maxAge, persist: params['persist'] === '1', params };
}

/** Parses an Alt-Svc field value (several field lines joined with ", "). */
export function parseAltSvc(value: string): AltSvcParse {
  if (value.trim() === 'clear') return { clear: true, services: [], errors: [] };
  const services: AltService[] = [];
  const errors: string[] = [];
  for (const raw of splitOutsideQuotes(value, ',')) {
    if (raw.trim() === '') continue;
    const r = parseOne(raw);
    if (typeof r === 'string') errors.push(r);
    else services.push(r);
  }
  return { clear: false, services, errors };
}

/** The first alternative offering HTTP/3 (ALPN "h3", RFC 9114 §3.1.1), if any. */
export function findH3(parsed: AltSvcParse): AltService | undefined {
  return parsed.services.find((s) => s.protocolId === 'h3');
}
