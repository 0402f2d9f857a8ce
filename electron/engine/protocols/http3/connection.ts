/**
 * An HTTP/3 connection (RFC 9114) in the client or server role, sans-IO over an abstract QUIC transport (see
 * transport.ts): stream events in, commands and events out. It sets up the control and QPACK streams, exchanges
 * SETTINGS, carries requests and responses (full duplex, with trailers), server push, GOAWAY and RFC 9218
 * priorities, and turns every peer mistake into the right stream or connection error (§8).
 */
import type { HeaderField } from '../../../../shared/events';
import type { H3CoreEvent } from './core-events';
import { ConnectionCore, type H3ConnectionOptions, type H3Status } from './core-state';
import { connectionError, H3Error, H3ErrorCode, H3UsageError, type Initiator } from './errors';
import { FrameReader } from './frame-reader';
import { H3FrameType, reservedCode, type H3Frame } from './frames';
import { requestProblem, responseStatus, trailersProblem } from './message-fields';
import { MessageState } from './message-state';
import { DEFAULT_PRIORITY, formatPriority, type Priority } from './priority';
import { cancelPush, serverPush } from './push';
import { receiveMessageData } from './receive-message';
import { receiveUni } from './receive-uni';
import { localSettingsList, type H3Settings } from './settings';
import { newMessageStream, type MessageStream } from './stream-records';
import { H3StreamType, isCritical, StreamIds } from './stream-types';
import type { H3Command } from './transport';
import { Writer } from '../quic';

export type { H3ConnectionOptions, H3Status } from './core-state';

/** Options of request() and respond(). */
export interface H3SendOptions {
  /** Content sent right after the header section. */
  readonly body?: Uint8Array;
  /** End our side of the stream after the body. Default true. */
  readonly endStream?: boolean;
  /** Skip the well-formedness checks of §4.1.2-§4.3 on our own headers (to show what a peer does with them). */
  readonly unchecked?: boolean;
}

/** Options of request(). */
export interface H3RequestOptions extends H3SendOptions {
  /** RFC 9218 priority, sent as the `priority` header when not the default. */
  readonly priority?: Priority;
}

/** A sans-IO HTTP/3 connection. */
export class H3Connection {
  private readonly core: ConnectionCore;

  /** @param options role, settings, QPACK choices, grease, push */
  constructor(options: H3ConnectionOptions) {
    this.core = new ConnectionCore(options);
  }

  /** 'client' or 'server'. */
  get role(): 'client' | 'server' {
    return this.core.role;
  }

  /** Where the connection is in its life. */
  get status(): H3Status {
    return this.core.status;
  }

  /** Our control, QPACK encoder and QPACK decoder stream ids (null before start()). */
  get localStreams(): { control: number | null; encoder: number | null; decoder: number | null } {
    return { control: this.core.controlStreamId, encoder: this.core.encoderStreamId, decoder: this.core.decoderStreamId };
  }

  /** Our settings, and the peer's once its SETTINGS arrived. */
  get settings(): { local: H3Settings; peer: H3Settings | null } {
    return { local: this.core.local, peer: this.core.peer };
  }

  /** The error that closed the connection, if one did. */
  get closeError(): H3Error | null {
    return this.core.closeError;
  }

  /** The priority of a request stream (server side; RFC 9218 §4 defaults when none was signalled). */
  priorityOf(streamId: number): Priority {
    return this.core.priorities.get(streamId) ?? DEFAULT_PRIORITY;
  }

  /** Streams with a message in progress (request and push streams). */
  get activeStreams(): number {
    return this.core.streams.size;
  }

  /**
   * Opens our control stream with SETTINGS (§6.2.1; plus a reserved setting and frame when greasing), a client's
   * MAX_PUSH_ID when configured, and our QPACK encoder and decoder streams (RFC 9204 §4.2).
   */
  start(): void {
    const core = this.core;
    if (core.status !== 'new') throw new H3UsageError('start() called twice');
    const grease = core.options.grease ?? true;
    const seed = core.options.greaseSeed ?? 0;
    core.controlStreamId = this.openUni(H3StreamType.CONTROL, 'control');
    core.settingsSent = localSettingsList(core.local, grease ? seed + 1 : null);
    core.sendFrame(core.controlStreamId, { type: 'SETTINGS', settings: core.settingsSent });
    if (grease) core.sendFrame(core.controlStreamId, { type: 'UNKNOWN', typeCode: reservedCode(seed % 1000 + 2), kind: 'reserved', payload: new Uint8Array([seed & 0xff]) });
    core.encoderStreamId = this.openUni(H3StreamType.QPACK_ENCODER, 'qpack_encode');
    core.decoderStreamId = this.openUni(H3StreamType.QPACK_DECODER, 'qpack_decode');
    core.status = 'open';
    if (core.role === 'client' && core.options.maxPushId !== undefined) this.setMaxPushId(core.options.maxPushId);
  }

