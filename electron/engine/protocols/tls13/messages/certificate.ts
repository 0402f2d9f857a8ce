/** Certificate (RFC 8446 §4.4.2), X.509 certificate type. */
import { decodeExtensions, encodeExtensions } from '../extensions/codec';
import type { Extension } from '../extensions/types';
import { TlsReader, TlsWriter } from '../wire';

/** One CertificateEntry: DER certificate and its extensions. */
export interface CertificateEntry {
  /** cert_data<1..2^24-1>: a DER X.509 certificate. */
  readonly certData: Uint8Array;
  /** Per-certificate extensions (OCSP status, SCTs). */
  readonly extensions: readonly Extension[];
}

/** A Certificate message: end-entity certificate first (§4.4.2). */
export interface Certificate {
  /** Discriminant. */
  readonly type: 'certificate';
  /** certificate_request_context<0..2^8-1>: empty for server authentication. */
  readonly certificateRequestContext: Uint8Array;
  /** certificate_list<0..2^24-1>. */
  readonly entries: readonly CertificateEntry[];
}

/** Decodes a Certificate body. */
export function decodeCertificate(r: TlsReader): Certificate {
  const certificateRequestContext = r.vector(1, 'certificate_request_context');
  const list = r.subVector(3, 'certificate_list');
  const entries: CertificateEntry[] = [];
  while (list.remaining > 0) {
    const certData = list.vector(3, 'cert_data', 1);
    entries.push({ certData, extensions: decodeExtensions(list, 'certificate') });
  }
  r.expectEnd('Certificate');
  return { type: 'certificate', certificateRequestContext, entries };
}

/** Encodes a Certificate body. */
export function encodeCertificate(w: TlsWriter, m: Certificate): void {
  w.vector(1, m.certificateRequestContext);
  w.vector(3, (l) => {
    for (const e of m.entries) {
      l.vector(3, e.certData);
      encodeExtensions(l, e.extensions);
    }
  });
}
