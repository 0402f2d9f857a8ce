/** Version Negotiation packets (RFC 9000 §17.2.1): Version 0, connection IDs echoed, a list of supported versions. */
import { UsageError } from '../wire/errors';
import { Writer } from '../wire/writer';

/** Fields of a Version Negotiation packet to build. */
export interface VersionNegotiationFields {
  /** The client's SCID. */
  readonly dcid: Uint8Array;
  /** The client's DCID. */
  readonly scid: Uint8Array;
  /** Versions the server supports. */
  readonly supportedVersions: readonly number[];
  /** The 7 unused low bits of the first byte (random in practice). */
  readonly unusedBits?: number;
}

/** Builds a Version Negotiation packet (connection IDs up to 255 bytes, RFC 8999 §6). */
export function encodeVersionNegotiation(f: VersionNegotiationFields): Uint8Array {
  if (f.supportedVersions.length === 0) throw new UsageError('Version Negotiation needs at least one version');
  const w = new Writer(16 + f.dcid.length + f.scid.length + 4 * f.supportedVersions.length);
  w.u8(0x80 | ((f.unusedBits ?? 0) & 0x7f)).u32(0);
  w.u8(f.dcid.length).bytes(f.dcid).u8(f.scid.length).bytes(f.scid);
  for (const v of f.supportedVersions) w.u32(v);
  return w.finish();
}
