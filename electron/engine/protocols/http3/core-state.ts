/**
 * The state and shared machinery of an HTTP/3 connection (RFC 9114), sans-IO: stream records, our critical
 * streams, outgoing frames with their trace items, and the error boundary that turns errors into stream aborts
 * (RESET_STREAM + STOP_SENDING, §8) or a connection close (CONNECTION_CLOSE, §8). The receive paths live in
 * receive-*.ts and the public API in connection.ts; this class is internal to the http3 folder.
 */
import type { HeaderField } from '../../../../shared/events';
import { H3EventQueue } from './core-events';
import { connectionError, H3Error, H3ErrorCode, h3ErrorName, type Initiator } from './errors';
import { frameEventData, frameFieldSpans, type SectionDetails } from './frame-events';
import { encodeFrameDecoded, frameTypeName, type DecodedFrame, type H3Frame, type H3Setting } from './frames';
import type { Priority } from './priority';
import { QpackError, QpackFieldSectionTooLargeError, type QpackHuffmanMode } from './qpack';
import { QpackWiring } from './qpack-wiring';
import { DEFAULT_H3_SETTINGS, type H3Settings } from './settings';
import { MessageState } from './message-state';
import type { IncomingUniStream, MessageStream } from './stream-records';
import { StreamIds, type H3StreamKind } from './stream-types';
import { CommandQueue } from './transport';

/** Options of an HTTP/3 connection. */
export interface H3ConnectionOptions {
  readonly role: 'client' | 'server';
  /** Our SETTINGS (RFC 9114 §7.2.4.1, RFC 9204 §5); unset ones keep their defaults (no dynamic table). */
  readonly settings?: Partial<H3Settings>;
  /** Our QPACK encoder: the table capacity it uses (≤ the peer's maximum; default 4096) and Huffman coding. */
  readonly qpack?: { readonly tableCapacity?: number; readonly huffman?: QpackHuffmanMode };
  /** Send a reserved setting and a reserved frame on the control stream (§7.2.4.1, §7.2.8); default true. */
  readonly grease?: boolean;
  /** Picks which reserved codes are used when greasing (deterministic; default 0). */
  readonly greaseSeed?: number;
  /** Client: the MAX_PUSH_ID sent at start (server push is off until one is sent, §4.6). */
  readonly maxPushId?: number;
  /** Largest DATA frame payload we send; default 16,384. */
  readonly dataFrameSize?: number;
}

/** Where the connection is in its life. */
export type H3Status = 'new' | 'open' | 'closing' | 'closed';

/** A push as the server or the client knows it (RFC 9114 §4.6). */
export interface PushRecord {
  readonly pushId: number;
  /** The push stream, once opened (server) or received (client). */
  streamId: number | null;
  /** The promised request, once a PUSH_PROMISE carried it. */
  promised: readonly HeaderField[] | null;
  cancelled: boolean;
}

/** The connection's state; receive-*.ts and connection.ts operate on it. */
export class ConnectionCore {
  readonly events = new H3EventQueue();
  readonly commands = new CommandQueue();
  readonly role: 'client' | 'server';
  readonly local: H3Settings;
  readonly qpack: QpackWiring;
  readonly dataFrameSize: number;
  status: H3Status = 'new';
  peer: H3Settings | null = null;
  /** Request and push streams. */
  readonly streams = new Map<number, MessageStream>();
  /** Unidirectional streams the peer opened. */
  readonly uniIn = new Map<number, IncomingUniStream>();
  /** Streams whose further input is dropped (aborted or unknown). */
  readonly discarded = new Set<number>();
  controlStreamId: number | null = null;
  encoderStreamId: number | null = null;
  decoderStreamId: number | null = null;
  /** The peer's critical streams by kind. */
  readonly peerCritical = new Map<H3StreamKind, number>();
  private nextBidi = 0;
  private nextUni = 0;
  /** Server: the largest request stream id seen; client: unused. */
  highestPeerRequest = -1;
  /** Pushes by push id. */
  readonly pushes = new Map<number, PushRecord>();
  /** Server: the client's MAX_PUSH_ID (null: none yet, no push allowed); client: what we sent. */
  maxPushId: number | null = null;
  /** Server: the next push id to use. */
  nextPushId = 0;
  /** GOAWAY ids sent and received (§5.2). */
  goawaySent: number | null = null;
  goawayReceived: number | null = null;
  /** Priorities of request streams (RFC 9218), server side. */
  readonly priorities = new Map<number, Priority>();
  /** The error that closed the connection. */
  closeError: H3Error | null = null;

  /** @param options see H3ConnectionOptions */
  constructor(readonly options: H3ConnectionOptions) {
    this.role = options.role;
    this.local = { ...DEFAULT_H3_SETTINGS, ...options.settings };
    this.dataFrameSize = Math.max(1, options.dataFrameSize ?? 16384);
    const core = this;
    this.qpack = new QpackWiring(this.local, options.qpack ?? {}, this.events, {
      get encoderStreamId() {
        return core.encoderStreamId;
      },
      get decoderStreamId() {
        return core.decoderStreamId;
      },
      write: (id, bytes) => core.write(id, bytes, false),
    });
  }

  // ---- output ----

  /** Opens our next stream of a kind (RFC 9000 §2.1 order) and returns its id. */
  openStream(bidi: boolean): number {
    const n = bidi ? this.nextBidi++ : this.nextUni++;
    const id = StreamIds.nth(n, this.role === 'client', bidi);
    this.commands.push({ op: 'open', streamId: id, bidi });
    return id;
  }

