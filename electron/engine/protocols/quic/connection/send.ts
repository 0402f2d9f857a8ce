/**
 * Datagram assembly: one UDP datagram from up to three coalesced packets (Initial, Handshake, 1-RTT, in that
 * order, RFC 9000 §12.2), each with the frames due in its space — ACK, CONNECTION_CLOSE, CRYPTO,
 * HANDSHAKE_DONE, connection ID and path frames, stream control and STREAM data — within the congestion
 * window and the pacer (RFC 9002 §7), the anti-amplification limit (§8.1), and padded to 1200 bytes when it
 * carries an Initial packet (§14.1).
 */
import { AEAD_TAG_LENGTH } from '../../tls13/crypto';
import { encodeFrame } from '../frames/codec';
import { frameRules, isAckEliciting } from '../frames/permissions';
import type { Frame } from '../frames/types';
import { QUIC_VERSION_1 } from '../../tls13/quic-keys';
import { sealPacket } from '../packet/protection';
import type { PacketHeaderFields } from '../packet/types';
import { Space } from '../recovery/loss-detection';
import { packetNumberLength } from '../wire/packet-number';
import { varintLength } from '../wire/varint';
import { Writer } from '../wire/writer';
import { ConnectionState, type QuicConnection } from './connection';
import { frameToJson, qlogPacketType } from './events';
import type { PacketSpace } from './packet-space';
import type { QuicPacketHeaderData } from '../../../../../shared/events';
import { toHex } from '../../../../../shared/bytes';

/** A datagram built for sending. */
export interface BuiltDatagram {
  readonly datagram: Uint8Array;
  /** True when at least one packet in it is ack-eliciting. */
  readonly ackEliciting: boolean;
}

interface Part {
  readonly ps: PacketSpace;
  readonly frames: Frame[];
  readonly pn: number;
  readonly pnLength: 1 | 2 | 3 | 4;
  readonly header: PacketHeaderFields;
  payloadLength: number;
  probe: boolean;
}

const PACKET_TYPE = ['initial', 'handshake', '1rtt'] as const;

function headerFields(conn: QuicConnection, space: Space): PacketHeaderFields {
  const dcid = conn.peerIds.current;
  if (space === Space.Application) return { type: '1rtt', dcid, keyPhase: conn.keyUpdate.phase };
  return { type: PACKET_TYPE[space] as 'initial' | 'handshake', version: QUIC_VERSION_1, dcid, scid: conn.localIds.initial, token: new Uint8Array(0) };
}

/** Exact header length for a payload of `payloadLength` bytes (before AEAD). */
function headerLength(h: PacketHeaderFields, pnLength: number, payloadLength: number): number {
  if (h.type === '1rtt') return 1 + h.dcid.length + pnLength;
  const token = h.type === 'initial' ? varintLength(h.token?.length ?? 0) + (h.token?.length ?? 0) : 0;
  return 1 + 4 + 1 + h.dcid.length + 1 + h.scid.length + token + varintLength(pnLength + payloadLength + AEAD_TAG_LENGTH) + pnLength;
}

function frameSize(f: Frame): number {
  // STREAM and CRYPTO sized without copying their data
  if (f.type === 'stream') return 1 + varintLength(f.streamId) + (f.offset !== 0 ? varintLength(f.offset) : 0) + (f.hasLength ? varintLength(f.data.length) : 0) + f.data.length;
  if (f.type === 'crypto') return 1 + varintLength(f.offset) + varintLength(f.data.length) + f.data.length;
  if (f.type === 'padding') return f.length;
  if (f.type === 'ping' || f.type === 'handshake_done') return 1;
  const w = new Writer(64);
  encodeFrame(w, f);
  return w.length;
}

