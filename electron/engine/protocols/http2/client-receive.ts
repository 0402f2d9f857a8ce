/**
 * The receive side of the HTTP/2 client role (RFC 9113): what a client does with each frame from a server —
 * responses and trailers, DATA under our receive windows, pushes, resets, SETTINGS, PING, GOAWAY, WINDOW_UPDATE —
 * and the request queue that MAX_CONCURRENT_STREAMS holds back (§5.1.2). H2ClientConnection adds the API.
 */
import { H2ConnectionCore, type H2CoreOptions } from './connection-core';
import { applySettings, type H2Settings } from './connection-settings';
import { ErrorCode, H2Error, connectionError, errorCodeName, streamError } from './errors';
import { settingsData } from './frame-events';
import { SettingId } from './frames/settings';
import type {
  DataFrame,
  DecodedFrame,
  GoawayFrame,
  HeadersFrame,
  PingFrame,
  PushPromiseFrame,
  RstStreamFrame,
  SettingsFrame,
  WindowUpdateFrame,
} from './frames/types';
import { debugText, GoawayState } from './goaway';
import type { CompleteBlock } from './header-block';
import type { DecodedBlock } from './hpack';
import { checkReceive, isActive, StreamState } from './stream-state';
import type { H2Stream } from './streams';

/** The client's frame handlers; see H2ClientConnection for the API. */
export abstract class H2ClientReceiver extends H2ConnectionCore {
  /** GOAWAYs sent and received. */
  protected readonly goaways = new GoawayState();

  /** @param options core options  @param defaults our settings unless options say otherwise  @param pushPolicy what to do with PUSH_PROMISE */
  constructor(
    options: H2CoreOptions,
    defaults: Partial<H2Settings>,
    protected readonly pushPolicy: 'accept' | 'refuse',
  ) {
    super('client', options, defaults);
  }

  protected hasSlot(): boolean {
    return this.streams.activeCount(true) < this.settings.remote.maxConcurrentStreams;
  }

  protected openStream(s: H2Stream): void {
    const p = s.pendingHeaders!;
    s.pendingHeaders = null;
    this.sendHeaderBlock(s.id, p.headers, p.endStream, p.priority);
    this.move(s, 'send_headers', 'sent HEADERS');
    if (p.endStream) this.move(s, 'send_end_stream', 'sent END_STREAM');
    this.pumpData();
  }

  protected openWaiting(): void {
    if (this.goaways.received) return; // after GOAWAY no new streams (§6.8); waiting ones were failed
    while (this.status !== 'closed' && this.streams.waiting.length > 0 && this.hasSlot()) {
      const s = this.streams.get(this.streams.waiting.shift()!)!;
      if (s.state === StreamState.Idle && s.pendingHeaders) this.openStream(s);
    }
  }

  protected override onStreamInactive(stream: H2Stream): void {
    if (stream.local) this.openWaiting();
    this.maybeFinish();
  }

  /** After GOAWAY (either way), the connection is done once no stream is active or waiting. */
  protected maybeFinish(): void {
    if (this.status === 'closed' || this.status === 'new' || (!this.goaways.draining)) return;
    const busy = this.streams.live().some((s) => isActive(s.state) || s.state === StreamState.ReservedRemote || (s.state === StreamState.Idle && s.pendingHeaders));
    if (busy) {
      this.status = 'closing';
      return;
    }
    this.close(undefined, 'GOAWAY');
  }

  // ---- internals: receiving ----

