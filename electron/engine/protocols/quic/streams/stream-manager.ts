/**
 * All streams of a connection (RFC 9000 §2-§4): opening by id (§2.1, lower ids of a type open implicitly),
 * stream limits (MAX_STREAMS, §4.6), connection and stream flow control (MAX_DATA, MAX_STREAM_DATA, the
 * BLOCKED frames, §4.1-§4.2), RESET_STREAM and STOP_SENDING (§3.5), and the frames that carry them:
 * which to send next, and what to do when a packet carrying them is acknowledged or lost.
 */
import type { Frame, StreamFrame } from '../frames/types';
import type { QuicEventQueue } from '../connection/events';
import { QuicError, TransportErrorCode, UsageError } from '../wire/errors';
import { varintLength } from '../wire/varint';
import { QuicStream, RecvState, SendState } from './stream';
import { isBidirectional, isInitiatedBy, streamIdOf, streamIndex, type Role } from './stream-id';

/** Our receive windows and stream limits (they become our transport parameters). */
export interface LocalStreamSettings {
  /** initial_max_data, and the connection window kept open afterwards. */
  readonly maxData: number;
  /** initial_max_stream_data_* and the per-stream window kept open. */
  readonly maxStreamData: number;
  /** initial_max_streams_bidi. */
  readonly maxStreamsBidi: number;
  /** initial_max_streams_uni. */
  readonly maxStreamsUni: number;
}

/** The peer's limits on our sending, from its transport parameters (§18.2). */
export interface PeerStreamLimits {
  readonly maxData: number;
  /** initial_max_stream_data_bidi_local: our sending on streams the peer opens. */
  readonly maxStreamDataBidiLocal: number;
  /** initial_max_stream_data_bidi_remote: our sending on bidi streams we open. */
  readonly maxStreamDataBidiRemote: number;
  /** initial_max_stream_data_uni: our sending on uni streams we open. */
  readonly maxStreamDataUni: number;
  readonly maxStreamsBidi: number;
  readonly maxStreamsUni: number;
}

const NO_LIMITS: PeerStreamLimits = { maxData: 0, maxStreamDataBidiLocal: 0, maxStreamDataBidiRemote: 0, maxStreamDataUni: 0, maxStreamsBidi: 0, maxStreamsUni: 0 };

/** The stream layer of one connection. */
export class StreamManager {
  private readonly streams = new Map<number, QuicStream>();
  private peer: PeerStreamLimits = NO_LIMITS;
  /** Next index of a stream we open, per type. */
  private readonly nextLocal = { bidi: 0, uni: 0 };
  /** One past the highest index of a peer stream opened so far, per type. */
  private readonly nextPeer = { bidi: 0, uni: 0 };
  /** Our MAX_STREAMS for the peer, per type. */
  private readonly localMaxStreams: { bidi: number; uni: number };
  private readonly maxStreamsPending = { bidi: false, uni: false };
  /** The peer's MAX_STREAMS for us. */
  private readonly peerMaxStreams = { bidi: 0, uni: 0 };
  private readonly streamsBlockedPending = { bidi: -1, uni: -1 };
  /** Connection flow control, sending (§4.1). */
  private sendMaxData = 0;
  private sentData = 0;
  private dataBlockedSentAt = -1;
  private dataBlockedPending = false;
  /** Connection flow control, receiving. */
  private recvMaxData: number;
  private recvData = 0;
  private consumedData = 0;
  private maxDataPending = false;
  /** Streams with a control frame to send. */
  private readonly control = new Set<number>();
  /** Streams with data to send, in round-robin order. */
  private readonly sendable = new Set<number>();

  /** @param role our role  @param local our windows and limits  @param events where events go */
  constructor(
    private readonly role: Role,
    private readonly local: LocalStreamSettings,
    private readonly events: QuicEventQueue,
  ) {
    this.localMaxStreams = { bidi: local.maxStreamsBidi, uni: local.maxStreamsUni };
    this.recvMaxData = local.maxData;
  }

