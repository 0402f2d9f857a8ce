/** server_name extension (RFC 6066 §3; RFC 8446 §4.2): ServerNameList of host names. */
import { TlsAlert, TlsError, UsageError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';

/** Decodes server_name data: a host name, or null for the empty form servers send (RFC 6066 §3). */
export function decodeServerName(r: TlsReader): string | null {
  if (r.remaining === 0) return null;
  const list = r.subVector(2, 'ServerNameList');
  let hostName: string | null = null;
  while (list.remaining > 0) {
    const nameType = list.u8('NameType');
    const name = list.vector(2, 'HostName', 1);
    if (nameType !== 0) continue; // unknown name types are skipped
    if (hostName !== null) throw new TlsError(TlsAlert.illegal_parameter, 'more than one host_name in server_name');
    let text = '';
    for (const b of name) {
      if (b >= 0x80) throw new TlsError(TlsAlert.decode_error, 'server_name host name is not ASCII');
      text += String.fromCharCode(b);
    }
    hostName = text;
  }
  if (hostName === null) throw new TlsError(TlsAlert.decode_error, 'server_name without a host_name');
  return hostName;
}

/** Encodes server_name data (empty when hostName is null). */
export function encodeServerName(w: TlsWriter, hostName: string | null): void {
  if (hostName === null) return;
  const bytes = new Uint8Array(hostName.length);
  for (let i = 0; i < hostName.length; i++) {
    const c = hostName.charCodeAt(i);
    if (c >= 0x80) throw new UsageError('server_name host name must be ASCII (use the A-label form)');
    bytes[i] = c;
  }
  w.vector(2, (l) => l.u8(0).vector(2, bytes));
}
