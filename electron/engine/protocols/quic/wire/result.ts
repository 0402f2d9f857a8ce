/**
 * Decoding as a value instead of an exception: `tryDecode(() => decodeFrame(reader))` gives
 * `{ ok: true, value }`, `{ ok: false, needMore }` (incomplete: wait for more bytes) or
 * `{ ok: false, error }` (malformed: a typed protocol error). The cursor is left wherever decoding stopped,
 * so on needMore reset it (reader.seek) before retrying with more bytes.
 */
import { TlsError } from '../../tls13/errors';
import { InvalidPacket, NeedMore, QuicError } from './errors';

/** The outcome of a decode. */
export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly needMore: NeedMore }
  | { readonly ok: false; readonly error: QuicError | TlsError | InvalidPacket };

/** Runs a decoder and turns NeedMore and protocol errors into values; anything else (a bug) still throws. */
export function tryDecode<T>(decode: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: decode() };
  } catch (e) {
    if (e instanceof NeedMore) return { ok: false, needMore: e };
    if (e instanceof QuicError || e instanceof TlsError || e instanceof InvalidPacket) return { ok: false, error: e };
    throw e;
  }
}