  /** Applies the peer's transport parameters (once, when they arrive). */
  setPeerLimits(limits: PeerStreamLimits): void {
    this.peer = limits;
    this.sendMaxData = limits.maxData;
    this.peerMaxStreams.bidi = limits.maxStreamsBidi;
    this.peerMaxStreams.uni = limits.maxStreamsUni;
    for (const s of this.streams.values()) s.sendMax = Math.max(s.sendMax, this.initialSendMax(s.id));
  }

  private initialSendMax(id: number): number {
    if (!isBidirectional(id)) return this.peer.maxStreamDataUni;
    return isInitiatedBy(id, this.role) ? this.peer.maxStreamDataBidiRemote : this.peer.maxStreamDataBidiLocal;
  }

  private newStream(id: number): QuicStream {
    const s = new QuicStream(id, this.role, this.initialSendMax(id), this.local.maxStreamData);
    this.streams.set(id, s);
    return s;
  }

  /** True when the peer's MAX_STREAMS lets us open another stream of this type. */
  canOpen(bidi: boolean): boolean {
    const key = bidi ? 'bidi' : 'uni';
    return this.nextLocal[key] < this.peerMaxStreams[key];
  }

  /** Opens a stream (RFC 9000 §2.1); null when the peer's stream limit is reached (STREAMS_BLOCKED is sent). */
  open(bidi: boolean): number | null {
    const key = bidi ? 'bidi' : 'uni';
    if (this.nextLocal[key] >= this.peerMaxStreams[key]) {
      this.streamsBlockedPending[key] = this.peerMaxStreams[key];
      return null;
    }
    const id = streamIdOf(this.nextLocal[key]++, this.role, bidi);
    this.newStream(id);
    return id;
  }

  /** The stream, if it is open. */
  get(id: number): QuicStream | undefined {
    return this.streams.get(id);
  }

  /** Queues data on a stream we may send on; `fin` ends it. */
  write(id: number, data: Uint8Array, fin: boolean): void {
    const s = this.streams.get(id);
    if (!s || s.sendState === null) throw new UsageError(`stream ${id} is not open for sending`);
    if (s.sendState !== SendState.Ready && s.sendState !== SendState.Send) throw new UsageError(`stream ${id} is ${s.sendState}: no more writes`);
    s.send.write(data, fin);
    this.sendable.add(id);
  }

  /** Abandons sending with RESET_STREAM (§3.1, §19.4). */
  reset(id: number, code: bigint): void {
    const s = this.streams.get(id);
    if (!s || s.sendState === null) throw new UsageError(`stream ${id} is not open for sending`);
    if (s.sendState === SendState.DataRecvd || s.sendState === SendState.ResetSent || s.sendState === SendState.ResetRecvd) return;
    s.resetToSend = { code, finalSize: s.send.sent };
    s.send.discard();
    s.setSend(SendState.ResetSent);
    this.control.add(id);
    this.sendable.delete(id);
    this.flush(s);
  }

  /** Asks the peer to stop sending (STOP_SENDING, §3.5, §19.5); later data is discarded. */
  stopSending(id: number, code: bigint): void {
    const s = this.streams.get(id);
    if (!s || s.recvState === null) throw new UsageError(`stream ${id} is not open for receiving`);
    if (s.recvState !== RecvState.Recv && s.recvState !== RecvState.SizeKnown) return;
    s.stopSendingToSend = code;
    s.stopSent = true;
    this.control.add(id);
  }

