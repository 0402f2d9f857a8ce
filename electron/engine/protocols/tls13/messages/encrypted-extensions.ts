/** EncryptedExtensions (RFC 8446 §4.3.1). */
import { decodeExtensions, encodeExtensions } from '../extensions/codec';
import type { Extension } from '../extensions/types';
import { TlsReader, TlsWriter } from '../wire';

/** EncryptedExtensions: the server's extensions that need no key exchange (ALPN, QUIC transport parameters, ...). */
export interface EncryptedExtensions {
  /** Discriminant. */
  readonly type: 'encrypted_extensions';
  /** Extensions in wire order. */
  readonly extensions: readonly Extension[];
}

/** Decodes an EncryptedExtensions body. */
export function decodeEncryptedExtensions(r: TlsReader): EncryptedExtensions {
  const extensions = decodeExtensions(r, 'encrypted_extensions');
  r.expectEnd('EncryptedExtensions');
  return { type: 'encrypted_extensions', extensions };
}

/** Encodes an EncryptedExtensions body. */
export function encodeEncryptedExtensions(w: TlsWriter, m: EncryptedExtensions): void {
  encodeExtensions(w, m.extensions);
}
