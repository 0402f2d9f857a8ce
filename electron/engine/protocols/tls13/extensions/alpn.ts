/** application_layer_protocol_negotiation (RFC 7301 §3.1): ProtocolNameList of opaque<1..255> names. */
import { TlsAlert, TlsError, UsageError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';

/** Decodes ALPN data into protocol ids (bytes read as Latin-1, so any id round-trips). */
export function decodeAlpn(r: TlsReader): string[] {
  const list = r.subVector(2, 'ProtocolNameList');
  if (list.remaining === 0) throw new TlsError(TlsAlert.decode_error, 'empty ProtocolNameList');
  const out: string[] = [];
  while (list.remaining > 0) out.push(String.fromCharCode(...list.vector(1, 'ProtocolName', 1)));
  return out;
}

/** Encodes ALPN data. */
export function encodeAlpn(w: TlsWriter, protocols: readonly string[]): void {
  w.vector(2, (l) => {
    for (const p of protocols) {
      if (p.length === 0 || p.length > 255) throw new UsageError('ALPN protocol id must be 1..255 bytes');
      const bytes = new Uint8Array(p.length);
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (c > 255) throw new UsageError('ALPN protocol id must be Latin-1 bytes');
        bytes[i] = c;
      }
      l.vector(1, bytes);
    }
  });
}