  /**
   * Finds or implicitly opens the stream a frame refers to (§2.1, §3.2). Returns undefined for a stream that
   * was already closed and forgotten (the frame is ignored). Throws STREAM_STATE_ERROR / STREAM_LIMIT_ERROR.
   */
  private streamFor(id: number, frameType: number, receiving: boolean): QuicStream | undefined {
    const existing = this.streams.get(id);
    const bidi = isBidirectional(id);
    const key = bidi ? 'bidi' : 'uni';
    const local = isInitiatedBy(id, this.role);
    if (existing) {
      if (receiving && existing.recvState === null) throw new QuicError(TransportErrorCode.STREAM_STATE_ERROR, `receiving on our send-only stream ${id}`, 'remote', frameType);
      if (!receiving && existing.sendState === null) throw new QuicError(TransportErrorCode.STREAM_STATE_ERROR, `send-side frame for receive-only stream ${id}`, 'remote', frameType);
      return existing;
    }
    const index = streamIndex(id);
    if (local) {
      if (index >= this.nextLocal[key]) throw new QuicError(TransportErrorCode.STREAM_STATE_ERROR, `frame for stream ${id} we have not opened`, 'remote', frameType);
      if (receiving && !bidi) throw new QuicError(TransportErrorCode.STREAM_STATE_ERROR, `receiving on our send-only stream ${id}`, 'remote', frameType);
      return undefined; // closed and forgotten
    }
    if (!receiving && !bidi) throw new QuicError(TransportErrorCode.STREAM_STATE_ERROR, `send-side frame for the peer's unidirectional stream ${id}`, 'remote', frameType);
    if (index >= this.localMaxStreams[key]) throw new QuicError(TransportErrorCode.STREAM_LIMIT_ERROR, `stream ${id} exceeds our limit of ${this.localMaxStreams[key]} ${key} streams`, 'remote', frameType);
    if (index < this.nextPeer[key]) return undefined; // closed and forgotten
    // §3.2: opening a stream opens every lower-numbered stream of that type
    let s: QuicStream | undefined;
    for (let i = this.nextPeer[key]; i <= index; i++) {
      const sid = streamIdOf(i, this.role === 'client' ? 'server' : 'client', bidi);
      s = this.newStream(sid);
      this.events.push({ kind: 'stream_opened', streamId: sid });
    }
    this.nextPeer[key] = index + 1;
    return s;
  }

  /** STREAM (§19.8). */
  onStream(f: StreamFrame): void {
    const s = this.streamFor(f.streamId, 0x08, true);
    if (!s) return;
    const before = s.recvHighest;
    const { chunks, finReached } = s.onData(f.offset, f.data, f.fin);
    this.recvData += Math.max(0, s.recvHighest - before);
    if (this.recvData > this.recvMaxData) throw new QuicError(TransportErrorCode.FLOW_CONTROL_ERROR, `connection data ${this.recvData} beyond MAX_DATA ${this.recvMaxData}`, 'remote', 0x08);
    let delivered = 0;
    for (let i = 0; i < chunks.length; i++) {
      delivered += chunks[i]!.length;
      this.events.push({ kind: 'stream_data', streamId: s.id, data: chunks[i]!, fin: finReached && i === chunks.length - 1 });
    }
    if (finReached && chunks.length === 0) this.events.push({ kind: 'stream_data', streamId: s.id, data: new Uint8Array(0), fin: true });
    this.consumed(s, delivered);
    this.flush(s);
  }

  /** Credits delivered bytes and opens windows when half used (§4.2). */
  private consumed(s: QuicStream, bytes: number): void {
    this.consumedData += bytes;
    if (this.recvMaxData - this.consumedData < this.local.maxData / 2) {
      this.recvMaxData = this.consumedData + this.local.maxData;
      this.maxDataPending = true;
    }
    if ((s.recvState === RecvState.Recv) && s.recvMax - s.recv.delivered < s.recvWindow / 2) {
      s.recvMax = s.recv.delivered + s.recvWindow;
      s.maxStreamDataPending = true;
      this.control.add(s.id);
    }
  }