  /** Writes bytes to one of our streams. */
  write(streamId: number, bytes: Uint8Array, fin: boolean): void {
    this.commands.push({ op: 'write', streamId, bytes, fin });
  }

  /** Encodes and writes a frame, with its `http3:frame_created` trace. */
  sendFrame(streamId: number, frame: H3Frame, fin = false, extra: { section?: SectionDetails; role?: string } = {}): void {
    const d = encodeFrameDecoded(frame);
    this.events.trace('http3:frame_created', frameEventData(streamId, d, extra), {
      stream: streamId,
      dir: 'sent',
      raw: d.raw,
      fields: frameFieldSpans(d, extra.section),
    });
    this.write(streamId, d.raw, fin);
  }

  /** The `http3:frame_parsed` trace of a received frame. */
  traceParsed(streamId: number, d: DecodedFrame, extra: { section?: SectionDetails; blocked?: boolean; role?: string } = {}): void {
    this.events.trace('http3:frame_parsed', frameEventData(streamId, d, extra), {
      stream: streamId,
      dir: 'received',
      raw: d.raw,
      fields: frameFieldSpans(d, extra.section),
    });
  }

  /** The `http3:stream_type_set` trace of a stream. */
  traceStreamType(streamId: number, owner: 'local' | 'remote', type: H3StreamKind, more: { typeCode?: number; pushId?: number; outcome?: string; raw?: Uint8Array } = {}): void {
    const { raw, typeCode, pushId, outcome } = more;
    this.events.trace(
      'http3:stream_type_set',
      {
        stream_id: streamId,
        owner,
        stream_type: type,
        ...(typeCode !== undefined ? { type_code: typeCode } : {}),
        ...(pushId !== undefined ? { push_id: pushId } : {}),
        ...(outcome !== undefined ? { outcome } : {}),
      },
      { stream: streamId, ...(raw ? { raw, dir: owner === 'local' ? ('sent' as const) : ('received' as const) } : {}) },
    );
  }

  /** The `http3:error` trace of an error. */
  traceError(e: H3Error): void {
    this.events.trace(
      'http3:error',
      {
        code: e.codeName,
        codeNumber: e.code,
        scope: e.scope,
        initiator: e.initiator,
        reason: e.reason,
        ...(e.frameType !== undefined ? { frameType: frameTypeName(e.frameType) } : {}),
        ...(e.streamId !== undefined ? { streamId: e.streamId } : {}),
      },
      e.streamId !== undefined ? { stream: e.streamId } : {},
    );
  }

  // ---- stream and connection ends ----

  /**
   * Aborts a message stream with an error code (§8: a stream error): STOP_SENDING on the receive side and
   * RESET_STREAM on the send side, whichever are still open; QPACK Stream Cancellation when reading stops early.
   */
  abortStream(s: MessageStream, code: number, initiator: Initiator, cancelQpack = true): void {
    if (!s.recvClosed) {
      s.recvClosed = true;
      if (!s.finReceived || s.blocked) this.commands.push({ op: 'stop_sending', streamId: s.id, code });
      if (cancelQpack && (s.sectionsPending || s.blocked || s.recv !== MessageState.Complete)) this.qpack.cancelStream(s.id);
      s.blocked = null;
    }
    if (!s.sendClosed && !(s.kind === 'push' && !s.local)) {
      s.sendClosed = true;
      this.commands.push({ op: 'reset', streamId: s.id, code });
    }
    this.discarded.add(s.id);
    this.streams.delete(s.id);
    this.events.push({ kind: 'stream_reset', streamId: s.id, code, codeName: h3ErrorName(code), initiator });
  }

  /** Closes the connection with an error (§8: a connection error), once. */
  fail(e: H3Error): void {
    if (this.status === 'closed') return;
    this.traceError(e);
    this.commands.push({ op: 'close', code: e.code, reason: e.reason });
    this.status = 'closed';
    this.closeError = e;
    this.events.push({ kind: 'closed', error: e });
  }

  /**
   * Runs input handling: a stream error aborts its stream, a connection error (HTTP/3 or QPACK) closes the
   * connection, and anything else (a bug here) closes it with H3_INTERNAL_ERROR. Never throws.
   */
  guard(op: () => void): void {
    try {
      op();
    } catch (e) {
      this.onError(e);
    }
  }

  private onError(e: unknown): void {
    if (e instanceof H3Error && e.scope === 'stream' && e.streamId !== undefined) {
      const s = this.streams.get(e.streamId);
      this.traceError(e);
      if (s) this.abortStream(s, e.code, 'local');
      return;
    }
    if (e instanceof H3Error) return this.fail(e);
    if (e instanceof QpackError) return this.fail(connectionError(e.code, e.reason));
    if (e instanceof QpackFieldSectionTooLargeError) {
      const s = this.streams.get(e.streamId);
      const err = new H3Error(H3ErrorCode.H3_EXCESSIVE_LOAD, 'stream', e.message, 'remote', e.streamId);
      this.traceError(err);
      if (s) this.abortStream(s, err.code, 'local', false);
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    this.fail(new H3Error(H3ErrorCode.H3_INTERNAL_ERROR, 'connection', `internal: ${message}`, 'local'));
  }

  /** Records our SETTINGS frame contents for later reference. */
  settingsSent: readonly H3Setting[] = [];
}