  private openUni(type: number, kind: 'control' | 'qpack_encode' | 'qpack_decode'): number {
    const id = this.core.openStream(false);
    const raw = new Uint8Array([type]);
    this.core.traceStreamType(id, 'local', kind, { typeCode: type, raw });
    this.core.write(id, raw, false);
    return id;
  }

  // ---- transport inputs ----

  /** The peer opened a stream (optional: streamData for a new id does the same). */
  streamOpened(id: number): void {
    this.input(() => {
      if (!this.known(id)) this.accept(id);
    });
  }

  /** Bytes of stream `id`, in order; `fin` when they end it. Never throws for anything the peer sends. */
  streamData(id: number, bytes: Uint8Array, fin = false): void {
    this.input(() => {
      const core = this.core;
      if (core.discarded.has(id)) return;
      if (!this.known(id) && !this.accept(id)) return;
      const s = core.streams.get(id);
      if (s) return receiveMessageData(core, s, bytes, fin);
      const u = core.uniIn.get(id);
      if (u) receiveUni(core, u, bytes, fin);
    });
  }

  /** The peer reset stream `id` (RESET_STREAM) with an application error code. */
  streamReset(id: number, code: number | bigint): void {
    this.input(() => {
      const core = this.core;
      const n = toCode(code);
      const u = core.uniIn.get(id);
      if (u && u.kind && isCritical(u.kind)) {
        throw connectionError(H3ErrorCode.H3_CLOSED_CRITICAL_STREAM, `the peer reset its ${u.kind} stream ${id} (§6.2.1)`, undefined, id);
      }
      const s = core.streams.get(id);
      if (!s || s.recvClosed) {
        core.uniIn.delete(id);
        return;
      }
      s.recvClosed = true;
      // RFC 9204 §2.2.2.2: the stream ended before its sections were all processed.
      if (s.recv !== MessageState.Complete) core.qpack.cancelStream(id);
      s.blocked = null;
      if (s.sendClosed || s.kind === 'push') core.streams.delete(id);
      core.uniIn.delete(id);
      core.events.push({ kind: 'stream_reset', streamId: id, code: n, codeName: new H3Error(n, 'stream', '').codeName, initiator: 'remote' });
    });
  }

  /** The peer asked us to stop sending on stream `id` (STOP_SENDING): we reset it with the same code (RFC 9000 §3.5). */
  stopSending(id: number, code: number | bigint): void {
    this.input(() => {
      const core = this.core;
      const n = toCode(code);
      if (id === core.controlStreamId || id === core.encoderStreamId || id === core.decoderStreamId) {
        throw connectionError(H3ErrorCode.H3_CLOSED_CRITICAL_STREAM, `the peer sent STOP_SENDING for our critical stream ${id} (§6.2.1)`, undefined, id);
      }
      const s = core.streams.get(id);
      if (!s || s.sendClosed) return;
      s.sendClosed = true;
      core.commands.push({ op: 'reset', streamId: id, code: n });
      if (s.recvClosed) core.streams.delete(id);
      core.events.push({ kind: 'stop_sending', streamId: id, code: n, codeName: new H3Error(n, 'stream', '').codeName });
    });
  }

  /** The QUIC connection closed (CONNECTION_CLOSE either way, or an idle timeout). */
  transportClosed(code: number | bigint, reason: string, initiator: Initiator): void {
    const core = this.core;
    if (core.status === 'closed') return;
    const n = toCode(code);
    core.status = 'closed';
    const error = n === H3ErrorCode.H3_NO_ERROR ? undefined : new H3Error(n, 'connection', reason, initiator);
    core.closeError = error ?? null;
    core.events.push({ kind: 'closed', ...(error ? { error } : {}) });
  }

  private input(op: () => void): void {
    if (this.core.status === 'new') throw new H3UsageError('stream input before start()');
    if (this.core.status === 'closed') return;
    this.core.guard(op);
  }

