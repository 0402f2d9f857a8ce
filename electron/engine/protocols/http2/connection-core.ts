/**
 * What the client and (later) server roles of an HTTP/2 connection share, sans-IO (RFC 9113): the receive loop
 * with its error boundary, outgoing frames with their trace events, header blocks split into HEADERS +
 * CONTINUATION, DATA scheduling under the send windows, WINDOW_UPDATE by policy, stream state changes, and
 * turning errors into RST_STREAM (§5.4.2) or GOAWAY (§5.4.1). No sockets, no timers, no clock: `now` comes in.
 */
import type { FieldSpan, HeaderField } from '../../../../shared/events';
import { EventQueue, type H2CoreEvent } from './core-events';
import { SettingsExchange, settingsToList, type H2Settings } from './connection-settings';
import { ErrorCode, H2Error, H2UsageError, NeedMore, errorCodeName } from './errors';
import { DEFAULT_WINDOW, MAX_WINDOW, ReceiveWindow, SendWindow, type WindowId, type WindowUpdatePolicy } from './flow-control';
import { blockFieldSpans, frameEventData, tableEventData } from './frame-events';
import { encodeFrameBytes, headerSpans, inspectFrame, MalformedFrame, readFrameHeader } from './frames/codec';
import { FrameBuffer } from './frames/frame-buffer';
import { frameTypeName, type DecodedFrame, type Frame, type FrameHeader, type PriorityFields, type Setting } from './frames/types';
import { HeaderBlockAssembler } from './header-block';
import { HpackDecoder, HpackEncoder, HpackUsageError, type DecodedBlock, type HuffmanMode, type IndexingPolicy } from './hpack';
import { PingTracker } from './ping';
import { canReceive, canSend, isActive, StreamState, transition, type StreamEvent } from './stream-state';
import { StreamTable, type H2Stream } from './streams';

/** Options every role takes. */
export interface H2CoreOptions {
  /** Our settings, sent in the first SETTINGS frame (only those given; the rest keep their defaults, §6.5.2). */
  readonly settings?: Partial<H2Settings>;
  /** Settings sent as given after ours: unknown ids or illegal values, for lessons. */
  readonly extraSettings?: readonly Setting[];
  /** When we reopen receive windows with WINDOW_UPDATE. Default 'half'. */
  readonly windowUpdatePolicy?: WindowUpdatePolicy;
  /** Our connection receive window; above 65,535 a WINDOW_UPDATE on stream 0 follows our SETTINGS. */
  readonly connectionWindow?: number;
  /** The largest header list we accept (also advertised as SETTINGS_MAX_HEADER_LIST_SIZE). Default 65,536, not advertised. */
  readonly maxHeaderListSize?: number;
  /** How long the peer has to acknowledge our SETTINGS, ms (§6.5.3). Default 10,000. */
  readonly settingsTimeout?: number;
  /** How long to wait for a PING ACK, ms. Default 10,000. */
  readonly pingTimeout?: number;
  /** Our HPACK encoder: Huffman mode, indexing, and the largest table we use (at most the peer's limit). */
  readonly hpack?: { readonly huffman?: HuffmanMode; readonly indexing?: IndexingPolicy; readonly maxTableSize?: number };
  /** The largest field block (HEADERS + CONTINUATION) accepted, octets. Default 1 MiB. */
  readonly maxHeaderBlockSize?: number;
}

/** Where a connection is in its life. */
export type ConnectionStatus = 'new' | 'open' | 'closing' | 'closed';

/** The shared machinery of a sans-IO HTTP/2 connection; roles add the frame handlers and the API. */
export abstract class H2ConnectionCore {
  protected readonly events = new EventQueue();
  private out: Uint8Array[] = [];
  /** The last time we were told, ms. */
  protected now = 0;
  protected status: ConnectionStatus = 'new';
  protected readonly settings: SettingsExchange;
  protected readonly streams: StreamTable;
  protected readonly encoder: HpackEncoder;
  protected readonly decoder: HpackDecoder;
  protected readonly connSend: SendWindow;
  protected readonly connRecv: ReceiveWindow;
  protected readonly pings: PingTracker;
  protected readonly input = new FrameBuffer();
  protected readonly assembler: HeaderBlockAssembler;
  protected readonly policy: WindowUpdatePolicy;
  /** Our first SETTINGS list. */
  protected readonly initialSettings: Setting[];
  private readonly encoderTableCap: number;
  private readonly listener = (id: WindowId, window: number, delta: number, cause: string): void => {
    this.events.trace('h2:flow_window', { scope: id.scope, side: id.side, window, delta, cause }, id.streamId ? { stream: id.streamId } : {});
  };

