/** Finished (RFC 8446 §4.4.4). */
import { TlsReader, TlsWriter } from '../wire';

/** A Finished message: verify_data is Hash.length bytes (see key-schedule.finishedVerifyData). */
export interface Finished {
  /** Discriminant. */
  readonly type: 'finished';
  /** opaque verify_data[Hash.length]; the length is checked by the handshake, which knows the hash. */
  readonly verifyData: Uint8Array;
}

/** Decodes a Finished body (all of it is verify_data). */
export function decodeFinished(r: TlsReader): Finished {
  return { type: 'finished', verifyData: r.fixed(r.remaining, 'verify_data') };
}

/** Encodes a Finished body. */
export function encodeFinished(w: TlsWriter, m: Finished): void {
  w.bytes(m.verifyData);
}
