/** ClientHello (RFC 8446 §4.1.2). */
import { decodeExtensions, encodeExtensions } from '../extensions/codec';
import type { Extension } from '../extensions/types';
import { TlsAlert, TlsError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';

/** A ClientHello. */
export interface ClientHello {
  /** Discriminant. */
  readonly type: 'client_hello';
  /** legacy_version: 0x0303 for TLS 1.3. */
  readonly legacyVersion: number;
  /** 32 random bytes. */
  readonly random: Uint8Array;
  /** legacy_session_id<0..32> (empty in QUIC, RFC 9001 §8.4). */
  readonly legacySessionId: Uint8Array;
  /** cipher_suites<2..2^16-2>, in client preference order. */
  readonly cipherSuites: readonly number[];
  /** legacy_compression_methods<1..2^8-1>: [0] in TLS 1.3. */
  readonly legacyCompressionMethods: Uint8Array;
  /** Extensions in wire order. */
  readonly extensions: readonly Extension[];
}

/** Decodes a ClientHello body (without the 4-byte handshake header). */
export function decodeClientHello(r: TlsReader): ClientHello {
  const legacyVersion = r.u16('legacy_version');
  const random = r.fixed(32, 'random');
  const legacySessionId = r.vector(1, 'legacy_session_id');
  if (legacySessionId.length > 32) throw new TlsError(TlsAlert.decode_error, 'legacy_session_id longer than 32 bytes');
  const suites = r.subVector(2, 'cipher_suites');
  if (suites.remaining < 2 || suites.remaining % 2 !== 0) throw new TlsError(TlsAlert.decode_error, 'cipher_suites length must be even and non-zero');
  const cipherSuites: number[] = [];
  while (suites.remaining > 0) cipherSuites.push(suites.u16('CipherSuite'));
  const legacyCompressionMethods = r.vector(1, 'legacy_compression_methods', 1);
  const extensions = r.remaining > 0 ? decodeExtensions(r, 'client_hello') : [];
  r.expectEnd('ClientHello');
  return { type: 'client_hello', legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods, extensions };
}

/** Encodes a ClientHello body. */
export function encodeClientHello(w: TlsWriter, m: ClientHello): void {
  w.u16(m.legacyVersion).bytes(m.random).vector(1, m.legacySessionId);
  w.vector(2, (l) => {
    for (const s of m.cipherSuites) l.u16(s);
  });
  w.vector(1, m.legacyCompressionMethods);
  encodeExtensions(w, m.extensions);
}
