/**
 * Packet protection (RFC 9001 §5.3) and header protection (§5.4) with AES-GCM and AES-ECB.
 *
 * Sending:   payload --AEAD(key, nonce = iv XOR pn, aad = header)--> ciphertext; then
 *            mask = AES-ECB(hp, sample = 16 bytes at pnOffset + 4); first byte ^= mask[0] & (long ? 0x0f : 0x1f);
 *            packet number bytes ^= mask[1..].
 * Receiving: the reverse; the packet number length is only known after removing header protection.
 */
import { AEAD_TAG_LENGTH, aeadOpen, aeadSeal, aesEcbEncryptBlock } from '../../tls13/crypto';
import type { QuicPacketKeys } from '../../tls13/quic-keys';
import { InvalidPacket, QuicError, TransportErrorCode, UsageError } from '../wire/errors';
import { decodePacketNumber, truncatePacketNumber } from '../wire/packet-number';
import { Writer } from '../wire/writer';
import { encodePacketHeader } from './header';
import type { PacketHeaderFields, ProtectedPacket } from './types';

/** Bytes of ciphertext sampled for header protection (§5.4.2). */
export const HP_SAMPLE_LENGTH = 16;

/** The 5-byte header protection mask: AES-ECB(hp_key, sample)[0..5] (§5.4.3). */
export function headerProtectionMask(hp: Uint8Array, sample: Uint8Array): Uint8Array {
  return aesEcbEncryptBlock(hp, sample).subarray(0, 5);
}

/** The AEAD nonce: the IV XORed with the packet number, left-padded to the IV length (§5.3). */
export function packetNonce(iv: Uint8Array, packetNumber: number): Uint8Array {
  const nonce = iv.slice();
  let pn = packetNumber;
  for (let i = nonce.length - 1; i >= 0 && pn > 0; i--) {
    nonce[i] = nonce[i]! ^ pn % 256;
    pn = Math.floor(pn / 256);
  }
  return nonce;
}

/** What to protect. */
export interface SealParams {
  /** Header fields. */
  readonly header: PacketHeaderFields;
  /** Full packet number. */
  readonly packetNumber: number;
  /** Bytes to encode it in (wire/packet-number.packetNumberLength). */
  readonly pnLength: 1 | 2 | 3 | 4;
  /** Plaintext frames; must be at least 4 - pnLength bytes so the sample exists (§5.4.2): pad with PADDING. */
  readonly payload: Uint8Array;
  /** Keys of this packet's level and direction. */
  readonly keys: QuicPacketKeys;
}

/** Builds a protected packet: header, AEAD-sealed payload, then header protection. */
export function sealPacket(p: SealParams): Uint8Array {
  if (p.pnLength + p.payload.length < 4) throw new UsageError(`payload of ${p.payload.length} bytes too short to sample for header protection: pad it`);
  const w = new Writer(64 + p.payload.length + AEAD_TAG_LENGTH);
  const { pnOffset } = encodePacketHeader(w, p.header, p.pnLength, truncatePacketNumber(p.packetNumber, p.pnLength), p.payload.length + AEAD_TAG_LENGTH);
  const header = w.finish();
  w.bytes(aeadSeal(p.keys.aead, p.keys.key, packetNonce(p.keys.iv, p.packetNumber), header, p.payload));
  const packet = w.finish();
  const sampleAt = pnOffset + 4;
  const mask = headerProtectionMask(p.keys.hp, packet.subarray(sampleAt, sampleAt + HP_SAMPLE_LENGTH));
  packet[0] = packet[0]! ^ (mask[0]! & (p.header.type === '1rtt' ? 0x1f : 0x0f));
  for (let i = 0; i < p.pnLength; i++) packet[pnOffset + i] = packet[pnOffset + i]! ^ mask[1 + i]!;
  return packet;
}

/** A packet header with header protection removed. */
export interface UnprotectedHeader {
  /** The unprotected first byte. */
  readonly firstByte: number;
  /** Packet number length, 1..4. */
  readonly pnLength: 1 | 2 | 3 | 4;
  /** The full, decoded packet number. */
  readonly packetNumber: number;
  /** Key phase bit (1-RTT only; false for long headers). */
  readonly keyPhase: boolean;
  /** The unprotected header bytes, first byte through packet number: the AEAD's associated data. */
  readonly header: Uint8Array;
}

/**
 * Removes header protection (§5.4) with the level's hp key and decodes the packet number against the
 * largest one received in its space (-1 when none). Throws InvalidPacket when the packet is too short to sample.
 */
export function unprotectHeader(packet: ProtectedPacket, hp: Uint8Array, largestPn: number): UnprotectedHeader {
  const b = packet.bytes;
  const sampleAt = packet.pnOffset + 4;
  if (sampleAt + HP_SAMPLE_LENGTH > b.length) throw new InvalidPacket('too short to sample for header protection');
  const mask = headerProtectionMask(hp, b.subarray(sampleAt, sampleAt + HP_SAMPLE_LENGTH));
  const long = packet.kind !== '1rtt';
  const firstByte = b[0]! ^ (mask[0]! & (long ? 0x0f : 0x1f));
  const pnLength = ((firstByte & 0x03) + 1) as 1 | 2 | 3 | 4;
  const header = b.slice(0, packet.pnOffset + pnLength);
  header[0] = firstByte;
  let truncated = 0;
  for (let i = 0; i < pnLength; i++) {
    const byte = b[packet.pnOffset + i]! ^ mask[1 + i]!;
    header[packet.pnOffset + i] = byte;
    truncated = truncated * 256 + byte;
  }
  return { firstByte, pnLength, packetNumber: decodePacketNumber(largestPn, truncated, pnLength * 8), keyPhase: !long && (firstByte & 0x04) !== 0, header };
}

/** A packet with both protections removed. */
export interface OpenedPacket extends UnprotectedHeader {
  /** The plaintext payload (frames). */
  readonly payload: Uint8Array;
}

/**
 * Decrypts the payload of a packet whose header protection was removed (§5.3). Throws InvalidPacket
 * when authentication fails (drop it, §5.5), and PROTOCOL_VIOLATION when the reserved bits are not zero
 * after successful removal of both protections (RFC 9000 §17.2, §17.3.1).
 */
export function decryptPayload(packet: ProtectedPacket, h: UnprotectedHeader, keys: QuicPacketKeys): OpenedPacket {
  const sealed = packet.bytes.subarray(h.header.length);
  const payload = aeadOpen(keys.aead, keys.key, packetNonce(keys.iv, h.packetNumber), h.header, sealed);
  if (!payload) throw new InvalidPacket('packet authentication failed');
  const reserved = packet.kind === '1rtt' ? h.firstByte & 0x18 : h.firstByte & 0x0c;
  if (reserved !== 0) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, 'reserved header bits are not zero', 'remote');
  return { ...h, payload };
}

/** Removes header and packet protection in one step (see unprotectHeader and decryptPayload). */
export function openPacket(packet: ProtectedPacket, keys: QuicPacketKeys, largestPn: number): OpenedPacket {
  return decryptPayload(packet, unprotectHeader(packet, keys.hp, largestPn), keys);
}
