/**
 * QUIC packets (RFC 9000 §17) as located in a datagram, before packet protection is removed.
 *
 * Long header (§17.2):  1 | 1 (fixed) | type (2) | type-specific (4) | Version (32) | DCID Len (8) | DCID |
 *                       SCID Len (8) | SCID | type-specific fields
 * Short header (§17.3): 0 | 1 (fixed) | spin | reserved (2) | key phase | PN len (2) | DCID | PN | payload
 *
 * The low bits of the first byte and the packet number are header-protected (RFC 9001 §5.4), so a
 * parsed packet records where the packet number starts (`pnOffset`) and protection.ts does the rest.
 */
import type { FramePacketType } from '../frames/permissions';

/** Packet types that carry frames under packet protection. */
export type ProtectedPacketType = FramePacketType;

/** Long header packet types of QUIC v1 and their 2-bit codes (RFC 9000 §17.2, Table 5). */
export const LongPacketTypeBits = { initial: 0, '0rtt': 1, handshake: 2, retry: 3 } as const;

/** Fields every parsed packet has. */
interface PacketBase {
  /** The whole packet: a view into the datagram, including its protected bytes. */
  readonly bytes: Uint8Array;
  /** Offset of the packet within the datagram. */
  readonly offset: number;
  /** Destination Connection ID. */
  readonly dcid: Uint8Array;
}

/** An Initial (§17.2.2), 0-RTT (§17.2.3) or Handshake (§17.2.4) packet, still protected. */
export interface LongProtectedPacket extends PacketBase {
  readonly kind: 'initial' | '0rtt' | 'handshake';
  readonly version: number;
  readonly scid: Uint8Array;
  /** The Initial token; empty for other types. */
  readonly token: Uint8Array;
  /** Offset of the packet number within `bytes`. */
  readonly pnOffset: number;
}

/** A 1-RTT packet (§17.3.1), still protected. */
export interface ShortProtectedPacket extends PacketBase {
  readonly kind: '1rtt';
  /** The latency spin bit (not header-protected, §17.4). */
  readonly spinBit: boolean;
  /** Offset of the packet number within `bytes`. */
  readonly pnOffset: number;
}

/** A Retry packet (§17.2.5). */
export interface RetryPacket extends PacketBase {
  readonly kind: 'retry';
  readonly version: number;
  readonly scid: Uint8Array;
  /** Retry Token. */
  readonly token: Uint8Array;
  /** Retry Integrity Tag (RFC 9001 §5.8), 16 bytes. */
  readonly integrityTag: Uint8Array;
}

/** A Version Negotiation packet (§17.2.1). */
export interface VersionNegotiationPacket extends PacketBase {
  readonly kind: 'version_negotiation';
  readonly scid: Uint8Array;
  /** Supported Version list. */
  readonly supportedVersions: readonly number[];
}

/** A long header packet of a version we do not speak: only the invariant fields are known (RFC 8999 §5.1). */
export interface UnsupportedVersionPacket extends PacketBase {
  readonly kind: 'unsupported_version';
  readonly version: number;
  readonly scid: Uint8Array;
}

/** A packet located in a datagram. */
export type ParsedPacket = LongProtectedPacket | ShortProtectedPacket | RetryPacket | VersionNegotiationPacket | UnsupportedVersionPacket;

/** A packet that carries protected frames. */
export type ProtectedPacket = LongProtectedPacket | ShortProtectedPacket;

/** Header fields to build an Initial, 0-RTT or Handshake packet. */
export interface LongHeaderFields {
  readonly type: 'initial' | '0rtt' | 'handshake';
  readonly version: number;
  readonly dcid: Uint8Array;
  readonly scid: Uint8Array;
  /** Initial only (empty when absent). */
  readonly token?: Uint8Array;
}

/** Header fields to build a 1-RTT packet. */
export interface ShortHeaderFields {
  readonly type: '1rtt';
  readonly dcid: Uint8Array;
  readonly spinBit?: boolean;
  readonly keyPhase: boolean;
}

/** Header fields of a packet to build. */
export type PacketHeaderFields = LongHeaderFields | ShortHeaderFields;
