/** supported_versions (RFC 8446 §4.2.1): a list in ClientHello, one selected version in ServerHello/HRR. */
import { TlsAlert, TlsError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';

/** Decodes the ClientHello form: ProtocolVersion versions<2..254>. */
export function decodeSupportedVersions(r: TlsReader): number[] {
  const list = r.subVector(1, 'supported_versions');
  if (list.remaining < 2 || list.remaining % 2 !== 0) throw new TlsError(TlsAlert.decode_error, 'supported_versions length must be even and non-zero');
  const out: number[] = [];
  while (list.remaining > 0) out.push(list.u16('ProtocolVersion'));
  return out;
}

/** Encodes the ClientHello form. */
export function encodeSupportedVersions(w: TlsWriter, versions: readonly number[]): void {
  w.vector(1, (l) => {
    for (const v of versions) l.u16(v);
  });
}
