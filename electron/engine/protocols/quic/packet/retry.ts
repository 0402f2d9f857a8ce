/**
 * Retry packets (RFC 9000 §17.2.5) and their integrity tag (RFC 9001 §5.8): AES-128-GCM with a fixed
 * key and nonce over the Retry Pseudo-Packet (ODCID Length, Original Destination Connection ID, Retry
 * packet without its tag), with an empty plaintext.
 */
import { aeadSeal, constantTimeEqual } from '../../tls13/crypto';
import { QUIC_VERSION_1 } from '../../tls13/quic-keys';
import { UsageError } from '../wire/errors';
import { Writer } from '../wire/writer';
import type { RetryPacket } from './types';

/** The v1 Retry integrity key (RFC 9001 §5.8). */
export const RETRY_INTEGRITY_KEY_V1 = Uint8Array.from([0xbe, 0x0c, 0x69, 0x0b, 0x9f, 0x66, 0x57, 0x5a, 0x1d, 0x76, 0x6b, 0x54, 0xe3, 0x68, 0xc8, 0x4e]);

/** The v1 Retry integrity nonce (RFC 9001 §5.8). */
export const RETRY_INTEGRITY_NONCE_V1 = Uint8Array.from([0x46, 0x15, 0x99, 0xd3, 0x5d, 0x63, 0x2b, 0xf2, 0x23, 0x98, 0x25, 0xbb]);

/** The integrity tag of a Retry packet (without its tag) sent in response to a client whose first DCID was originalDcid. */
export function retryIntegrityTag(retryWithoutTag: Uint8Array, originalDcid: Uint8Array): Uint8Array {
  const pseudo = new Writer(1 + originalDcid.length + retryWithoutTag.length);
  pseudo.u8(originalDcid.length).bytes(originalDcid).bytes(retryWithoutTag);
  return aeadSeal('aes-128-gcm', RETRY_INTEGRITY_KEY_V1, RETRY_INTEGRITY_NONCE_V1, pseudo.finish(), new Uint8Array(0));
}

/** True when a parsed Retry packet's tag is valid for the client's original DCID (clients MUST check, §17.2.5.2). */
export function verifyRetryIntegrity(packet: RetryPacket, originalDcid: Uint8Array): boolean {
  const withoutTag = packet.bytes.subarray(0, packet.bytes.length - 16);
  return constantTimeEqual(retryIntegrityTag(withoutTag, originalDcid), packet.integrityTag);
}

/** Fields of a Retry packet to build. */
export interface RetryFields {
  /** Echoes the client's SCID. */
  readonly dcid: Uint8Array;
  /** The server's new connection ID. */
  readonly scid: Uint8Array;
  /** Non-empty Retry Token. */
  readonly token: Uint8Array;
  /** The 4 unused low bits of the first byte (random in practice). */
  readonly unusedBits?: number;
}

/** Builds a complete v1 Retry packet with its integrity tag. */
export function encodeRetryPacket(f: RetryFields, originalDcid: Uint8Array): Uint8Array {
  if (f.token.length === 0) throw new UsageError('a Retry token must not be empty');
  const w = new Writer(64 + f.token.length);
  w.u8(0xf0 | ((f.unusedBits ?? 0) & 0x0f)).u32(QUIC_VERSION_1);
  w.u8(f.dcid.length).bytes(f.dcid).u8(f.scid.length).bytes(f.scid).bytes(f.token);
  const withoutTag = w.finish();
  w.bytes(retryIntegrityTag(withoutTag, originalDcid));
  return w.finish();
}
