/**
 * Splitting a UDP datagram into its coalesced packets (RFC 9000 §12.2): long header packets carry a
 * Length; a short header packet, Retry, Version Negotiation or unknown-version packet runs to the end.
 */
import { InvalidPacket } from '../wire/errors';
import { parsePacket } from './header';
import type { ParsedPacket } from './types';

/** The packets of a datagram, and why parsing stopped early, if it did. */
export interface SplitDatagram {
  /** Packets parsed, in order. */
  readonly packets: readonly ParsedPacket[];
  /** Set when a packet could not be parsed: it and everything after it are dropped (§12.2). */
  readonly dropped?: InvalidPacket;
  /** Offset where dropping began, when `dropped` is set. */
  readonly droppedAt?: number;
}

/** Splits a datagram into coalesced packets. Never throws for bad input. */
export function splitDatagram(datagram: Uint8Array, shortDcidLength: number): SplitDatagram {
  const packets: ParsedPacket[] = [];
  let offset = 0;
  while (offset < datagram.length) {
    let p: ParsedPacket;
    try {
      p = parsePacket(datagram, offset, shortDcidLength);
    } catch (e) {
      if (e instanceof InvalidPacket) return { packets, dropped: e, droppedAt: offset };
      throw e;
    }
    packets.push(p);
    offset += p.bytes.length;
  }
  return { packets };
}