  private known(id: number): boolean {
    return this.core.streams.has(id) || this.core.uniIn.has(id) || this.core.discarded.has(id);
  }

  /** A stream id we have not seen: the peer's new stream, or one of ours that is over (returns false). */
  private accept(id: number): boolean {
    const core = this.core;
    const peerOpened = StreamIds.clientInitiated(id) === (core.role === 'server');
    if (!peerOpened) return false;
    if (!StreamIds.bidirectional(id)) {
      core.uniIn.set(id, { id, kind: null, head: new Uint8Array(0), reader: null, settingsReceived: false, discard: false });
      return true;
    }
    if (core.role === 'client') {
      // §6.1: servers do not open bidirectional streams.
      throw connectionError(H3ErrorCode.H3_STREAM_CREATION_ERROR, `the server opened bidirectional stream ${id} (§6.1)`, undefined, id);
    }
    core.highestPeerRequest = Math.max(core.highestPeerRequest, id);
    if (core.goawaySent !== null && id >= core.goawaySent) {
      // §5.2: requests at or above our GOAWAY id are rejected unprocessed.
      core.traceStreamType(id, 'remote', 'request', { outcome: `rejected: at or above GOAWAY ${core.goawaySent} (H3_REQUEST_REJECTED)` });
      core.commands.push({ op: 'stop_sending', streamId: id, code: H3ErrorCode.H3_REQUEST_REJECTED });
      core.commands.push({ op: 'reset', streamId: id, code: H3ErrorCode.H3_REQUEST_REJECTED });
      core.discarded.add(id);
      return false;
    }
    core.traceStreamType(id, 'remote', 'request');
    core.streams.set(id, newMessageStream(id, 'request', false, messageReader(core.local)));
    return true;
  }

  // ---- outputs ----

  /** Commands for the QUIC layer since the last poll, in order. */
  pollCommands(): H3Command[] {
    return this.core.commands.drain();
  }

  /** Trace items and application events since the last drain, in order. */
  drainEvents(): H3CoreEvent[] {
    return this.core.events.drain();
  }

  // ---- client API ----

  /** Client: sends a request on a new request stream and returns its id (§4.1). */
  request(headers: readonly HeaderField[], options: H3RequestOptions = {}): number {
    const core = this.core;
    if (core.role !== 'client') throw new H3UsageError('only a client sends requests');
    this.checkSending();
    if (core.goawayReceived !== null) throw new H3UsageError(`the server sent GOAWAY ${core.goawayReceived}: no new requests (§5.2)`);
    const p = options.priority ? formatPriority(options.priority) : '';
    const all = p ? [...headers, ['priority', p] as const] : headers;
    if (!options.unchecked) {
      const problem = requestProblem(all);
      if (problem) throw new H3UsageError(`malformed request: ${problem}`);
    }
    const id = core.openStream(true);
    core.traceStreamType(id, 'local', 'request');
    const s = newMessageStream(id, 'request', true, messageReader(core.local));
    s.requestMethod = all.find(([n]) => n === ':method')?.[1];
    core.streams.set(id, s);
    this.sendHeaders(s, all, 'request');
    this.finishSend(s, options);
    return id;
  }

  /** Client: allows server push up to this push id with MAX_PUSH_ID (§7.2.7); it can only grow. */
  setMaxPushId(pushId: number): void {
    const core = this.core;
    if (core.role !== 'client') throw new H3UsageError('only a client sends MAX_PUSH_ID');
    this.checkSending();
    if (core.maxPushId !== null && pushId < core.maxPushId) throw new H3UsageError(`MAX_PUSH_ID cannot go down (${core.maxPushId} → ${pushId}, §7.2.7)`);
    core.maxPushId = pushId;
    core.sendFrame(core.controlStreamId!, { type: 'MAX_PUSH_ID', pushId });
  }

  /** Cancels a push with CANCEL_PUSH (§7.2.3): a client refuses it, a server withdraws it. */
  cancelPush(pushId: number): void {
    this.checkSending();
    cancelPush(this.core, pushId);
  }

  /** Client: signals a new priority for a request stream with PRIORITY_UPDATE (RFC 9218 §7.2). */
  setPriority(streamId: number, priority: Priority, element: 'request' | 'push' = 'request'): void {
    const core = this.core;
    if (core.role !== 'client') throw new H3UsageError('only a client sends PRIORITY_UPDATE');
    this.checkSending();
    core.sendFrame(core.controlStreamId!, { type: 'PRIORITY_UPDATE', element, elementId: streamId, priorityFieldValue: formatPriority(priority) });
  }