  /** @param role which stream ids this side uses  @param options see H2CoreOptions */
  constructor(role: 'client' | 'server', options: H2CoreOptions, defaults: Partial<H2Settings>) {
    const ours: Partial<H2Settings> = {
      ...defaults,
      ...(options.maxHeaderListSize !== undefined ? { maxHeaderListSize: options.maxHeaderListSize } : {}),
      ...options.settings,
    };
    this.initialSettings = [...settingsToList(ours), ...(options.extraSettings ?? [])];
    this.settings = new SettingsExchange(options.settingsTimeout ?? 10_000);
    this.streams = new StreamTable(role);
    this.policy = options.windowUpdatePolicy ?? 'half';
    this.encoderTableCap = options.hpack?.maxTableSize ?? 4096;
    this.encoder = new HpackEncoder({ huffman: options.hpack?.huffman ?? 'auto', indexing: options.hpack?.indexing ?? 'incremental' });
    this.decoder = new HpackDecoder({ maxHeaderListSize: ours.maxHeaderListSize ?? options.maxHeaderListSize ?? 65536 });
    this.connSend = new SendWindow(0, DEFAULT_WINDOW, this.listener);
    this.connRecv = new ReceiveWindow(0, DEFAULT_WINDOW, this.policy, this.listener);
    this.pings = new PingTracker(options.pingTimeout ?? 10_000);
    this.assembler = new HeaderBlockAssembler(options.maxHeaderBlockSize ?? 1 << 20);
  }

  /** Handles one whole decoded frame (after the header block assembler, see onFrame in roles). */
  protected abstract onFrame(d: DecodedFrame): void;

  /** A local stream left the active states (a concurrency slot opened). */
  protected abstract onStreamInactive(stream: H2Stream): void;

  // ---- the sans-IO surface ----

  /** Bytes from the peer, at `now` (ms). Never throws for anything the peer sends: errors become GOAWAY/RST_STREAM. */
  receive(bytes: Uint8Array, now: number): void {
    if (this.status === 'new') throw new H2UsageError('receive() before start()');
    this.now = now;
    if (this.status === 'closed') return;
    this.input.push(bytes);
    this.guard(() => this.readFrames());
    this.onTimeout(now);
  }

  /** Bytes to send now, or null when there are none. */
  pollTransmit(): Uint8Array | null {
    if (this.out.length === 0) return null;
    const parts = this.out;
    this.out = [];
    if (parts.length === 1) return parts[0]!;
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    return all;
  }

  /** When onTimeout should run next (a SETTINGS ACK or PING ACK deadline), or null. */
  nextDeadline(): number | null {
    if (this.status === 'closed') return null;
    const ds = [this.settings.deadline(), this.pings.deadline()].filter((d): d is number => d !== null);
    return ds.length ? Math.min(...ds) : null;
  }

  /** Time passed: SETTINGS_TIMEOUT (§6.5.3) and PING timeouts. Safe to call at any time. */
  onTimeout(now: number): void {
    this.now = Math.max(this.now, now);
    if (this.status === 'closed') return;
    const sd = this.settings.deadline();
    if (sd !== null && sd <= now) {
      this.failConnection(new H2Error(ErrorCode.SETTINGS_TIMEOUT, 'connection', 'the peer did not acknowledge our SETTINGS in time', 'remote'));
      return;
    }
    for (const opaque of this.pings.expire(now)) this.events.push({ kind: 'ping_timeout', opaque });
  }

  /** Everything that happened since the last call, in order. */
  drainEvents(): H2CoreEvent[] {
    return this.events.drain();
  }

  /** Where the connection is in its life. */
  get connectionStatus(): ConnectionStatus {
    return this.status;
  }

  /** Our settings in effect (acknowledged), the peer's as received. */
  get localSettings(): H2Settings {
    return this.settings.local;
  }

  /** The peer's settings as received (defaults until its SETTINGS arrive). */
  get remoteSettings(): H2Settings {
    return this.settings.remote;
  }

  /** A stream's state, or 'idle' for a stream never seen. */
  streamState(id: number): StreamState {
    return this.streams.get(id)?.state ?? (this.streams.isIdle(id) ? StreamState.Idle : StreamState.Closed);
  }

