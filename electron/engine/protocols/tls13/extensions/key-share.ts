/** key_share (RFC 8446 §4.2.8) in its three shapes: ClientHello list, ServerHello entry, HelloRetryRequest group. */
import { TlsReader, TlsWriter } from '../wire';
import type { KeyShareEntry } from './types';

/** Decodes one KeyShareEntry: NamedGroup group; opaque key_exchange<1..2^16-1>. */
export function decodeKeyShareEntry(r: TlsReader): KeyShareEntry {
  const group = r.u16('NamedGroup');
  return { group, keyExchange: r.vector(2, 'key_exchange', 1) };
}

/** Encodes one KeyShareEntry. */
export function encodeKeyShareEntry(w: TlsWriter, e: KeyShareEntry): void {
  w.u16(e.group).vector(2, e.keyExchange);
}

/** Decodes KeyShareClientHello: KeyShareEntry client_shares<0..2^16-1>. */
export function decodeClientKeyShares(r: TlsReader): KeyShareEntry[] {
  const list = r.subVector(2, 'client_shares');
  const out: KeyShareEntry[] = [];
  while (list.remaining > 0) out.push(decodeKeyShareEntry(list));
  return out;
}

/** Encodes KeyShareClientHello. */
export function encodeClientKeyShares(w: TlsWriter, entries: readonly KeyShareEntry[]): void {
  w.vector(2, (l) => {
    for (const e of entries) encodeKeyShareEntry(l, e);
  });
}
