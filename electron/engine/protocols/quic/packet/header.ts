/**
 * Parsing and encoding of QUIC v1 packet headers (RFC 9000 §17.2, §17.3) up to the packet number.
 * Parsing never throws anything but InvalidPacket: a datagram is complete, so missing bytes mean the
 * packet is to be dropped (§12.2, §17.2), never a connection error.
 */
import { QUIC_VERSION_1 } from '../../tls13/quic-keys';
import { InvalidPacket, NeedMore, QuicError, UsageError } from '../wire/errors';
import { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { varintLength } from '../wire/varint';
import { LongPacketTypeBits, type PacketHeaderFields, type ParsedPacket } from './types';

/** The largest connection ID of QUIC v1 (§17.2). */
export const MAX_CONNECTION_ID_LENGTH = 20;

const LONG_TYPES = ['initial', '0rtt', 'handshake', 'retry'] as const;

function connectionId(r: Reader, version: number, what: string): Uint8Array {
  const len = r.u8(`${what} Length`);
  // §17.2: v1 connection IDs are at most 20 bytes; other versions may use up to 255 (RFC 8999)
  if (version === QUIC_VERSION_1 && len > MAX_CONNECTION_ID_LENGTH) throw new InvalidPacket(`${what} of ${len} bytes in a version 1 packet`);
  return r.bytesCopy(len, what);
}

function parseLong(d: Uint8Array, offset: number): ParsedPacket {
  const r = new Reader(d, offset);
  const first = r.u8();
  const version = r.u32('Version');
  const dcid = connectionId(r, version, 'Destination Connection ID');
  const scid = connectionId(r, version, 'Source Connection ID');
  const rest = (): Uint8Array => d.subarray(offset);
  if (version === 0) {
    // §17.2.1: Version Negotiation; the rest of the datagram is a list of 32-bit versions
    if (r.remaining % 4 !== 0 || r.remaining === 0) throw new InvalidPacket('Version Negotiation list is not a non-empty multiple of 4 bytes');
    const supportedVersions: number[] = [];
    while (!r.atEnd) supportedVersions.push(r.u32());
    return { kind: 'version_negotiation', bytes: rest(), offset, dcid, scid, supportedVersions };
  }
  if (version !== QUIC_VERSION_1) return { kind: 'unsupported_version', bytes: rest(), offset, version, dcid, scid };
  // §17.2: packets with a zero fixed bit are not valid in this version and are discarded
  if ((first & 0x40) === 0) throw new InvalidPacket('fixed bit is 0');
  const type = LONG_TYPES[(first & 0x30) >> 4]!;
  if (type === 'retry') {
    // §17.2.5: Retry Token fills everything up to the 16-byte Retry Integrity Tag
    if (r.remaining < 16) throw new InvalidPacket('Retry packet shorter than its integrity tag');
    const token = r.bytesCopy(r.remaining - 16, 'Retry Token');
    return { kind: 'retry', bytes: rest(), offset, version, dcid, scid, token, integrityTag: r.bytesCopy(16) };
  }
  const token = type === 'initial' ? r.bytesCopy(r.varint('Token Length'), 'Token') : new Uint8Array(0);
  const length = r.varint('Length');
  if (length > r.remaining) throw new InvalidPacket(`Length ${length} exceeds the ${r.remaining} bytes left in the datagram`);
  if (length < 1) throw new InvalidPacket('Length too small for a packet number');
  const pnAt = r.offset;
  return { kind: type, bytes: d.subarray(offset, pnAt + length), offset, version, dcid, scid, token, pnOffset: pnAt - offset };
}

function parseShort(d: Uint8Array, offset: number, dcidLength: number): ParsedPacket {
  const r = new Reader(d, offset);
  const first = r.u8();
  if ((first & 0x40) === 0) throw new InvalidPacket('fixed bit is 0');
  const dcid = r.bytesCopy(dcidLength, 'Destination Connection ID');
  if (r.atEnd) throw new InvalidPacket('short header packet without a packet number');
  return { kind: '1rtt', bytes: d.subarray(offset), offset, dcid, spinBit: (first & 0x20) !== 0, pnOffset: r.offset - offset };
}

/**
 * Parses the packet that starts at `offset` of a datagram. `shortDcidLength` is the length of our own
 * connection IDs, needed for short headers, which do not carry it (§17.3). Throws InvalidPacket only.
 */
export function parsePacket(datagram: Uint8Array, offset: number, shortDcidLength: number): ParsedPacket {
  try {
    const first = datagram[offset];
    if (first === undefined) throw new InvalidPacket('empty packet');
    return first & 0x80 ? parseLong(datagram, offset) : parseShort(datagram, offset, shortDcidLength);
  } catch (e) {
    if (e instanceof NeedMore) throw new InvalidPacket(`truncated: ${e.message}`);
    if (e instanceof QuicError) throw new InvalidPacket(e.reason); // e.g. a varint above 2^53-1 in Length
    throw e;
  }
}

/** Result of encoding a header: where the packet number sits. */
export interface EncodedHeader {
  /** Offset of the packet number within the writer. */
  readonly pnOffset: number;
}

/**
 * Writes a header up to and including the (unprotected) truncated packet number. For long headers
 * `protectedPayloadLength` is the length of the payload after AEAD (ciphertext plus tag), for the Length field.
 */
export function encodePacketHeader(w: Writer, h: PacketHeaderFields, pnLength: 1 | 2 | 3 | 4, truncatedPn: number, protectedPayloadLength: number): EncodedHeader {
  if (h.dcid.length > MAX_CONNECTION_ID_LENGTH) throw new UsageError('connection ID longer than 20 bytes');
  if (h.type === '1rtt') {
    w.u8(0x40 | (h.spinBit ? 0x20 : 0) | (h.keyPhase ? 0x04 : 0) | (pnLength - 1)).bytes(h.dcid);
  } else {
    if (h.scid.length > MAX_CONNECTION_ID_LENGTH) throw new UsageError('connection ID longer than 20 bytes');
    if (h.type !== 'initial' && h.token && h.token.length > 0) throw new UsageError('only Initial packets carry a token');
    w.u8(0xc0 | (LongPacketTypeBits[h.type] << 4) | (pnLength - 1)).u32(h.version);
    w.u8(h.dcid.length).bytes(h.dcid).u8(h.scid.length).bytes(h.scid);
    if (h.type === 'initial') w.varint(h.token?.length ?? 0).bytes(h.token ?? new Uint8Array(0));
    const length = pnLength + protectedPayloadLength;
    varintLength(length);
    w.varint(length);
  }
  const pnOffset = w.length;
  w.uint(truncatedPn, pnLength);
  return { pnOffset };
}