  protected override onFrame(d: DecodedFrame): void {
    const frame = d.frame;
    if (!this.settings.receivedRemote && frame.type !== 'SETTINGS') {
      this.traceFrame('received', d.header, d.raw, frame, undefined, undefined, undefined, d.spans);
      throw connectionError(ErrorCode.PROTOCOL_ERROR, `the server's first frame is ${frame.type}, not SETTINGS (§3.4)`);
    }
    const step = this.assembler.push(frame);
    if (step.kind === 'error') {
      this.traceFrame('received', d.header, d.raw, frame, undefined, undefined, undefined, d.spans);
      throw step.error.withFrameType(d.header.type);
    }
    if (step.kind === 'partial') return this.traceFrame('received', d.header, d.raw, frame, undefined, undefined, undefined, d.spans);
    if (step.kind === 'complete') return this.onBlock(d, step.complete);
    this.traceFrame('received', d.header, d.raw, frame, undefined, undefined, undefined, d.spans);
    switch (frame.type) {
      case 'DATA':
        return this.onData(frame, d.header.length);
      case 'RST_STREAM':
        return this.onRstStream(frame);
      case 'SETTINGS':
        return this.onSettings(frame);
      case 'PING':
        return this.onPing(frame);
      case 'GOAWAY':
        return this.onGoaway(frame);
      case 'WINDOW_UPDATE':
        return this.onWindowUpdate(frame);
      case 'PRIORITY_UPDATE':
        // RFC 9218 §7.1: "If a client receives a PRIORITY_UPDATE frame, it MUST respond with a connection error of type PROTOCOL_ERROR."
        throw connectionError(ErrorCode.PROTOCOL_ERROR, 'PRIORITY_UPDATE from a server (RFC 9218 §7.1)');
      case 'PRIORITY':
      case 'unknown':
        return; // deprecated (§5.3.2) / ignored (§5.5): shown only
      default:
        return; // HEADERS, PUSH_PROMISE and CONTINUATION went through the assembler
    }
  }

  /** Looks up a stream for a received frame; an unknown idle stream is a connection error (§5.1 idle). */
  private streamFor(id: number, type: string): H2Stream | null {
    const s = this.streams.get(id);
    if (s) return s;
    if (this.streams.isIdle(id)) throw connectionError(ErrorCode.PROTOCOL_ERROR, `${type} on idle stream ${id}`);
    return null; // an id skipped over: implicitly closed (§5.1.1)
  }

  private onData(f: DataFrame, flowLength: number): void {
    // §6.9: DATA counts against the connection window whatever the stream's state.
    const connErr = this.connRecv.consume(flowLength);
    if (connErr) throw connErr;
    const s = this.streamFor(f.streamId, 'DATA');
    const verdict = s ? checkReceive(s.state, 'DATA', f.streamId, s.closedCause) : streamError(ErrorCode.STREAM_CLOSED, f.streamId, `DATA on closed stream ${f.streamId}`);
    if (verdict !== 'process') {
      this.replenish();
      if (verdict === 'ignore') return;
      throw verdict;
    }
    const stream = s!;
    const err = stream.recv.consume(flowLength);
    if (err) {
      this.replenish();
      throw err;
    }
    this.events.push({ kind: 'data', streamId: f.streamId, data: f.data, endStream: f.endStream });
    if (f.endStream) this.move(stream, 'recv_end_stream', 'received END_STREAM');
    this.replenish(stream);
  }

  private onBlock(d: DecodedFrame, c: CompleteBlock): void {
    const decoded = this.decodeBlock(c.block);
    if (decoded instanceof H2Error) {
      this.traceFrame('received', d.header, d.raw, d.frame, undefined, undefined, undefined, d.spans);
      throw decoded;
    }
    this.traceFrame('received', d.header, d.raw, d.frame, decoded.block, undefined, c.block.length, d.spans);
    this.traceTable('received', decoded.block, c.first.streamId);
    if (c.first.type === 'HEADERS') this.onHeaders(c.first, decoded.block, decoded.tooLarge);
    else this.onPushPromise(c.first, decoded.block);
  }

