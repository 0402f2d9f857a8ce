/**
 * Certificate chain validation against a trust choice (RFC 8446 §4.4.2.4, RFC 5280 §6 in the small):
 * the peer's chain must lead to what the user trusts, be valid at the given time, and (for a server)
 * name the host we asked for (RFC 6125 / RFC 9110 §4.3.4). Uses only ./crypto's certificate primitives.
 *
 * Trust choices:
 * - `pinned-cert`: the leaf is exactly this certificate (the app's own self-signed certificate);
 * - `ca`: the chain leads to one of these certificates (a CA the user gives, or a self-signed leaf);
 * - `spki-pin`: some certificate of the chain has this SubjectPublicKeyInfo SHA-256 (base64), like Chromium's
 *   `--ignore-certificate-errors-spki-list`, but the name and validity are still checked;
 * - `insecure`: anything is accepted, and the outcome says "NOT VERIFIED" with what would have failed.
 */
import { parseCertificateDer, parseCertificatesPem, type ParsedCertificate } from './crypto';
import { TlsAlert, TlsError } from './errors';

/** What the user trusts for a peer's certificate. */
export type TrustChoice =
  | { readonly kind: 'pinned-cert'; readonly pem: string }
  | { readonly kind: 'ca'; readonly pems: readonly string[] }
  | { readonly kind: 'spki-pin'; readonly sha256Base64: string | readonly string[] }
  | { readonly kind: 'insecure' };

/** The outcome of certificate validation, for the UI and the handshake result. */
export type CertificateVerification =
  | {
      /** The chain, name and validity were verified. */
      readonly status: 'verified';
      /** Which trust choice vouched for it. */
      readonly trust: 'pinned-cert' | 'ca' | 'spki-pin';
      /** One line for people, e.g. "verified: chain to CN=Test CA". */
      readonly summary: string;
    }
  | {
      /** Insecure mode: nothing was verified. */
      readonly status: 'not-verified';
      /** Always starts with "NOT VERIFIED". */
      readonly summary: string;
      /** What a real check would have rejected (empty when it would have passed). */
      readonly problems: readonly string[];
    };

/** What to check a chain against. */
export interface ChainValidationOptions {
  /** The trust choice. */
  readonly trust: TrustChoice;
  /** The server name (DNS name or IP literal) the leaf must match; undefined for client certificates. */
  readonly host?: string;
  /** Wall-clock time (ms since the Unix epoch) at which validity is checked; the caller reads the clock. */
  readonly timeMs: number;
}

/** Longest chain we walk (leaf, intermediates, anchor). */
const MAX_CHAIN_LENGTH = 10;

/** True for an IPv4 or IPv6 literal (server names that are addresses get no SNI, RFC 6066 §3). */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host));
}

interface Problem {
  readonly alert: number;
  readonly text: string;
}

function checkName(leaf: ParsedCertificate, host: string | undefined): Problem | null {
  if (host === undefined) return null;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const ok = isIpLiteral(bare) ? leaf.matchesIp(bare) : leaf.matchesHostName(bare);
  return ok ? null : { alert: TlsAlert.bad_certificate, text: `certificate is not for "${host}" (${leaf.subjectAltName ?? 'no subjectAltName'})` };
}

/** ISO text of a time, or "an unreadable time" (a malformed certificate can carry one). */
function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'an unreadable time';
}

function checkTime(certs: readonly ParsedCertificate[], timeMs: number): Problem | null {
  for (const c of certs) {
    if (!(timeMs >= c.validFromMs && timeMs <= c.validToMs)) {
      return { alert: TlsAlert.certificate_expired, text: `certificate ${c.subject} is not valid now (valid ${isoTime(c.validFromMs)} to ${isoTime(c.validToMs)})` };
    }
  }
  return null;
}

/** Walks leaf -> intermediates -> an anchor; returns the path used, or a problem. */
function chainToAnchor(chain: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[]): ParsedCertificate[] | Problem {
  const sameDer = (a: ParsedCertificate, b: ParsedCertificate): boolean => a.der.length === b.der.length && a.der.every((x, i) => x === b.der[i]);
  const path: ParsedCertificate[] = [];
  let current = chain[0]!;
  const pool = chain.slice(1);
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
    path.push(current);
    if (anchors.some((a) => sameDer(a, current))) return path;
    const anchor = anchors.find((a) => current.isIssuedBy(a));
    if (anchor) {
      if (!anchor.isCa) return { alert: TlsAlert.bad_certificate, text: `trusted issuer ${anchor.subject} is not a CA` };
      path.push(anchor);
      return path;
    }
    const next = pool.find((c) => current.isIssuedBy(c));
    if (!next) return { alert: TlsAlert.unknown_ca, text: `no trusted issuer for ${current.subject} (issuer ${current.issuer})` };
    if (!next.isCa) return { alert: TlsAlert.bad_certificate, text: `intermediate ${next.subject} is not a CA` };
    pool.splice(pool.indexOf(next), 1);
    current = next;
  }
  return { alert: TlsAlert.bad_certificate, text: `certificate chain longer than ${MAX_CHAIN_LENGTH}` };
}

