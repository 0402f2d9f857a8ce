/**
 * HKDF (RFC 5869) and the TLS 1.3 labelled derivations built on it (RFC 8446 §7.1).
 * All HMAC calls go through ./crypto.
 */
import { hashLength, hmac, type HashAlgorithm } from './crypto';
import { UsageError } from './errors';

const textEncoder = new TextEncoder();

/** HKDF-Extract(salt, IKM) (RFC 5869 §2.2). An empty salt means HashLen zero bytes. */
export function hkdfExtract(alg: HashAlgorithm, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmac(alg, salt.length > 0 ? salt : new Uint8Array(hashLength(alg)), ikm);
}

/** HKDF-Expand(PRK, info, L) (RFC 5869 §2.3). */
export function hkdfExpand(alg: HashAlgorithm, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hashLen = hashLength(alg);
  if (length < 0 || length > 255 * hashLen) throw new UsageError(`HKDF-Expand length ${length} out of range`);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, filled = 0; filled < length; i++) {
    const input = new Uint8Array(previous.length + info.length + 1);
    input.set(previous, 0);
    input.set(info, previous.length);
    input[input.length - 1] = i;
    previous = hmac(alg, prk, input);
    out.set(previous.subarray(0, Math.min(hashLen, length - filled)), filled);
    filled += hashLen;
  }
  return out;
}

/**
 * The HkdfLabel structure (RFC 8446 §7.1): uint16 length, opaque label<7..255> = "tls13 " + label,
 * opaque context<0..255>.
 */
export function encodeHkdfLabel(length: number, label: string, context: Uint8Array): Uint8Array {
  const fullLabel = textEncoder.encode('tls13 ' + label);
  if (fullLabel.length > 255 || context.length > 255) throw new UsageError('HkdfLabel label or context longer than 255 bytes');
  const out = new Uint8Array(2 + 1 + fullLabel.length + 1 + context.length);
  out[0] = (length >> 8) & 0xff;
  out[1] = length & 0xff;
  out[2] = fullLabel.length;
  out.set(fullLabel, 3);
  out[3 + fullLabel.length] = context.length;
  out.set(context, 4 + fullLabel.length);
  return out;
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1). */
export function hkdfExpandLabel(alg: HashAlgorithm, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(alg, secret, encodeHkdfLabel(length, label, context), length);
}

/**
 * Derive-Secret(Secret, Label, Messages) (RFC 8446 §7.1), given Transcript-Hash(Messages) rather than
 * the messages, so callers can keep a running transcript hash.
 */
export function deriveSecret(alg: HashAlgorithm, secret: Uint8Array, label: string, transcriptHash: Uint8Array): Uint8Array {
  return hkdfExpandLabel(alg, secret, label, transcriptHash, hashLength(alg));
}