  private onHeaders(f: HeadersFrame, block: DecodedBlock, tooLarge: boolean): void {
    const s = this.streams.get(f.streamId);
    // §5.1.1: a server opens streams only by PUSH_PROMISE; HEADERS on a stream we never saw is PROTOCOL_ERROR.
    if (!s) {
      if (this.streams.isIdle(f.streamId)) throw connectionError(ErrorCode.PROTOCOL_ERROR, `HEADERS on idle stream ${f.streamId}`);
      throw connectionError(ErrorCode.STREAM_CLOSED, `HEADERS on closed stream ${f.streamId}`);
    }
    if (s.state === StreamState.Idle) throw connectionError(ErrorCode.PROTOCOL_ERROR, `HEADERS on stream ${f.streamId} before its request`);
    const verdict = checkReceive(s.state, 'HEADERS', f.streamId, s.closedCause);
    if (verdict === 'ignore') return;
    if (verdict !== 'process') throw verdict;
    if (tooLarge) throw streamError(ErrorCode.PROTOCOL_ERROR, f.streamId, 'header list over our SETTINGS_MAX_HEADER_LIST_SIZE');
    // §5.3.1: "A stream cannot depend on itself" (checked after HPACK so the table stays in step)
    if (f.priority?.dependency === f.streamId) throw streamError(ErrorCode.PROTOCOL_ERROR, f.streamId, `stream ${f.streamId} depends on itself (§5.3.1)`);
    const pushed = s.state === StreamState.ReservedRemote;
    const status = block.headers.find(([n]) => n === ':status')?.[1];
    let role: 'informational' | 'response' | 'trailers' | 'push-response';
    if (s.finalHeaders) {
      // §8.1: trailers end the stream
      if (!f.endStream) throw streamError(ErrorCode.PROTOCOL_ERROR, f.streamId, 'a second header section without END_STREAM (§8.1)');
      role = 'trailers';
    } else if (status !== undefined && /^1\d\d$/.test(status) && status !== '101') {
      if (f.endStream) throw streamError(ErrorCode.PROTOCOL_ERROR, f.streamId, 'an informational response with END_STREAM (§8.1)');
      role = 'informational';
    } else {
      s.finalHeaders = true;
      role = pushed ? 'push-response' : 'response';
    }
    if (pushed && this.streams.activeCount(false) >= this.settings.advertised.maxConcurrentStreams) {
      throw streamError(ErrorCode.REFUSED_STREAM, f.streamId, 'pushed stream over our SETTINGS_MAX_CONCURRENT_STREAMS (§5.1.2)');
    }
    this.move(s, 'recv_headers', pushed ? 'received HEADERS (push response)' : 'received HEADERS');
    this.events.push({ kind: 'headers', streamId: f.streamId, role, headers: block.headers, endStream: f.endStream });
    if (f.endStream) this.move(s, 'recv_end_stream', 'received END_STREAM');
  }