// Parsed once per trust choice object: a client makes a core per connection from the same config.
const anchorCache = new WeakMap<TrustChoice, readonly ParsedCertificate[]>();

function trustAnchors(trust: Extract<TrustChoice, { kind: 'pinned-cert' | 'ca' }>): readonly ParsedCertificate[] {
  let anchors = anchorCache.get(trust);
  if (!anchors) {
    anchors = trust.kind === 'pinned-cert' ? parseCertificatesPem(trust.pem).slice(0, 1) : trust.pems.flatMap((p) => parseCertificatesPem(p));
    anchorCache.set(trust, anchors);
  }
  return anchors;
}

function findProblems(chain: readonly ParsedCertificate[], opts: ChainValidationOptions, trust: TrustChoice): { problems: Problem[]; summary: string } {
  const leaf = chain[0]!;
  const problems: Problem[] = [];
  let summary = '';
  let checked: readonly ParsedCertificate[] = [leaf];
  switch (trust.kind) {
    case 'pinned-cert': {
      const pinned = trustAnchors(trust)[0]!;
      const same = pinned.der.length === leaf.der.length && pinned.der.every((x, i) => x === leaf.der[i]);
      if (!same) problems.push({ alert: TlsAlert.bad_certificate, text: `certificate ${leaf.fingerprint256} is not the pinned ${pinned.fingerprint256}` });
      summary = `verified: pinned certificate ${pinned.fingerprint256}`;
      break;
    }
    case 'ca': {
      const anchors = trustAnchors(trust);
      const path = chainToAnchor(chain, anchors);
      if (Array.isArray(path)) {
        checked = path;
        summary = `verified: chain to ${path[path.length - 1]!.subject}`;
      } else problems.push(path);
      break;
    }
    case 'spki-pin': {
      const pins = typeof trust.sha256Base64 === 'string' ? [trust.sha256Base64] : trust.sha256Base64;
      const hit = chain.find((c) => pins.includes(c.spkiSha256Base64));
      if (!hit) problems.push({ alert: TlsAlert.bad_certificate, text: `no certificate's public key matches the SPKI pin (leaf ${leaf.spkiSha256Base64})` });
      summary = `verified: SPKI pin ${hit?.spkiSha256Base64 ?? ''}`;
      break;
    }
    case 'insecure':
      break;
  }
  const name = checkName(leaf, opts.host);
  if (name) problems.push(name);
  const time = checkTime(checked, opts.timeMs);
  if (time) problems.push(time);
  return { problems, summary };
}

/**
 * Validates a peer's certificate chain (DER, leaf first, RFC 8446 §4.4.2) against the trust choice, the name
 * and the time. Throws TlsError with bad_certificate (wrong name, pin mismatch), unknown_ca (no path to a
 * trusted CA) or certificate_expired; with `insecure` it never throws and reports what would have failed.
 * An empty chain is decode_error (a server must send a certificate, §4.4.2.4); a client's empty Certificate is
 * the handshake's business and never reaches here.
 */
export function validateCertificateChain(chainDer: readonly Uint8Array[], opts: ChainValidationOptions): CertificateVerification {
  return validateParsedChain(chainDer.map((d) => parseCertificateDer(d)), opts);
}

/** validateCertificateChain for certificates already parsed with crypto.parseCertificateDer. */
export function validateParsedChain(chain: readonly ParsedCertificate[], opts: ChainValidationOptions): CertificateVerification {
  if (chain.length === 0) throw new TlsError(TlsAlert.decode_error, 'empty certificate chain');
  if (opts.trust.kind === 'insecure') {
    const { problems } = findProblems(chain, opts, { kind: 'ca', pems: [] });
    const others = problems.filter((p) => p.alert !== TlsAlert.unknown_ca).map((p) => p.text);
    return { status: 'not-verified', summary: 'NOT VERIFIED (insecure mode: any certificate is accepted)', problems: others };
  }
  const { problems, summary } = findProblems(chain, opts, opts.trust);
  const first = problems[0];
  if (first) throw new TlsError(first.alert, first.text);
  return { status: 'verified', trust: opts.trust.kind, summary };
}
