/**
 * ServerHello and HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4). Both are handshake type 2; a
 * HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest").
 */
import { decodeExtensions, encodeExtensions } from '../extensions/codec';
import type { Extension } from '../extensions/types';
import { TlsAlert, TlsError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';

/** The special random value of a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HELLO_RETRY_REQUEST_RANDOM: Uint8Array = Uint8Array.from([
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
]);

/** Fields shared by ServerHello and HelloRetryRequest. */
interface ServerHelloFields {
  /** legacy_version: 0x0303. */
  readonly legacyVersion: number;
  /** legacy_session_id_echo<0..32>. */
  readonly legacySessionIdEcho: Uint8Array;
  /** The selected cipher suite. */
  readonly cipherSuite: number;
  /** legacy_compression_method: 0. */
  readonly legacyCompressionMethod: number;
  /** Extensions in wire order. */
  readonly extensions: readonly Extension[];
}

/** A ServerHello. */
export interface ServerHello extends ServerHelloFields {
  /** Discriminant. */
  readonly type: 'server_hello';
  /** 32 random bytes. */
  readonly random: Uint8Array;
}

/** A HelloRetryRequest (its random is HELLO_RETRY_REQUEST_RANDOM). */
export interface HelloRetryRequest extends ServerHelloFields {
  /** Discriminant. */
  readonly type: 'hello_retry_request';
}

/** True when a ServerHello random marks a HelloRetryRequest. */
export function isHelloRetryRequestRandom(random: Uint8Array): boolean {
  return random.length === 32 && random.every((b, i) => b === HELLO_RETRY_REQUEST_RANDOM[i]);
}

/** Decodes a handshake-type-2 body as ServerHello or HelloRetryRequest. */
export function decodeServerHello(r: TlsReader): ServerHello | HelloRetryRequest {
  const legacyVersion = r.u16('legacy_version');
  const random = r.fixed(32, 'random');
  const legacySessionIdEcho = r.vector(1, 'legacy_session_id_echo');
  if (legacySessionIdEcho.length > 32) throw new TlsError(TlsAlert.decode_error, 'legacy_session_id_echo longer than 32 bytes');
  const cipherSuite = r.u16('cipher_suite');
  const legacyCompressionMethod = r.u8('legacy_compression_method');
  const retry = isHelloRetryRequestRandom(random);
  const extensions = r.remaining > 0 ? decodeExtensions(r, retry ? 'hello_retry_request' : 'server_hello') : [];
  r.expectEnd('ServerHello');
  const fields = { legacyVersion, legacySessionIdEcho, cipherSuite, legacyCompressionMethod, extensions };
  return retry ? { type: 'hello_retry_request', ...fields } : { type: 'server_hello', random, ...fields };
}

/** Encodes a ServerHello or HelloRetryRequest body. */
export function encodeServerHello(w: TlsWriter, m: ServerHello | HelloRetryRequest): void {
  w.u16(m.legacyVersion).bytes(m.type === 'server_hello' ? m.random : HELLO_RETRY_REQUEST_RANDOM);
  w.vector(1, m.legacySessionIdEcho).u16(m.cipherSuite).u8(m.legacyCompressionMethod);
  encodeExtensions(w, m.extensions);
}
