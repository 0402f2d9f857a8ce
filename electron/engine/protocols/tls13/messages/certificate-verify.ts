/** CertificateVerify (RFC 8446 §4.4.3). */
import { TlsReader, TlsWriter } from '../wire';

/** A CertificateVerify: signature over the transcript hash. */
export interface CertificateVerify {
  /** Discriminant. */
  readonly type: 'certificate_verify';
  /** SignatureScheme. */
  readonly algorithm: number;
  /** signature<0..2^16-1>. */
  readonly signature: Uint8Array;
}

/** Decodes a CertificateVerify body. */
export function decodeCertificateVerify(r: TlsReader): CertificateVerify {
  const algorithm = r.u16('SignatureScheme');
  const signature = r.vector(2, 'signature');
  r.expectEnd('CertificateVerify');
  return { type: 'certificate_verify', algorithm, signature };
}

/** Encodes a CertificateVerify body. */
export function encodeCertificateVerify(w: TlsWriter, m: CertificateVerify): void {
  w.u16(m.algorithm).vector(2, m.signature);
}

/**
 * The content that is signed (RFC 8446 §4.4.3): 64 spaces, the context string
 * ("TLS 1.3, server CertificateVerify" or "TLS 1.3, client CertificateVerify"), a zero byte, the transcript hash.
 */
export function certificateVerifyContent(signer: 'server' | 'client', transcriptHash: Uint8Array): Uint8Array {
  const context = `TLS 1.3, ${signer} CertificateVerify`;
  const out = new Uint8Array(64 + context.length + 1 + transcriptHash.length).fill(0x20, 0, 64);
  for (let i = 0; i < context.length; i++) out[64 + i] = context.charCodeAt(i);
  out[64 + context.length] = 0;
  out.set(transcriptHash, 65 + context.length);
  return out;
}