  /** The flow-control windows of the connection (id 0) or a stream, or null for an unknown stream. */
  windows(id: number): { readonly send: number; readonly receive: number } | null {
    if (id === 0) return { send: this.connSend.window, receive: this.connRecv.window };
    const s = this.streams.get(id);
    return s ? { send: s.send.window, receive: s.recv.window } : null;
  }

  // ---- receiving ----

  private readFrames(): void {
    while (this.status !== 'closed') {
      const r = this.input.next(this.settings.advertised.maxFrameSize);
      if (r instanceof NeedMore) return;
      this.guard(() => {
        if (r instanceof MalformedFrame) {
          this.traceFrame('received', r.header, r.raw, null, undefined, r.error.reason);
          if (this.assembler.open) throw new H2Error(ErrorCode.PROTOCOL_ERROR, 'connection', `malformed frame in the middle of a field block: ${r.error.reason}`, 'remote', undefined, r.header.type);
          throw r.error;
        }
        this.onFrame(r);
      });
    }
  }

  /** Runs `fn`; an H2Error becomes RST_STREAM or GOAWAY, anything else an INTERNAL_ERROR GOAWAY (our fault). */
  protected guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      const err = e instanceof H2Error ? e : new H2Error(ErrorCode.INTERNAL_ERROR, 'connection', `internal error: ${e instanceof Error ? e.message : String(e)}`, 'local');
      if (err.scope === 'stream' && err.streamId !== undefined) this.resetOnError(err);
      else this.failConnection(err);
    }
  }

  /** Decodes a complete field block: the block, or an H2Error (COMPRESSION_ERROR ends the connection, §4.3). */
  protected decodeBlock(bytes: Uint8Array): { block: DecodedBlock; tooLarge: boolean } | H2Error {
    try {
      return { block: this.decoder.decode(bytes), tooLarge: false };
    } catch (e) {
      const err = e as { code?: string; block?: DecodedBlock; reason?: string; message?: string };
      if (err.code === 'HEADER_LIST_TOO_LARGE' && err.block) return { block: err.block, tooLarge: true };
      return new H2Error(ErrorCode.COMPRESSION_ERROR, 'connection', err.reason ?? err.message ?? 'HPACK decoding failed', 'remote');
    }
  }

  // ---- sending ----

  /** Queues bytes that are not a frame (the client preface). */
  protected queueBytes(bytes: Uint8Array): void {
    this.out.push(bytes);
  }

  /** Encodes a frame, queues its bytes and traces it ('h2:frame', dir 'sent'). */
  protected writeFrame(frame: Frame, block?: DecodedBlock, blockLength?: number): void {
    const raw = encodeFrameBytes(frame);
    this.out.push(raw);
    this.traceFrame('sent', readFrameHeader(raw, 0), raw, frame, block, undefined, blockLength);
  }

  /** Traces a frame sent or received; `blockLength` is the whole block's length (spans per field if it fits one frame). */
  protected traceFrame(
    dir: 'sent' | 'received',
    header: FrameHeader,
    raw: Uint8Array | null,
    frame: Frame | null,
    block?: DecodedBlock,
    malformed?: string,
    blockLength?: number,
    spans?: readonly FieldSpan[],
  ): void {
    let fields = spans ? [...spans] : headerSpans(header.length);
    if (raw && !spans) {
      const inspected = inspectFrame(raw);
      if (!(inspected instanceof MalformedFrame)) fields = [...inspected.spans];
    }
    if (block && frame && 'headerBlock' in frame && frame.headerBlock.length === (blockLength ?? frame.headerBlock.length)) {
      const at = fields.find((f) => f.path === 'header-block');
      if (at) fields.push(...blockFieldSpans(block, at.start));
    }
    const stream = header.streamId || (frame?.type === 'PRIORITY_UPDATE' ? frame.prioritizedStreamId : 0);
    this.events.trace('h2:frame', frameEventData(header, frame, block, malformed), {
      dir,
      ...(stream ? { stream } : {}),
      ...(raw ? { raw } : {}),
      fields,
      ...(frame ? { frame } : {}),
      ...(block ? { block } : {}),
    });
  }

  /** Traces the HPACK table after a block, when it changed. */
  protected traceTable(dir: 'sent' | 'received', block: DecodedBlock, streamId: number): void {
    const data = tableEventData(block);
    if (data) this.events.trace('hpack:table_updated', data, streamId ? { dir, stream: streamId } : { dir });
  }

  /**
   * Encodes a header list and sends it as HEADERS (or PUSH_PROMISE) + CONTINUATION frames no larger than the
   * peer's SETTINGS_MAX_FRAME_SIZE (§4.3, §6.10). Throws H2UsageError for a header HPACK cannot carry.
   */
  protected sendHeaderBlock(streamId: number, headers: readonly HeaderField[], endStream: boolean, priority?: PriorityFields, promisedStreamId?: number): DecodedBlock {
    let enc;
    try {
      enc = this.encoder.encodeBlock(headers);
    } catch (e) {
      if (e instanceof HpackUsageError) throw new H2UsageError(e.message);
      throw e;
    }
    const max = this.settings.remote.maxFrameSize;
    const firstRoom = max - (priority ? 5 : 0) - (promisedStreamId !== undefined ? 4 : 0);
    const bytes = enc.bytes;
    const firstEnd = Math.min(bytes.length, firstRoom);
    const single = firstEnd === bytes.length;
    const first = bytes.subarray(0, firstEnd);
    const firstBlock = single ? enc : undefined;
    if (promisedStreamId !== undefined) {
      this.writeFrame({ type: 'PUSH_PROMISE', streamId, promisedStreamId, endHeaders: single, headerBlock: first }, firstBlock, bytes.length);
    } else {
      this.writeFrame({ type: 'HEADERS', streamId, endStream, endHeaders: single, ...(priority ? { priority } : {}), headerBlock: first }, firstBlock, bytes.length);
    }
    for (let off = firstEnd; off < bytes.length; off += max) {
      const end = Math.min(bytes.length, off + max);
      this.writeFrame({ type: 'CONTINUATION', streamId, endHeaders: end === bytes.length, headerBlock: bytes.subarray(off, end) }, end === bytes.length ? enc : undefined, bytes.length);
    }
    this.traceTable('sent', enc, streamId);
    return enc;
  }

  /** The peer changed SETTINGS_HEADER_TABLE_SIZE: our encoder follows, up to its own cap (RFC 7541 §4.2). */
  protected applyPeerTableSize(limit: number): void {
    const size = Math.min(limit, this.encoderTableCap);
    if (size !== this.encoder.snapshot().maxSize || limit < this.encoder.snapshot().maxSize) this.encoder.setMaxTableSize(size, limit);
  }

  /** Creates a stream with windows from the current settings. */
  protected newStream(id: number): H2Stream {
    const send = new SendWindow(id, this.settings.remote.initialWindowSize, this.listener);
    const recv = new ReceiveWindow(id, this.settings.advertised.initialWindowSize, this.policy, this.listener);
    return this.streams.create(id, send, recv);
  }

  /** Moves a stream along §5.1 and traces it; a move the diagram does not allow is an internal error. */
  protected move(stream: H2Stream, ev: StreamEvent, cause: string): void {
    const from = stream.state;
    const to = transition(from, ev);
    if (to === null) throw new H2Error(ErrorCode.INTERNAL_ERROR, 'connection', `stream ${stream.id}: ${ev} is not allowed in state ${from}`, 'local');
    this.setState(stream, to, cause, ev === 'send_rst' ? 'send_rst' : ev === 'recv_rst' ? 'recv_rst' : 'end_stream');
  }

  /** Sets a stream's state (also outside the diagram, e.g. a connection failure), tracing the change. */
  protected setState(stream: H2Stream, to: StreamState, cause: string, closedCause: 'send_rst' | 'recv_rst' | 'end_stream' = 'end_stream'): void {
    const from = stream.state;
    if (from === to) return;
    stream.state = to;
    if (to === StreamState.Closed) {
      this.streams.closed(stream);
      stream.closedCause = closedCause;
      stream.queue.length = 0;
      stream.queued = 0;
      stream.endQueued = false;
      stream.pendingHeaders = null;
    }
    this.events.trace('h2:stream_state', { from, to, cause }, { stream: stream.id });
    if (isActive(from) && !isActive(to)) this.onStreamInactive(stream);
  }

  /** Sends queued DATA as far as the windows and SETTINGS_MAX_FRAME_SIZE allow (§6.9.1), one frame per stream per round. */
  protected pumpData(): void {
    let progress = true;
    while (progress && this.status !== 'closed') {
      progress = false;
      for (const s of this.streams.withQueuedData()) {
        if (!canSend(s.state)) continue;
        const n = Math.min(s.queued, s.send.available, this.connSend.available, this.settings.remote.maxFrameSize);
        if (n === 0 && s.queued > 0) continue;
        const data = take(s, n);
        const end = s.endQueued && s.queued === 0;
        this.writeFrame({ type: 'DATA', streamId: s.id, endStream: end, data });
        if (n > 0) {
          this.connSend.consume(n);
          s.send.consume(n);
        }
        if (end) {
          s.endQueued = false;
          this.move(s, 'send_end_stream', 'sent END_STREAM');
        }
        progress = true;
      }
    }
  }

  /** Sends the WINDOW_UPDATEs the policy wants now: the connection's and, while it may still receive, the stream's. */
  protected replenish(stream?: H2Stream): void {
    const c = this.connRecv.pendingUpdate();
    if (c > 0) {
      this.writeFrame({ type: 'WINDOW_UPDATE', streamId: 0, increment: c });
      this.connRecv.grow(c);
    }
    if (stream && canReceive(stream.state)) {
      const inc = stream.recv.pendingUpdate();
      if (inc > 0) {
        this.writeFrame({ type: 'WINDOW_UPDATE', streamId: stream.id, increment: inc });
        stream.recv.grow(inc);
      }
    }
  }

  // ---- errors ----

  /** Traces an error ('h2:error'). */
  protected traceError(err: H2Error): void {
    this.events.trace(
      'h2:error',
      {
        code: errorCodeName(err.code),
        codeNumber: err.code,
        scope: err.scope,
        initiator: err.initiator,
        reason: err.reason,
        ...(err.frameType !== undefined ? { frameType: frameTypeName(err.frameType) } : {}),
      },
      err.streamId ? { stream: err.streamId } : {},
    );
  }

  /** A stream error (§5.4.2): trace, RST_STREAM with its code, the stream closes. */
  protected resetOnError(err: H2Error): void {
    this.traceError(err);
    const id = err.streamId!;
    const s = this.streams.get(id);
    if (!s || s.state === StreamState.Idle) return; // never RST an idle stream (§6.4)
    if (s.state === StreamState.Closed && s.closedCause === 'send_rst') return;
    this.writeFrame({ type: 'RST_STREAM', streamId: id, errorCode: err.code });
    this.setState(s, StreamState.Closed, `sent RST_STREAM (${errorCodeName(err.code)})`, 'send_rst');
    this.events.push({ kind: 'stream_reset', streamId: id, errorCode: err.code, initiator: 'local', retryable: false });
  }

  /** A connection error (§5.4.1): trace, GOAWAY with the code and reason, every open stream fails, closed. */
  protected failConnection(err: H2Error): void {
    if (this.status === 'closed') return;
    this.traceError(err);
    if (this.status !== 'new') {
      const debug = new Uint8Array([...err.reason.slice(0, 200)].map((c) => c.charCodeAt(0) & 0xff));
      this.writeFrame({ type: 'GOAWAY', lastStreamId: this.streams.highestRemoteId, errorCode: err.code, debugData: debug });
    }
    this.close(err, `connection error ${errorCodeName(err.code)}`);
  }

  /** Ends the connection: every stream not yet closed fails, 'closed' is reported. */
  protected close(error: H2Error | undefined, reason: string, retryable = false): void {
    this.status = 'closed';
    for (const s of this.streams.all()) {
      if (s.state === StreamState.Closed) continue;
      this.setState(s, StreamState.Closed, reason);
      this.events.push({ kind: 'stream_failed', streamId: s.id, retryable, reason });
    }
    this.events.push(error ? { kind: 'closed', error } : { kind: 'closed' });
  }

  /** Checks a window update increment from the API. */
  protected static checkIncrement(increment: number): void {
    if (!Number.isInteger(increment) || increment < 1 || increment > MAX_WINDOW) throw new H2UsageError(`window increment must be 1..2^31-1, got ${increment}`);
  }
}

/** Takes `n` octets off the front of a stream's queue. */
function take(s: H2Stream, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let o = 0;
  while (o < n) {
    const head = s.queue[0]!;
    const k = Math.min(head.length, n - o);
    out.set(head.subarray(0, k), o);
    o += k;
    if (k === head.length) s.queue.shift();
    else s.queue[0] = head.subarray(k);
  }
  s.queued -= n;
  return out;
}