  /** RESET_STREAM (§19.4). */
  onResetStream(id: number, code: bigint, finalSize: number): void {
    const s = this.streamFor(id, 0x04, true);
    if (!s) return;
    if (s.finalSize !== null && s.finalSize !== finalSize) throw new QuicError(TransportErrorCode.FINAL_SIZE_ERROR, `stream ${id}: RESET_STREAM final size ${finalSize} differs from ${s.finalSize}`, 'remote', 0x04);
    if (finalSize < s.recvHighest) throw new QuicError(TransportErrorCode.FINAL_SIZE_ERROR, `stream ${id}: RESET_STREAM final size ${finalSize} below data received`, 'remote', 0x04);
    if (finalSize > s.recvMax) throw new QuicError(TransportErrorCode.FLOW_CONTROL_ERROR, `stream ${id}: final size ${finalSize} beyond the limit`, 'remote', 0x04);
    if (s.recvState === RecvState.DataRead || s.recvState === RecvState.ResetRead || s.recvState === RecvState.ResetRecvd) return;
    this.recvData += finalSize - s.recvHighest;
    if (this.recvData > this.recvMaxData) throw new QuicError(TransportErrorCode.FLOW_CONTROL_ERROR, 'RESET_STREAM final size beyond MAX_DATA', 'remote', 0x04);
    const unread = finalSize - s.recv.delivered;
    s.recvHighest = finalSize;
    s.finalSize = finalSize;
    s.setRecv(RecvState.ResetRecvd);
    s.setRecv(RecvState.ResetRead);
    this.events.push({ kind: 'stream_reset', streamId: id, errorCode: code, finalSize });
    this.consumed(s, unread);
    this.flush(s);
  }

  /** STOP_SENDING (§19.5): answered with RESET_STREAM carrying the same code (§3.5). */
  onStopSending(id: number, code: bigint): void {
    const s = this.streamFor(id, 0x05, false);
    if (!s) return;
    this.events.push({ kind: 'stop_sending', streamId: id, errorCode: code });
    this.reset(id, code);
  }

  /** MAX_DATA (§19.9). */
  onMaxData(max: bigint): void {
    const m = Number(max);
    if (m > this.sendMaxData) {
      this.sendMaxData = m;
      this.events.push({ kind: 'writable' });
    }
  }

  /** MAX_STREAM_DATA (§19.10). */
  onMaxStreamData(id: number, max: bigint): void {
    const s = this.streamFor(id, 0x11, false);
    if (!s) return;
    const m = Number(max);
    if (m > s.sendMax) {
      s.sendMax = m;
      if (s.send.unsentBytes > 0 || s.send.hasPending) this.sendable.add(id);
      this.events.push({ kind: 'writable' });
    }
  }

  /** MAX_STREAMS (§19.11); above 2^60 is FRAME_ENCODING_ERROR (checked by the decoder). */
  onMaxStreams(bidi: boolean, max: bigint): void {
    const key = bidi ? 'bidi' : 'uni';
    const m = Number(max);
    if (m > this.peerMaxStreams[key]) {
      this.peerMaxStreams[key] = m;
      this.events.push({ kind: 'writable' });
    }
  }

  /** STREAM_DATA_BLOCKED (§19.13): validates the stream id; the window logic needs nothing else. */
  onStreamDataBlocked(id: number): void {
    this.streamFor(id, 0x15, true);
  }

  /** True when a frame waits: control frames, or stream data we may send. */
  get hasPending(): boolean {
    if (this.maxDataPending || this.dataBlockedPending || this.control.size > 0) return true;
    if (this.maxStreamsPending.bidi || this.maxStreamsPending.uni || this.streamsBlockedPending.bidi >= 0 || this.streamsBlockedPending.uni >= 0) return true;
    for (const id of this.sendable) if (this.canSendOn(this.streams.get(id))) return true;
    return false;
  }

  private canSendOn(s: QuicStream | undefined): boolean {
    if (!s) return false;
    if (s.send.hasRetransmission) return true;
    if (s.send.unsentBytes > 0) return s.send.sent < s.sendMax && this.sentData < this.sendMaxData;
    return s.send.hasPending; // a FIN alone
  }

