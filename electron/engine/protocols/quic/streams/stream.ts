/**
 * One QUIC stream (RFC 9000 §2, §3): its sending part and receiving part, each an explicit state machine,
 * their buffers, and per-stream flow control (§4.1).
 *
 * Sending part (§3.1):
 * ```
 *        o
 *        | Create Stream (Sending) / Peer Creates Bidirectional Stream
 *        v
 *    +-------+
 *    | Ready | Send RESET_STREAM
 *    |       |-----------------------.
 *    +-------+                       |
 *        | Send STREAM / STREAM_DATA_BLOCKED
 *        v                           |
 *    +-------+                       |
 *    | Send  | Send RESET_STREAM     |
 *    |       |---------------------->|
 *    +-------+                       |
 *        | Send STREAM + FIN         |
 *        v                           v
 *    +-------+                   +-------+
 *    | Data  | Send RESET_STREAM | Reset |
 *    | Sent  |------------------>| Sent  |
 *    +-------+                   +-------+
 *        | Recv All ACKs             | Recv ACK
 *        v                           v
 *    +-------+                   +-------+
 *    | Data  |                   | Reset |
 *    | Recvd |                   | Recvd |
 *    +-------+                   +-------+
 * ```
 * Receiving part (§3.2):
 * ```
 *        o
 *        | Recv STREAM / STREAM_DATA_BLOCKED / RESET_STREAM / Create Bidirectional Stream (Sending) ...
 *        v
 *    +-------+
 *    | Recv  | Recv RESET_STREAM
 *    |       |-----------------------.
 *    +-------+                       |
 *        | Recv STREAM + FIN         |
 *        v                           |
 *    +-------+                       |
 *    | Size  | Recv RESET_STREAM     |
 *    | Known |---------------------->|
 *    +-------+                       |
 *        | Recv All Data             |
 *        v                           v
 *    +-------+ Recv RESET_STREAM +-------+
 *    | Data  |--- (optional) --->| Reset |
 *    | Recvd |                   | Recvd |
 *    +-------+                   +-------+
 *        | App Read All Data         | App Read Reset
 *        v                           v
 *    +-------+                   +-------+
 *    | Data  |                   | Reset |
 *    | Read  |                   | Read  |
 *    +-------+                   +-------+
 * ```
 * Data is handed to the application as soon as it is in order, so Data Recvd is followed by Data Read at once.
 */
import { QuicError, TransportErrorCode } from '../wire/errors';
import { RecvBuffer } from './recv-buffer';
import { SendBuffer } from './send-buffer';
import { isBidirectional, isInitiatedBy, type Role } from './stream-id';

/** Sending part states (§3.1). */
export enum SendState {
  Ready = 'ready',
  Send = 'send',
  DataSent = 'data_sent',
  DataRecvd = 'data_recvd',
  ResetSent = 'reset_sent',
  ResetRecvd = 'reset_recvd',
}

/** Receiving part states (§3.2). */
export enum RecvState {
  Recv = 'receive',
  SizeKnown = 'size_known',
  DataRecvd = 'data_recvd',
  DataRead = 'data_read',
  ResetRecvd = 'reset_recvd',
  ResetRead = 'reset_read',
}

/** A state change, for `quic:stream_state_updated`. */
export interface StreamStateChange {
  readonly side: 'sending' | 'receiving';
  readonly old: string;
  readonly new: string;
}

/** A stream's two halves. A unidirectional stream has only one (the other is null). */
export class QuicStream {
  /** Sending part state, or null on a stream we only receive on. */
  sendState: SendState | null;
  /** Receiving part state, or null on a stream we only send on. */
  recvState: RecvState | null;
  /** Outgoing data. */
  readonly send = new SendBuffer();
  /** Incoming data. */
  readonly recv = new RecvBuffer();
  /** The peer's limit on what we may send (MAX_STREAM_DATA, §4.1), absolute offset. */
  sendMax: number;
  /** Our limit on what the peer may send, absolute offset. */
  recvMax: number;
  /** Final size of the receiving part once known (§4.5). */
  finalSize: number | null = null;
  /** Highest offset received + 1 (flow control credit the peer used). */
  recvHighest = 0;
  /** A RESET_STREAM to send (or resend): error code and final size. */
  resetToSend: { code: bigint; finalSize: number } | null = null;
  /** A STOP_SENDING to send (or resend). */
  stopSendingToSend: bigint | null = null;
  /** True when a MAX_STREAM_DATA should be sent. */
  maxStreamDataPending = false;
  /** The limit for which STREAM_DATA_BLOCKED was last sent. */
  blockedSentAt = -1;
  /** Set once STOP_SENDING was sent; later data is ignored. */
  stopSent = false;
  /** Pending state changes to report. */
  readonly changes: StreamStateChange[] = [];

