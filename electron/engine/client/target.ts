/**
 * Where the raw client connects, and how it trusts the server.
 */
import { ApiError } from '../../../shared/errors';

/** A server to connect to. */
export interface ClientTarget {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** Path and query of the target URL ("/" when it had none). */
  readonly path: string;
  /** The Host header value. */
  readonly authority: string;
  /** PEM certificate(s) to trust instead of the system's CAs (the embedded server's own, or one the user gives). */
  readonly ca?: string;
  /** Skip certificate verification, and say so in the TLS event. */
  readonly insecure?: boolean;
  /** A client certificate (PEM chain, leaf first) and its key, sent when the server asks (mTLS, RFC 8446 §4.4.2). */
  readonly clientCert?: ClientCertificate;
}

/** A client certificate and its private key, in PEM. */
export interface ClientCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Parses a target URL ("https://localhost:9443/x") into a ClientTarget. Rejects non-HTTP schemes clearly. */
export function parseTarget(url: string, trust: { ca?: string; insecure?: boolean; clientCert?: ClientCertificate } = {}): ClientTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('bad_argument', `"${url}" is not a URL; try https://localhost:8443/`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ApiError('bad_argument', `target must be http:// or https://, not ${parsed.protocol}`);
  }
  const scheme = parsed.protocol === 'https:' ? 'https' : 'http';
  const port = parsed.port ? Number(parsed.port) : scheme === 'https' ? 443 : 80;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return { scheme, host, port, path: (parsed.pathname || '/') + parsed.search, authority: parsed.host, ...trust };
}