  private onPushPromise(f: PushPromiseFrame, block: DecodedBlock): void {
    // §6.6 / §8.4: only with push enabled, on a stream the client opened, promising the next even id.
    if (!this.settings.advertised.enablePush) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'PUSH_PROMISE although we sent SETTINGS_ENABLE_PUSH = 0 (§6.6)');
    const assoc = this.streamFor(f.streamId, 'PUSH_PROMISE');
    if (!assoc || !assoc.local) throw connectionError(ErrorCode.PROTOCOL_ERROR, `PUSH_PROMISE on stream ${f.streamId}, which is not a client request`);
    const verdict = checkReceive(assoc.state, 'PUSH_PROMISE', f.streamId, assoc.closedCause);
    if (verdict instanceof H2Error) throw verdict;
    const pid = f.promisedStreamId;
    if (pid === 0 || pid % 2 !== 0 || !this.streams.isIdle(pid) || this.streams.get(pid)) {
      throw connectionError(ErrorCode.PROTOCOL_ERROR, `PUSH_PROMISE promises stream ${pid}, which is not a new server stream id (§5.1.1, §6.6)`);
    }
    const promised = this.newStream(pid);
    this.move(promised, 'recv_push_promise', `received PUSH_PROMISE on stream ${f.streamId}`);
    const accepted = this.pushPolicy === 'accept' && verdict === 'process';
    this.events.push({ kind: 'push_promise', streamId: f.streamId, promisedStreamId: pid, headers: block.headers, accepted });
    if (!accepted) {
      // §8.4: a client refuses a push with RST_STREAM on the promised stream
      this.writeFrame({ type: 'RST_STREAM', streamId: pid, errorCode: ErrorCode.REFUSED_STREAM });
      this.move(promised, 'send_rst', 'sent RST_STREAM (REFUSED_STREAM): push refused');
      this.events.push({ kind: 'stream_reset', streamId: pid, errorCode: ErrorCode.REFUSED_STREAM, initiator: 'local', retryable: false });
    }
  }

  private onRstStream(f: RstStreamFrame): void {
    const s = this.streamFor(f.streamId, 'RST_STREAM');
    if (!s) return;
    const verdict = checkReceive(s.state, 'RST_STREAM', f.streamId, s.closedCause);
    if (verdict === 'ignore') return;
    if (verdict !== 'process') throw verdict;
    if (s.state === StreamState.Closed) return;
    this.setState(s, StreamState.Closed, `received RST_STREAM (${errorCodeName(f.errorCode)})`, 'recv_rst');
    // §8.7: REFUSED_STREAM means the request was not processed and can be retried
    this.events.push({ kind: 'stream_reset', streamId: f.streamId, errorCode: f.errorCode, initiator: 'remote', retryable: f.errorCode === ErrorCode.REFUSED_STREAM });
  }

  private onSettings(f: SettingsFrame): void {
    if (f.ack) {
      const list = this.settings.acked();
      if (!list) return; // an ACK for nothing: shown, otherwise ignored
      if (list.some((s) => s.id === SettingId.HEADER_TABLE_SIZE)) this.decoder.setMaxTableSize(this.settings.local.headerTableSize);
      this.events.trace('h2:settings_applied', { side: 'local', settings: settingsData(list) });
      this.events.push({ kind: 'settings_acked' });
      return;
    }
    // §6.5.2: "A client MUST treat receipt of a SETTINGS frame with SETTINGS_ENABLE_PUSH set to 1 as a connection error"
    if (f.settings.some((s) => s.id === SettingId.ENABLE_PUSH && s.value === 1)) {
      throw connectionError(ErrorCode.PROTOCOL_ERROR, 'a server sent SETTINGS_ENABLE_PUSH = 1 (§6.5.2)');
    }
    const before = this.settings.remote;
    const after = applySettings(before, f.settings);
    this.settings.remote = after;
    this.settings.receivedRemote = true;
    // §6.9.2: a change of INITIAL_WINDOW_SIZE applies to every stream's send window, which may go negative
    const delta = after.initialWindowSize - before.initialWindowSize;
    if (delta !== 0) {
      for (const s of this.streams.all()) {
        if (s.state === StreamState.Closed) continue;
        const err = s.send.adjust(delta);
        if (err) throw err;
      }
    }
    if (f.settings.some((s) => s.id === SettingId.HEADER_TABLE_SIZE)) this.applyPeerTableSize(after.headerTableSize);
    this.events.trace('h2:settings_applied', { side: 'remote', settings: settingsData(f.settings) });
    this.writeFrame({ type: 'SETTINGS', ack: true, settings: [] }); // §6.5.3
    this.openWaiting();
    this.pumpData();
  }

  private onPing(f: PingFrame): void {
    if (!f.ack) {
      this.writeFrame({ type: 'PING', ack: true, opaque: f.opaque }); // §6.7: same opaque data
      return;
    }
    const rtt = this.pings.acked(f.opaque, this.now);
    if (rtt !== null) this.events.push({ kind: 'ping_ack', opaque: f.opaque, rtt });
  }

  private onGoaway(f: GoawayFrame): void {
    const err = this.goaways.receive(f);
    if (err) throw err;
    const debug = debugText(f.debugData);
    this.events.push({ kind: 'goaway', lastStreamId: f.lastStreamId, errorCode: f.errorCode, debugData: debug, initiator: 'remote' });
    // §6.8: requests still waiting for a slot will never be sent, and streams above the last stream id were not
    // processed: both fail as retryable
    const reason = `GOAWAY (${errorCodeName(f.errorCode)}) with last stream ${f.lastStreamId}`;
    const waiting = new Set(this.streams.waiting.splice(0));
    for (const s of this.streams.all()) {
      if (!s.local || s.state === StreamState.Closed || (s.id <= f.lastStreamId && !waiting.has(s.id))) continue;
      this.setState(s, StreamState.Closed, waiting.has(s.id) ? 'GOAWAY before its HEADERS were sent' : `GOAWAY with last stream ${f.lastStreamId}`);
      this.events.push({ kind: 'stream_failed', streamId: s.id, retryable: true, reason });
    }
    if (f.errorCode !== ErrorCode.NO_ERROR) {
      this.close(new H2Error(f.errorCode, 'connection', `the server sent GOAWAY: ${debug || errorCodeName(f.errorCode)}`, 'remote'), `GOAWAY (${errorCodeName(f.errorCode)})`);
      return;
    }
    this.maybeFinish();
  }

  private onWindowUpdate(f: WindowUpdateFrame): void {
    if (f.streamId === 0) {
      const err = this.connSend.increase(f.increment);
      if (err) throw err;
    } else {
      const s = this.streamFor(f.streamId, 'WINDOW_UPDATE');
      if (!s) return;
      const verdict = checkReceive(s.state, 'WINDOW_UPDATE', f.streamId, s.closedCause);
      if (verdict === 'ignore') return;
      if (verdict !== 'process') throw verdict;
      if (s.state === StreamState.Closed) return;
      const err = s.send.increase(f.increment);
      if (err) throw err;
    }
    this.pumpData();
  }
}