  // ---- server API ----

  /** Server: sends a response header section on a request or push stream (1xx may come first, §4.1). */
  respond(streamId: number, headers: readonly HeaderField[], options: H3SendOptions = {}): void {
    if (this.core.role !== 'server') throw new H3UsageError('only a server responds');
    this.checkSending();
    const s = this.sendable(streamId);
    let informational = false;
    if (!options.unchecked) {
      const status = responseStatus(headers);
      if (typeof status === 'string') throw new H3UsageError(`malformed response: ${status}`);
      informational = status < 200;
    } else {
      informational = /^1\d\d$/.test(headers.find(([n]) => n === ':status')?.[1] ?? '');
    }
    this.sendHeaders(s, headers, informational ? 'informational' : 'response');
    if (!informational) this.finishSend(s, options);
  }

  /** Server: promises a push on a request stream and opens its push stream (§4.6); answer it with respond(). */
  push(requestStreamId: number, requestHeaders: readonly HeaderField[]): { pushId: number; streamId: number } {
    this.checkSending();
    return serverPush(this.core, requestStreamId, requestHeaders);
  }

  // ---- both ----

  /** Sends content on a stream after its header section (DATA frames of at most dataFrameSize). */
  sendData(streamId: number, data: Uint8Array, endStream = false): void {
    this.checkSending();
    const s = this.sendable(streamId);
    if (s.send !== MessageState.Body) throw new H3UsageError(`stream ${streamId}: DATA before the header section or after the trailers (§4.1)`);
    const size = this.core.dataFrameSize;
    if (data.length === 0) {
      if (endStream) this.core.write(streamId, new Uint8Array(0), true);
    }
    for (let off = 0; off < data.length; off += size) {
      const stop = Math.min(off + size, data.length);
      this.core.sendFrame(streamId, { type: 'DATA', data: data.subarray(off, stop) }, endStream && stop === data.length);
    }
    if (endStream) this.closeSend(s);
  }

  /** Ends our side of a stream, with a trailer section when given (§4.1). */
  end(streamId: number, trailers?: readonly HeaderField[]): void {
    this.checkSending();
    const s = this.sendable(streamId);
    if (s.send !== MessageState.Body) throw new H3UsageError(`stream ${streamId}: the header section was not sent yet (§4.1)`);
    if (trailers && trailers.length > 0) {
      const problem = trailersProblem(trailers);
      if (problem) throw new H3UsageError(`malformed trailers: ${problem}`);
      this.sendHeaders(s, trailers, 'trailers', true);
    } else this.core.write(streamId, new Uint8Array(0), true);
    this.closeSend(s);
  }

  /** Aborts a request or push stream (RESET_STREAM and STOP_SENDING; default H3_REQUEST_CANCELLED). */
  cancel(streamId: number, code: number = H3ErrorCode.H3_REQUEST_CANCELLED): void {
    const s = this.core.streams.get(streamId);
    if (!s) return;
    if (s.kind === 'push' && s.pushId !== undefined) return cancelPush(this.core, s.pushId);
    this.core.abortStream(s, code, 'local');
  }

  /**
   * Starts a graceful shutdown with GOAWAY (§5.2). A server's id is the first request stream it will not process
   * (default: after the last one received); a client's is the first push id it will not accept (default: after the
   * last promised). A later GOAWAY may only lower the id.
   */
  goaway(id?: number): void {
    const core = this.core;
    this.checkSending();
    let goawayId = id;
    if (goawayId === undefined) {
      if (core.role === 'server') goawayId = core.highestPeerRequest + 4 > 0 ? core.highestPeerRequest + 4 : 0;
      else goawayId = Math.max(-1, ...core.pushes.keys()) + 1;
    }
    if (core.role === 'server' && goawayId % 4 !== 0) throw new H3UsageError(`GOAWAY ${goawayId} is not a client-initiated bidirectional stream id`);
    if (core.goawaySent !== null && goawayId > core.goawaySent) throw new H3UsageError(`GOAWAY cannot grow (${core.goawaySent} → ${goawayId}, §5.2)`);
    core.goawaySent = goawayId;
    core.sendFrame(core.controlStreamId!, { type: 'GOAWAY', id: goawayId });
    core.status = 'closing';
    core.events.push({ kind: 'goaway', id: goawayId, initiator: 'local' });
  }

