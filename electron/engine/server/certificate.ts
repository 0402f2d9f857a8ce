/**
 * The embedded server's certificate: a self-signed ECDSA P-256 certificate for `localhost` and `127.0.0.1`,
 * made on first start with `selfsigned` and kept in the app's data folder, and its SHA-256 SPKI pin
 * (what Chromium's --ignore-certificate-errors-spki-list takes).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

/** A certificate and key in PEM, with where they live and their pin. */
export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** Base64 SHA-256 of the SubjectPublicKeyInfo (DER). */
  readonly spkiPin: string;
}

/** Base64 SHA-256 of a certificate's SubjectPublicKeyInfo, in DER. */
export function spkiPinOf(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

async function readIfValid(certPath: string, keyPath: string): Promise<{ certPem: string; keyPem: string } | null> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const cert = new X509Certificate(certPem);
    const stillValid = new Date(cert.validTo).getTime() > Date.now() + 24 * 3600_000;
    if (!stillValid || !cert.checkHost('localhost')) return null;
    return { certPem, keyPem };
  } catch {
    return null;
  }
}

/** Makes a new self-signed ECDSA P-256 certificate for localhost and 127.0.0.1, valid for a year. */
export async function generateCertificate(): Promise<{ certPem: string; keyPem: string }> {
  const notBefore = new Date(Date.now() - 3600_000);
  const notAfter = new Date(notBefore.getTime() + 365 * 24 * 3600_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  } as Parameters<typeof selfsigned.generate>[1]);
  return { certPem: pems.cert, keyPem: pems.private };
}

/** Loads the certificate from `dataDir`, making and saving a new one when there is none or it is expiring. */
export async function loadOrCreateCertificate(dataDir: string): Promise<ServerCertificate> {
  const certPath = join(dataDir, 'server-cert.pem');
  const keyPath = join(dataDir, 'server-key.pem');
  let pems = await readIfValid(certPath, keyPath);
  if (!pems) {
    pems = await generateCertificate();
    await mkdir(dataDir, { recursive: true });
    await writeFile(keyPath, pems.keyPem, { mode: 0o600 });
    await writeFile(certPath, pems.certPem);
  }
  return { ...pems, certPath, keyPath, spkiPin: spkiPinOf(pems.certPem) };
}
