/** CertificateRequest (RFC 8446 §4.3.2): the server asks the client to authenticate with a certificate. */
import { decodeExtensions, encodeExtensions } from '../extensions/codec';
import type { Extension } from '../extensions/types';
import { TlsReader, TlsWriter } from '../wire';

/** A CertificateRequest. */
export interface CertificateRequest {
  /** Discriminant. */
  readonly type: 'certificate_request';
  /** certificate_request_context<0..2^8-1>: empty during the handshake (§4.3.2). */
  readonly certificateRequestContext: Uint8Array;
  /** Extensions; signature_algorithms is mandatory (§4.3.2). */
  readonly extensions: readonly Extension[];
}

/** Decodes a CertificateRequest body. */
export function decodeCertificateRequest(r: TlsReader): CertificateRequest {
  const certificateRequestContext = r.vector(1, 'certificate_request_context');
  const extensions = decodeExtensions(r, 'certificate_request');
  r.expectEnd('CertificateRequest');
  return { type: 'certificate_request', certificateRequestContext, extensions };
}

/** Encodes a CertificateRequest body. */
export function encodeCertificateRequest(w: TlsWriter, m: CertificateRequest): void {
  w.vector(1, m.certificateRequestContext);
  encodeExtensions(w, m.extensions);
}