  /** The next frame to send that fits in `maxBytes`, or null. Control frames first, then stream data round-robin. */
  nextFrame(maxBytes: number): Frame | null {
    if (maxBytes < 3) return null;
    if (this.maxDataPending && maxBytes >= 9) {
      this.maxDataPending = false;
      return { type: 'max_data', maximumData: BigInt(this.recvMaxData) };
    }
    for (const key of ['bidi', 'uni'] as const) {
      if (this.maxStreamsPending[key] && maxBytes >= 9) {
        this.maxStreamsPending[key] = false;
        return { type: 'max_streams', bidirectional: key === 'bidi', maximumStreams: BigInt(this.localMaxStreams[key]) };
      }
      if (this.streamsBlockedPending[key] >= 0 && maxBytes >= 9) {
        const at = this.streamsBlockedPending[key];
        this.streamsBlockedPending[key] = -1;
        return { type: 'streams_blocked', bidirectional: key === 'bidi', maximumStreams: BigInt(at) };
      }
    }
    if (this.dataBlockedPending && maxBytes >= 9) {
      this.dataBlockedPending = false;
      return { type: 'data_blocked', maximumData: BigInt(this.sendMaxData) };
    }
    if (maxBytes >= 30) {
      for (const id of this.control) {
        const s = this.streams.get(id);
        const f = s ? this.controlFrameOf(s) : null;
        if (f) return f;
        this.control.delete(id);
      }
    }
    return this.nextStreamFrame(maxBytes);
  }

  private controlFrameOf(s: QuicStream): Frame | null {
    if (s.resetToSend) {
      const r = s.resetToSend;
      s.resetToSend = null;
      return { type: 'reset_stream', streamId: s.id, applicationErrorCode: r.code, finalSize: r.finalSize };
    }
    if (s.stopSendingToSend !== null) {
      const code = s.stopSendingToSend;
      s.stopSendingToSend = null;
      return { type: 'stop_sending', streamId: s.id, applicationErrorCode: code };
    }
    if (s.maxStreamDataPending) {
      s.maxStreamDataPending = false;
      if (s.recvState === RecvState.Recv) return { type: 'max_stream_data', streamId: s.id, maximumStreamData: BigInt(s.recvMax) };
    }
    if (s.blockedSentAt === -2) {
      s.blockedSentAt = s.sendMax;
      return { type: 'stream_data_blocked', streamId: s.id, maximumStreamData: BigInt(s.sendMax) };
    }
    return null;
  }

  private nextStreamFrame(maxBytes: number): Frame | null {
    for (const id of this.sendable) {
      const s = this.streams.get(id);
      if (!s || s.sendState === null || s.sendState === SendState.ResetSent || s.sendState === SendState.ResetRecvd) {
        this.sendable.delete(id);
        continue;
      }
      if (!s.send.hasPending) {
        this.sendable.delete(id);
        continue;
      }
      const overhead = 1 + varintLength(id) + 8 + 2;
      const room = maxBytes - overhead;
      if (room < 1 && !(s.send.fin !== null && s.send.unsentBytes === 0)) continue;
      const connCredit = this.sendMaxData - this.sentData;
      const limit = Math.min(s.sendMax, s.send.sent + Math.max(0, connCredit));
      const before = s.send.sent;
      const chunk = s.send.next(Math.max(0, room), limit);
      if (!chunk) {
        this.noteBlocked(s, connCredit);
        continue;
      }
      this.sentData += s.send.sent - before;
      if (s.send.sent - before > 0 || chunk.fin) this.noteBlocked(s, this.sendMaxData - this.sentData);
      // round-robin: move this stream to the back
      this.sendable.delete(id);
      if (s.send.hasPending) this.sendable.add(id);
      if (s.sendState === SendState.Ready) s.setSend(SendState.Send);
      if (chunk.fin) s.setSend(SendState.DataSent);
      this.flush(s);
      return { type: 'stream', streamId: id, offset: chunk.offset, data: chunk.data, fin: chunk.fin, hasLength: true };
    }
    return null;
  }