  /**
   * @param id the stream id  @param role our role  @param sendMax the peer's initial limit for our sending
   * @param recvWindow our initial limit for the peer's sending
   */
  constructor(
    readonly id: number,
    role: Role,
    sendMax: number,
    readonly recvWindow: number,
  ) {
    const local = isInitiatedBy(id, role);
    const bidi = isBidirectional(id);
    this.sendState = bidi || local ? SendState.Ready : null;
    this.recvState = bidi || !local ? RecvState.Recv : null;
    this.sendMax = sendMax;
    this.recvMax = recvWindow;
  }

  /** Moves the sending part, recording the change. */
  setSend(s: SendState): void {
    if (this.sendState === null || this.sendState === s) return;
    this.changes.push({ side: 'sending', old: this.sendState, new: s });
    this.sendState = s;
  }

  /** Moves the receiving part, recording the change. */
  setRecv(s: RecvState): void {
    if (this.recvState === null || this.recvState === s) return;
    this.changes.push({ side: 'receiving', old: this.recvState, new: s });
    this.recvState = s;
  }

  /** True when both parts reached a terminal state (the stream can be forgotten, §3.3). */
  get finished(): boolean {
    const sendDone = this.sendState === null || this.sendState === SendState.DataRecvd || this.sendState === SendState.ResetRecvd;
    const recvDone = this.recvState === null || this.recvState === RecvState.DataRead || this.recvState === RecvState.ResetRead;
    return sendDone && recvDone;
  }

  /**
   * Accepts STREAM data (§19.8): checks flow control (§4.1) and final size (§4.5), returns the in-order
   * bytes now deliverable and whether the FIN is reached. Throws QuicError on violations.
   */
  onData(offset: number, data: Uint8Array, fin: boolean): { chunks: Uint8Array[]; finReached: boolean } {
    const end = offset + data.length;
    if (this.recvState === null) throw new QuicError(TransportErrorCode.STREAM_STATE_ERROR, `STREAM frame on send-only stream ${this.id}`, 'remote', 0x08);
    if (end > this.recvMax) throw new QuicError(TransportErrorCode.FLOW_CONTROL_ERROR, `stream ${this.id}: data up to ${end} beyond the limit ${this.recvMax}`, 'remote', 0x08);
    if (this.finalSize !== null && (end > this.finalSize || (fin && end !== this.finalSize))) {
      throw new QuicError(TransportErrorCode.FINAL_SIZE_ERROR, `stream ${this.id}: final size ${this.finalSize} contradicted (end ${end})`, 'remote', 0x08);
    }
    if (fin) {
      if (end < this.recvHighest) throw new QuicError(TransportErrorCode.FINAL_SIZE_ERROR, `stream ${this.id}: FIN at ${end} below data received up to ${this.recvHighest}`, 'remote', 0x08);
      this.finalSize = end;
      if (this.recvState === RecvState.Recv) this.setRecv(RecvState.SizeKnown);
    }
    this.recvHighest = Math.max(this.recvHighest, end);
    if (this.recvState !== RecvState.Recv && this.recvState !== RecvState.SizeKnown) return { chunks: [], finReached: false };
    const chunks = this.stopSent ? [] : this.recv.insert(offset, data);
    if (this.stopSent) this.recv.insert(offset, data);
    const finReached = this.finalSize !== null && this.recv.delivered === this.finalSize;
    if (finReached) {
      this.setRecv(RecvState.DataRecvd);
      this.setRecv(RecvState.DataRead);
    }
    return { chunks, finReached };
  }
}