/** Builds the next datagram, or null. */
export function buildDatagram(conn: QuicConnection, now: number): BuiltDatagram | null {
  let maxSize = conn.settings.maxDatagramSize;
  const allowance = conn.amplificationAllowance();
  if (allowance < maxSize) {
    // §8.1: before validation a server sends at most three times what it received; Initial datagrams need 1200 bytes
    if (allowance < 1200) return null;
    maxSize = Math.floor(allowance);
  }
  const closing = conn.state === ConnectionState.Closing;
  const parts: Part[] = [];
  let used = 0;
  const cc = conn.recovery.cc;
  const srtt = conn.recovery.rtt.smoothed;

  for (const space of [Space.Initial, Space.Handshake, Space.Application]) {
    const ps = conn.spaces[space];
    if (!ps.canSend) continue;
    const header = headerFields(conn, space);
    const pn = ps.nextPn;
    const pnLength = packetNumberLength(pn, conn.recovery.largestAcked(space) < 0 ? undefined : conn.recovery.largestAcked(space));
    const overhead = headerLength(header, pnLength, 1200) + AEAD_TAG_LENGTH;
    let budget = maxSize - used - overhead;
    if (budget < 24) break;
    const frames: Frame[] = [];
    const take = (f: Frame, size = frameSize(f)): void => {
      frames.push(f);
      budget -= size;
    };

    if (closing) {
      const close = conn.closeFrame!;
      // §10.2.3: an application close in Initial / Handshake packets becomes APPLICATION_ERROR without details
      const f: Frame = close.type === 'application_close' && space !== Space.Application ? { type: 'connection_close', errorCode: 0x0cn, frameType: 0n, reason: '' } : close;
      // Send it at every level we can, until the peer surely has keys for one (before confirmation)
      if (space === Space.Application || !conn.isHandshakeConfirmed) take(f);
      if (frames.length > 0) parts.push({ ps, frames, pn, pnLength, header, payloadLength: 0, probe: false });
      used += overhead + frameSize(f);
      continue;
    }

    const probe = ps.probes > 0;
    // ACK first (§13.2): always when due; otherwise it rides along with other frames
    const ack = ps.ack.hasPending ? ps.ack.buildAck(now, conn.settings.ackDelayExponent) : null;
    const ackSize = ack ? frameSize(ack) : 0;
    if (ack) budget -= ackSize;
    const ccAllows = probe || cc.bytesInFlight < cc.cwnd;
    let paced = false;
    if (ccAllows && !probe && space === Space.Application && (conn.streams.hasPending || ps.cryptoSend.hasPending)) {
      const at = conn.recovery.pacer.nextSendTime(now, maxSize, cc.cwnd, srtt);
      if (at > now) {
        paced = true;
        conn.pacingDeadline = at;
      }
    }
    const mayElicit = ccAllows && !paced;
    if (mayElicit) {
      // CRYPTO (§19.6)
      while (budget > 24 && ps.cryptoSend.hasPending) {
        const chunk = ps.cryptoSend.next(budget - 1 - 8 - 4);
        if (!chunk || chunk.data.length === 0) break;
        take({ type: 'crypto', offset: chunk.offset, data: chunk.data });
      }
      if (space === Space.Application) {
        if (conn.handshakeDonePending && budget > 1) {
          conn.handshakeDonePending = false;
          take({ type: 'handshake_done' }, 1);
        }
        while (conn.pathResponses.length > 0 && budget > 9) take({ type: 'path_response', data: conn.pathResponses.shift()! }, 9);
        while (conn.localIds.pending.length > 0 && budget > 50) {
          const x = conn.localIds.pending.shift()!;
          if (!conn.localIds.has(x.id)) continue;
          take({ type: 'new_connection_id', sequenceNumber: x.sequence, retirePriorTo: 0, connectionId: x.id, statelessResetToken: x.resetToken });
        }
        while (conn.peerIds.retirePending.length > 0 && budget > 9) take({ type: 'retire_connection_id', sequenceNumber: conn.peerIds.retirePending.shift()! });
        for (let f = conn.streams.nextFrame(budget); f; f = budget > 16 ? conn.streams.nextFrame(budget) : null) take(f);
      }
      if (probe && !isAckEliciting(frames)) take({ type: 'ping' }, 1);
    }
    if (!ack && frames.length === 0) continue;
    const ackNow = ack !== null && (ps.ack.dueNow(now) || frames.length > 0);
    if (frames.length === 0 && !ackNow) continue;
    if (ack && ackNow) {
      frames.unshift(ack);
      ps.ack.onAckSent();
    } else if (ack) budget += ackSize;
    if (probe && isAckEliciting(frames)) ps.probes--;
    let payloadLength = 0;
    for (const f of frames) payloadLength += frameSize(f);
    parts.push({ ps, frames, pn, pnLength, header, payloadLength, probe });
    used += headerLength(header, pnLength, payloadLength) + payloadLength + AEAD_TAG_LENGTH;
  }
  if (parts.length === 0) return null;

  // Padding: every datagram with an Initial packet from a client, and with an ack-eliciting Initial from a server (§14.1)
  const needsPadding = parts.some((p) => p.ps.space === Space.Initial && (conn.role === 'client' || isAckEliciting(p.frames)));
  for (const part of parts) if (part.payloadLength === 0) part.payloadLength = part.frames.reduce((n, f) => n + frameSize(f), 0);
  const total = (): number => parts.reduce((n, p) => n + headerLength(p.header, p.pnLength, p.payloadLength) + p.payloadLength + AEAD_TAG_LENGTH, 0);
  const last = parts[parts.length - 1]!;
  // The header protection sample needs 4 bytes after the packet number start (RFC 9001 §5.4.2)
  for (const p of parts) {
    const min = 4 - p.pnLength;
    if (p.payloadLength < min) {
      p.frames.push({ type: 'padding', length: min - p.payloadLength });
      p.payloadLength = min;
    }
  }
  if (needsPadding) {
    const target = Math.max(conn.minInitialDatagram, 1200);
    let deficit = target - total();
    if (deficit > 0) {
      const tail = last.frames[last.frames.length - 1];
      if (tail?.type === 'padding') last.frames[last.frames.length - 1] = { type: 'padding', length: tail.length + deficit };
      else last.frames.push({ type: 'padding', length: deficit });
      last.payloadLength += deficit;
      deficit = target - total();
      if (deficit < 0) {
        const pad = last.frames[last.frames.length - 1] as { type: 'padding'; length: number };
        const cut = Math.min(-deficit, pad.length - 1);
        last.frames[last.frames.length - 1] = { type: 'padding', length: pad.length - cut };
        last.payloadLength -= cut;
      }
    }
  }

  const out = new Writer(total() + 16);
  let anyEliciting = false;
  let sentHandshake = false;
  const traces: { data: Parameters<typeof conn.events.trace<'quic:packet_sent'>>[1]; raw: Uint8Array }[] = [];
  for (const part of parts) {
    const w = new Writer(part.payloadLength + 8);
    for (const f of part.frames) encodeFrame(w, f);
    const payload = w.finish();
    const packet = sealPacket({ header: part.header, packetNumber: part.pn, pnLength: part.pnLength, payload, keys: part.ps.writeKeys! });
    out.bytes(packet);
    part.ps.nextPn++;
    if (part.ps.space === Space.Application) conn.keyUpdate.sent(part.pn);
    const eliciting = isAckEliciting(part.frames);
    anyEliciting ||= eliciting;
    const inFlight = eliciting || part.frames.some((f) => f.type === 'padding');
    const retained = part.frames.filter((f) => f.type !== 'padding' && f.type !== 'ack' && frameRules(f).ackEliciting);
    if (!closing) conn.recovery.onPacketSent({ pn: part.pn, space: part.ps.space, timeSent: now, size: packet.length, ackEliciting: eliciting, inFlight, frames: retained });
    if (part.ps.space === Space.Handshake) sentHandshake = true;
    if (conn.events.tracing) {
      traces.push({
        data: {
          header: headerData(part, packet.length),
          frames: part.frames.map((f) => frameToJson(f, conn.settings.ackDelayExponent)),
          raw_length: packet.length,
          payload_length: payload.length,
          ...(part.probe ? { trigger: 'pto_probe' } : closing ? { trigger: 'closing' } : {}),
        },
        raw: payload,
      });
    }
  }
  const datagram = out.finish();
  for (const t of traces) conn.events.trace('quic:packet_sent', { ...t.data, datagram_length: datagram.length }, { dir: 'sent', raw: t.raw });
  if (closing) conn.closeSent(now);
  // RFC 9001 §4.9.1: a client discards Initial keys when it first sends a Handshake packet
  if (sentHandshake && conn.role === 'client') conn.discardSpace(Space.Initial, 'handshake_packet');
  return { datagram, ackEliciting: anyEliciting };
}

function headerData(part: Part, length: number): QuicPacketHeaderData {
  const h = part.header;
  if (h.type === '1rtt') return { packet_type: '1RTT', packet_number: part.pn, dcid: toHex(h.dcid), key_phase: h.keyPhase ? 1 : 0 };
  return { packet_type: qlogPacketType(h.type), packet_number: part.pn, dcid: toHex(h.dcid), scid: toHex(h.scid), version: '00000001', ...(h.type === 'initial' ? { token_length: 0 } : {}), length };
}