  /** Queues DATA_BLOCKED / STREAM_DATA_BLOCKED once per limit when new data waits on flow control (§4.1). */
  private noteBlocked(s: QuicStream, connCredit: number): void {
    if (s.send.unsentBytes === 0) return;
    if (connCredit <= 0 && this.dataBlockedSentAt !== this.sendMaxData) {
      this.dataBlockedSentAt = this.sendMaxData;
      this.dataBlockedPending = true;
    }
    if (s.send.sent >= s.sendMax && s.blockedSentAt !== s.sendMax && s.blockedSentAt !== -2) {
      s.blockedSentAt = -2; // marker: send STREAM_DATA_BLOCKED
      this.control.add(s.id);
    }
  }

  /** A frame we sent was acknowledged. */
  onFrameAcked(f: Frame): void {
    if (f.type === 'stream') {
      const s = this.streams.get(f.streamId);
      if (!s) return;
      s.send.onAcked(f.offset, f.data.length, f.fin);
      if (s.sendState === SendState.DataSent && s.send.allAcked) s.setSend(SendState.DataRecvd);
      this.flush(s);
    } else if (f.type === 'reset_stream') {
      const s = this.streams.get(f.streamId);
      if (!s) return;
      s.setSend(SendState.ResetRecvd);
      this.flush(s);
    }
  }

  /** A frame we sent was lost: queue what still matters (RFC 9000 §13.3). */
  onFrameLost(f: Frame): void {
    switch (f.type) {
      case 'stream': {
        const s = this.streams.get(f.streamId);
        if (!s || s.sendState === SendState.ResetSent || s.sendState === SendState.ResetRecvd) return;
        s.send.onLost(f.offset, f.data.length, f.fin);
        this.sendable.add(s.id);
        return;
      }
      case 'reset_stream': {
        const s = this.streams.get(f.streamId);
        if (s && s.sendState === SendState.ResetSent) {
          s.resetToSend = { code: f.applicationErrorCode, finalSize: f.finalSize };
          this.control.add(s.id);
        }
        return;
      }
      case 'stop_sending': {
        const s = this.streams.get(f.streamId);
        if (s && (s.recvState === RecvState.Recv || s.recvState === RecvState.SizeKnown)) {
          s.stopSendingToSend = f.applicationErrorCode;
          this.control.add(s.id);
        }
        return;
      }
      case 'max_data':
        this.maxDataPending = true;
        return;
      case 'max_stream_data': {
        const s = this.streams.get(f.streamId);
        if (s && s.recvState === RecvState.Recv) {
          s.maxStreamDataPending = true;
          this.control.add(s.id);
        }
        return;
      }
      case 'max_streams':
        this.maxStreamsPending[f.bidirectional ? 'bidi' : 'uni'] = true;
        return;
      default:
        return;
    }
  }

  /** Reports state changes and forgets finished streams, granting the peer a new stream in their place (§4.6). */
  private flush(s: QuicStream): void {
    for (const c of s.changes) {
      this.events.trace('quic:stream_state_updated', { stream_id: s.id, stream_type: isBidirectional(s.id) ? 'bidirectional' : 'unidirectional', stream_side: c.side, old: c.old, new: c.new }, { stream: s.id });
    }
    s.changes.length = 0;
    if (s.finished && !s.resetToSend && s.stopSendingToSend === null) {
      this.streams.delete(s.id);
      this.sendable.delete(s.id);
      this.control.delete(s.id);
      if (!isInitiatedBy(s.id, this.role)) {
        const key = isBidirectional(s.id) ? 'bidi' : 'uni';
        this.localMaxStreams[key]++;
        this.maxStreamsPending[key] = true;
      }
    }
  }

  /** Number of open streams (for tests). */
  get openCount(): number {
    return this.streams.size;
  }
}
