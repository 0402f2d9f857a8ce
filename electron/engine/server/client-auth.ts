/**
 * Client certificates (mutual TLS) for the embedded server: a test CA the app makes on first use and keeps in its
 * data folder, a client certificate that CA issues (for our own client, curl or a browser), and how the server's
 * setting becomes Node's TLS options (TCP port) and our TLS 1.3 core's CertificateRequest config (QUIC).
 *
 * The setting (RFC 8446 §4.3.2, §4.4.2.4):
 * - `off`: no CertificateRequest;
 * - `request`: the server asks; a client that sends no certificate, or one that fails the check, still gets in, and
 *   the server's events say what it saw;
 * - `require`: the server asks and refuses a client without a good certificate. TLS 1.3 says how: an empty
 *   Certificate gets the certificate_required alert (116), one from an unknown CA unknown_ca (48), a bad
 *   signature decrypt_error (51).
 * The trust: `test-ca` checks the chain against the test CA; `any` accepts any certificate whose CertificateVerify
 * proves the client holds its key (the chain is not checked; the events say "NOT VERIFIED").
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PeerCertificate, Server as TlsServer, TLSSocket } from 'node:tls';
import selfsigned from 'selfsigned';
import type { ClientAuthSetting } from '../../../shared/api';
import type { TlsClientAuthConfig } from '../protocols/tls13/handshake/types';

/** No client certificates asked for: the default. */
export const CLIENT_AUTH_OFF: ClientAuthSetting = { mode: 'off', trust: 'test-ca' };

/** A PEM certificate and its key, with where they are kept. */
export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** The test CA and the client certificate it issued. */
export interface ClientAuthMaterial {
  readonly ca: PemPair;
  readonly client: PemPair;
}

/** The common name of the client certificate the app issues. */
export const TEST_CLIENT_NAME = 'Framescope test client';

const YEAR_MS = 365 * 24 * 3600_000;

function validity(): { notBeforeDate: Date; notAfterDate: Date } {
  const notBeforeDate = new Date(Date.now() - 3600_000);
  return { notBeforeDate, notAfterDate: new Date(notBeforeDate.getTime() + YEAR_MS) };
}

async function readPair(certPath: string, keyPath: string, issuer?: X509Certificate): Promise<PemPair | null> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const cert = new X509Certificate(certPem);
    if (new Date(cert.validTo).getTime() < Date.now() + 24 * 3600_000) return null;
    if (issuer && !cert.verify(issuer.publicKey)) return null;
    return { certPem, keyPem, certPath, keyPath };
  } catch {
    return null;
  }
}

async function save(certPath: string, keyPath: string, pems: { cert: string; private: string }): Promise<PemPair> {
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { certPem: pems.cert, keyPem: pems.private, certPath, keyPath };
}

/**
 * Loads the test CA and its client certificate from `dataDir`, making them (ECDSA P-256, a year) when missing,
 * expiring, or (for the client certificate) not signed by the CA kept there.
 */
export async function loadOrCreateClientAuth(dataDir: string): Promise<ClientAuthMaterial> {
  await mkdir(dataDir, { recursive: true });
  const caCert = join(dataDir, 'test-ca-cert.pem');
  const caKey = join(dataDir, 'test-ca-key.pem');
  let ca = await readPair(caCert, caKey);
  if (!ca) {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'Framescope test CA' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      ...validity(),
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    ca = await save(caCert, caKey, pems);
  }
  const clientCert = join(dataDir, 'client-cert.pem');
  const clientKey = join(dataDir, 'client-key.pem');
  let client = await readPair(clientCert, clientKey, new X509Certificate(ca.certPem));
  if (!client) {
    const pems = await selfsigned.generate([{ name: 'commonName', value: TEST_CLIENT_NAME }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      ...validity(),
      ca: { key: ca.keyPem, cert: ca.certPem },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    });
    client = await save(clientCert, clientKey, pems);
  }
  return { ca, client };
}

/** Node's TLS server options for a setting: whether to send a CertificateRequest and to refuse failures itself. */
export function nodeClientAuthOptions(setting: ClientAuthSetting, caPem: string): { requestCert: boolean; rejectUnauthorized: boolean; ca?: string } {
  if (setting.mode === 'off') return { requestCert: false, rejectUnauthorized: false };
  // OpenSSL refuses (certificate_required, unknown_ca) only when it verifies: `require` against the test CA
  return { requestCert: true, rejectUnauthorized: setting.mode === 'require' && setting.trust === 'test-ca', ca: caPem };
}

/** Applies a setting to Node's TLS server: new connections follow it. */
export function applyNodeClientAuth(listener: TlsServer, identity: { keyPem: string; certPem: string }, setting: ClientAuthSetting, caPem: string): void {
  const opts = nodeClientAuthOptions(setting, caPem);
  // Node reads requestCert and rejectUnauthorized off the server for each new connection; the CA (sent in the
  // CertificateRequest's certificate_authorities, and used to verify) lives in the secure context
  listener.setSecureContext({ key: identity.keyPem, cert: identity.certPem, ...(opts.ca ? { ca: opts.ca } : {}) });
  Object.assign(listener as unknown as { requestCert: boolean; rejectUnauthorized: boolean }, { requestCert: opts.requestCert, rejectUnauthorized: opts.rejectUnauthorized });
}

/** Our TLS 1.3 core's client authentication for a setting (QUIC), or undefined when off. */
export function coreClientAuth(setting: ClientAuthSetting, caPem: string, nowMs: number): TlsClientAuthConfig | undefined {
  if (setting.mode === 'off') return undefined;
  return {
    trust: setting.trust === 'any' ? { kind: 'insecure' } : { kind: 'ca', pems: [caPem] },
    required: setting.mode === 'require',
    validationTimeMs: nowMs,
  };
}

/** "CN=…" of a certificate subject as Node gives it. */
function subjectText(cert: PeerCertificate): string {
  const s = cert.subject as unknown as Record<string, string | string[]> | undefined;
  if (!s) return 'an unnamed certificate';
  return Object.entries(s)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

/** What the server saw of a TLS client's certificate: who it names, and the verdict. */
export interface ClientCertificateReport {
  /** The leaf's subject ("CN=…"), or null when the client sent none. */
  readonly subject: string | null;
  /** One line: verified, not verified (and why), or none sent. */
  readonly verification: string;
}

/** Reads the client certificate of a TLS connection the server asked one of. */
export function clientCertificateReport(socket: TLSSocket, setting: ClientAuthSetting): ClientCertificateReport {
  const peer = socket.getPeerCertificate();
  const sent = peer && Object.keys(peer).length > 0;
  if (!sent) return { subject: null, verification: `no client certificate (the server ${setting.mode === 'require' ? 'requires' : 'asked for'} one)` };
  const subject = subjectText(peer);
  const issuer = peer.issuer ? subjectText({ subject: peer.issuer } as PeerCertificate) : '?';
  if (setting.trust === 'any') return { subject, verification: `NOT VERIFIED (the server accepts any client certificate); issued by ${issuer}` };
  return socket.authorized
    ? { subject, verification: `verified: chain to ${issuer} (the test CA)` }
    : { subject, verification: `not verified: ${String(socket.authorizationError ?? 'unknown reason')} (issued by ${issuer})` };
}
