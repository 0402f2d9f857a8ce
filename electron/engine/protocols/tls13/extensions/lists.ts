/** supported_groups (RFC 8446 §4.2.7) and signature_algorithms (§4.2.3): lists of uint16 code points. */
import { TlsAlert, TlsError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';

/** Decodes a uint16 list with a 2-byte length (NamedGroupList<2..2^16-1>, SignatureSchemeList<2..2^16-2>). */
export function decodeU16List(r: TlsReader, what: string): number[] {
  const list = r.subVector(2, what);
  if (list.remaining < 2 || list.remaining % 2 !== 0) throw new TlsError(TlsAlert.decode_error, `${what} length must be even and non-zero`);
  const out: number[] = [];
  while (list.remaining > 0) out.push(list.u16(what));
  return out;
}

/** Encodes a uint16 list with a 2-byte length. */
export function encodeU16List(w: TlsWriter, values: readonly number[]): void {
  w.vector(2, (l) => {
    for (const v of values) l.u16(v);
  });
}