  /** Closes the connection (CONNECTION_CLOSE with an HTTP/3 code; default H3_NO_ERROR). */
  close(code: number = H3ErrorCode.H3_NO_ERROR, reason = ''): void {
    const core = this.core;
    if (core.status === 'closed') return;
    if (code === H3ErrorCode.H3_NO_ERROR) {
      core.commands.push({ op: 'close', code, reason });
      core.status = 'closed';
      core.events.push({ kind: 'closed' });
    } else core.fail(new H3Error(code, 'connection', reason || 'closed by the application', 'local'));
  }

  // ---- raw access, for lessons and tests ----

  /** Writes a frame on any stream, without checks (a lesson in what the peer does with it). */
  sendRawFrame(streamId: number, frame: H3Frame, fin = false): void {
    this.core.sendFrame(streamId, frame, fin);
  }

  /** Writes bytes on any stream, without checks. */
  writeRaw(streamId: number, bytes: Uint8Array, fin = false): void {
    this.core.write(streamId, bytes, fin);
  }

  /** Opens a stream without writing anything on it. */
  openRawStream(bidi: boolean): number {
    return this.core.openStream(bidi);
  }

  // ---- helpers ----

  private checkSending(): void {
    const status = this.core.status;
    if (status === 'new') throw new H3UsageError('call start() first');
    if (status === 'closed') throw new H3UsageError('the connection is closed');
  }

  private sendable(streamId: number): MessageStream {
    const s = this.core.streams.get(streamId);
    if (!s || s.sendClosed || (s.kind === 'push' && !s.local)) throw new H3UsageError(`stream ${streamId} is not open for sending`);
    return s;
  }

  private sendHeaders(s: MessageStream, headers: readonly HeaderField[], role: 'request' | 'response' | 'informational' | 'trailers', fin = false): void {
    const core = this.core;
    if (role === 'trailers' ? s.send !== MessageState.Body : s.send !== MessageState.AwaitingHeaders) {
      throw new H3UsageError(`stream ${s.id}: ${role} cannot be sent now (§4.1)`);
    }
    const limit = core.peer?.maxFieldSectionSize ?? Infinity;
    const size = headers.reduce((n, [name, value]) => n + name.length + value.length + 32, 0);
    if (size > limit) throw new H3UsageError(`the ${role} section is ${size} octets, over the peer's SETTINGS_MAX_FIELD_SECTION_SIZE ${limit} (§4.2.2)`);
    const encoded = core.qpack.encode(s.id, headers);
    core.sendFrame(s.id, { type: 'HEADERS', fieldSection: encoded.fieldSection }, fin, {
      section: { headers, fields: encoded.fields, requiredInsertCount: encoded.requiredInsertCount, base: encoded.base },
      role,
    });
    if (role !== 'informational') s.send = role === 'trailers' ? MessageState.Trailers : MessageState.Body;
  }

  private finishSend(s: MessageStream, options: H3SendOptions): void {
    const end = options.endStream ?? true;
    if (options.body && options.body.length > 0) this.sendData(s.id, options.body, end);
    else if (end) this.end(s.id);
  }

  private closeSend(s: MessageStream): void {
    s.send = MessageState.Complete;
    s.sendClosed = true;
    if (s.recvClosed) this.core.streams.delete(s.id);
  }
}

/** A frame reader for request and push streams: header sections up to a few times our field section limit. */
function messageReader(local: H3Settings): FrameReader {
  const fieldLimit = Number.isFinite(local.maxFieldSectionSize) ? Math.min(local.maxFieldSectionSize * 4 + 1024, 1 << 24) : 1 << 22;
  return new FrameReader({
    maxPayload: (type) => (type === H3FrameType.HEADERS || type === H3FrameType.PUSH_PROMISE ? fieldLimit : 65536),
  });
}

function toCode(code: number | bigint): number {
  return typeof code === 'bigint' ? (code <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(code) : Number.MAX_SAFE_INTEGER) : code;
}

/** Encodes a unidirectional stream header (type, and a push id for push streams), for raw use. */
export function uniStreamHeader(type: number, pushId?: number): Uint8Array {
  const w = new Writer(16).varint(type);
  if (pushId !== undefined) w.varint(pushId);
  return w.finish();
}
