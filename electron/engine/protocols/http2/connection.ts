/**
 * The HTTP/2 client connection, sans-IO (RFC 9113): `start()` queues the preface and our SETTINGS (§3.4);
 * `receive(bytes, now)` takes the server's bytes; `pollTransmit()` gives bytes to send; `nextDeadline()` /
 * `onTimeout(now)` handle SETTINGS and PING timeouts; `drainEvents()` reports every frame sent and received
 * (with its raw bytes, field spans and HPACK account), stream states, windows, settings and errors, beside the
 * application events (responses, data, resets, pushes, GOAWAY).
 */
import type { HeaderField } from '../../../../shared/events';
import { H2ClientReceiver } from './client-receive';
import { H2ConnectionCore, type H2CoreOptions } from './connection-core';
import { settingsToList, type H2Settings } from './connection-settings';
import { ErrorCode, H2UsageError, errorCodeName } from './errors';
import { CLIENT_PREFACE } from './frames/preface';
import { formatPriorityField } from './frames/priority-update';
import type { Frame, PriorityFields, Setting } from './frames/types';
import { MAX_31 } from './frames/wire';
import { debugBytes } from './goaway';
import { StreamState } from './stream-state';

/** Options of a client connection. */
export interface H2ClientOptions extends H2CoreOptions {
  /**
   * Server push (§8.4): 'accept' keeps promised streams (reserved (remote)); 'refuse' resets each with
   * REFUSED_STREAM. Default 'refuse'. SETTINGS_ENABLE_PUSH follows it unless `settings.enablePush` is given.
   */
  readonly pushPolicy?: 'accept' | 'refuse';
}

/** Options of one request. */
export interface RequestOptions {
  /** END_STREAM on the HEADERS (a request without a body). Default true. */
  readonly endStream?: boolean;
  /** RFC 9218 priority, sent as the `priority` header field (§5) unless the headers have one. */
  readonly priority?: { readonly urgency: number; readonly incremental: boolean };
  /** The deprecated RFC 7540 stream dependency, sent in the HEADERS frame (RFC 9113 §5.3.2, §6.2). */
  readonly dependency?: PriorityFields;
}

/** An HTTP/2 client connection core (RFC 9113), no I/O. */
export class H2ClientConnection extends H2ClientReceiver {
  private readonly connectionWindow: number;

  /** @param options our settings, window policy, push policy, limits */
  constructor(options: H2ClientOptions = {}) {
    const pushPolicy = options.pushPolicy ?? 'refuse';
    super(options, { enablePush: pushPolicy === 'accept' }, pushPolicy);
    this.connectionWindow = options.connectionWindow ?? 65535;
    if (!Number.isInteger(this.connectionWindow) || this.connectionWindow < 0 || this.connectionWindow > MAX_31) {
      throw new H2UsageError(`connectionWindow must be 0..2^31-1, got ${this.connectionWindow}`);
    }
  }

  /** Queues the client preface, our SETTINGS and, for a larger connection window, a WINDOW_UPDATE (§3.4, §6.9.2). */
  start(now = 0): void {
    if (this.status !== 'new') throw new H2UsageError('start() was already called');
    this.now = now;
    this.status = 'open';
    this.events.push({ kind: 'preface', raw: CLIENT_PREFACE });
    this.queueBytes(CLIENT_PREFACE);
    this.sendSettings(this.initialSettings);
    const extra = this.connectionWindow - 65535;
    this.connRecv.setTarget(this.connectionWindow);
    if (extra > 0) {
      this.writeFrame({ type: 'WINDOW_UPDATE', streamId: 0, increment: extra });
      this.connRecv.grow(extra, 'sent WINDOW_UPDATE (connection window)');
    }
  }

  /**
   * Our initial settings as the HTTP2-Settings header of an HTTP/1.1 `Upgrade: h2c` request: the SETTINGS
   * payload (6 octets per setting) in base64url without padding (RFC 7540 §3.2.1).
   */
  upgradeSettingsHeader(): string {
    const payload = new Uint8Array(this.initialSettings.length * 6);
    const view = new DataView(payload.buffer);
    this.initialSettings.forEach((s, i) => {
      view.setUint16(i * 6, s.id);
      view.setUint32(i * 6 + 2, s.value);
    });
    let binary = '';
    for (const b of payload) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /**
   * Starts after an HTTP/1.1 `Upgrade: h2c` request was answered 101 (RFC 7540 §3.2; the mechanism is deprecated
   * by RFC 9113 §3.1 but servers such as nghttpd still do it): the preface and SETTINGS go out as usual, and
   * stream 1 — the upgrade request itself — is already half-closed (local); its response arrives on stream 1.
   */
  startUpgraded(now = 0): number {
    if (this.streams.nextLocalId !== 1) throw new H2UsageError('startUpgraded() must come before any request');
    this.start(now);
    const stream = this.newStream(1);
    this.streams.nextLocalId = 3;
    this.move(stream, 'send_headers', 'the HTTP/1.1 upgrade request (stream 1)');
    this.move(stream, 'send_end_stream', 'the upgrade request ended');
    return 1;
  }

  /**
   * Opens a request stream: HEADERS (+ CONTINUATION) with `headers` as given. Returns its stream id. When the
   * server's SETTINGS_MAX_CONCURRENT_STREAMS is reached, the HEADERS wait until a stream closes (§5.1.2).
   */
  request(headers: readonly HeaderField[], opts: RequestOptions = {}): number {
    this.requireOpen('request');
    if (this.goaways.draining) throw new H2UsageError(`${this.goaways.received ? 'the server' : 'we'} sent GOAWAY: open a new connection`);
    const id = this.streams.nextLocalId;
    if (id > MAX_31) throw new H2UsageError('stream ids are exhausted (§5.1.1): open a new connection');
    this.streams.nextLocalId += 2;
    const list = opts.priority && !headers.some(([n]) => n === 'priority') ? [...headers, ['priority', formatPriorityField(opts.priority)] as const] : headers;
    const stream = this.newStream(id);
    stream.pendingHeaders = { headers: list, endStream: opts.endStream ?? true, ...(opts.dependency ? { priority: opts.dependency } : {}) };
    if (this.streams.waiting.length === 0 && this.hasSlot()) this.openStream(stream);
    else this.streams.waiting.push(id);
    return id;
  }

  /**
   * Queues DATA on a stream; it leaves as the send windows and SETTINGS_MAX_FRAME_SIZE allow (§6.9), the rest
   * waits for WINDOW_UPDATE. `endStream` sends END_STREAM with the last octet.
   */
  sendData(streamId: number, bytes: Uint8Array, endStream = false): void {
    this.requireOpen('sendData');
    const s = this.streams.get(streamId);
    const sendable = s && (s.state === StreamState.Open || s.state === StreamState.HalfClosedRemote || (s.state === StreamState.Idle && s.pendingHeaders));
    if (!s || !sendable || s.endQueued || (s.pendingHeaders?.endStream ?? false)) throw new H2UsageError(`stream ${streamId} cannot send DATA (${s?.state ?? 'unknown'})`);
    if (bytes.length > 0) {
      s.queue.push(bytes.slice());
      s.queued += bytes.length;
    }
    if (endStream) s.endQueued = true;
    this.pumpData();
  }

  /** Sends a PING (§6.7); the ACK comes back as a 'ping_ack' event with the round trip. Returns the opaque data. */
  ping(now = this.now): Uint8Array {
    this.requireOpen('ping');
    this.now = now;
    const opaque = this.pings.nextOpaque();
    this.writeFrame({ type: 'PING', ack: false, opaque });
    this.pings.sent(opaque, now);
    return opaque;
  }

  /** Resets a stream with RST_STREAM and `code` (§6.4); a request still waiting for a slot is dropped silently. */
  resetStream(streamId: number, code: number = ErrorCode.CANCEL): void {
    this.requireOpen('resetStream');
    const s = this.streams.get(streamId);
    if (!s || s.state === StreamState.Closed) throw new H2UsageError(`stream ${streamId} is not open`);
    if (s.state === StreamState.Idle) {
      const w = this.streams.waiting.indexOf(streamId);
      if (w >= 0) this.streams.waiting.splice(w, 1);
      this.setState(s, StreamState.Closed, 'cancelled before its HEADERS were sent', 'send_rst');
    } else {
      this.writeFrame({ type: 'RST_STREAM', streamId, errorCode: code });
      this.setState(s, StreamState.Closed, `sent RST_STREAM (${errorCodeName(code)})`, 'send_rst');
    }
    this.events.push({ kind: 'stream_reset', streamId, errorCode: code, initiator: 'local', retryable: false });
    this.openWaiting();
  }

  /**
   * Sends GOAWAY (§6.8) with the last server-initiated stream we processed. NO_ERROR lets open streams finish;
   * any other code ends the connection now.
   */
  goaway(code: number = ErrorCode.NO_ERROR, debug = ''): void {
    this.requireOpen('goaway');
    const debugData = debugBytes(debug);
    this.writeFrame({ type: 'GOAWAY', lastStreamId: this.streams.highestRemoteId, errorCode: code, debugData });
    this.goaways.sent = true;
    this.events.push({ kind: 'goaway', lastStreamId: this.streams.highestRemoteId, errorCode: code, debugData: debug, initiator: 'local' });
    if (code !== ErrorCode.NO_ERROR) this.close(undefined, `sent GOAWAY (${errorCodeName(code)})`);
    else this.maybeFinish();
  }

  /** Changes a stream's priority with PRIORITY_UPDATE (RFC 9218 §7.1). */
  updatePriority(streamId: number, urgency: number, incremental: boolean): void {
    this.requireOpen('updatePriority');
    this.writeFrame({ type: 'PRIORITY_UPDATE', prioritizedStreamId: streamId, priorityFieldValue: formatPriorityField({ urgency, incremental }) });
  }

  /** Sends WINDOW_UPDATE by hand (the 'manual' policy): stream 0 is the connection window. */
  windowUpdate(streamId: number, increment: number): void {
    this.requireOpen('windowUpdate');
    H2ConnectionCore.checkIncrement(increment);
    this.sendRaw({ type: 'WINDOW_UPDATE', streamId, increment });
  }

  /** Sends new SETTINGS (§6.5); they apply when the server acknowledges them. */
  updateSettings(settings: Partial<H2Settings>): void {
    this.requireOpen('updateSettings');
    this.sendSettings(settingsToList(settings));
  }

  /**
   * Sends any frame as given, legal or not (frame scripts). Bookkeeping follows what is sent where it can:
   * WINDOW_UPDATE grows our receive windows, SETTINGS waits for an ACK, PING waits for its ACK, RST_STREAM and
   * GOAWAY close what they close, HEADERS on a new client stream opens it (so the response is accepted) and
   * END_STREAM half-closes it. Header blocks and DATA are sent as they are, without touching HPACK or windows.
   */
  sendRaw(frame: Frame): void {
    this.requireOpen('sendRaw');
    switch (frame.type) {
      case 'HEADERS': {
        this.writeFrame(frame);
        const local = frame.streamId % 2 === 1;
        let s = this.streams.get(frame.streamId);
        if (!s && local && frame.streamId >= this.streams.nextLocalId) {
          this.streams.nextLocalId = frame.streamId + 2;
          s = this.newStream(frame.streamId);
        }
        if (s && s.state === StreamState.Idle) this.move(s, 'send_headers', 'sent HEADERS (script)');
        if (s && frame.endStream && (s.state === StreamState.Open || s.state === StreamState.HalfClosedRemote)) this.move(s, 'send_end_stream', 'sent END_STREAM (script)');
        return;
      }
      case 'DATA': {
        this.writeFrame(frame);
        const s = this.streams.get(frame.streamId);
        if (s && frame.endStream && (s.state === StreamState.Open || s.state === StreamState.HalfClosedRemote)) this.move(s, 'send_end_stream', 'sent END_STREAM (script)');
        return;
      }
      case 'SETTINGS':
        if (!frame.ack) return this.sendSettings(frame.settings);
        break;
      case 'PING':
        if (!frame.ack) {
          this.writeFrame(frame);
          this.pings.sent(frame.opaque, this.now);
          return;
        }
        break;
      case 'WINDOW_UPDATE': {
        this.writeFrame(frame);
        const w = frame.streamId === 0 ? this.connRecv : this.streams.get(frame.streamId)?.recv;
        w?.grow(frame.increment, 'sent WINDOW_UPDATE');
        return;
      }
      case 'RST_STREAM': {
        this.writeFrame(frame);
        const s = this.streams.get(frame.streamId);
        if (s && s.state !== StreamState.Idle && s.state !== StreamState.Closed) this.setState(s, StreamState.Closed, 'sent RST_STREAM', 'send_rst');
        return;
      }
      case 'GOAWAY':
        this.writeFrame(frame);
        this.goaways.sent = true;
        return;
      default:
        break;
    }
    this.writeFrame(frame);
  }

  /** Encodes a header list with our HPACK encoder, for frame scripts that build HEADERS by hand (the table follows). */
  encodeHeaderBlock(headers: readonly HeaderField[]): Uint8Array {
    this.requireOpen('encodeHeaderBlock');
    let enc;
    try {
      enc = this.encoder.encodeBlock(headers);
    } catch (e) {
      throw e instanceof Error ? new H2UsageError(e.message) : e;
    }
    this.traceTable('sent', enc, 0);
    return enc.bytes;
  }

  // ---- internals: sending ----

  private requireOpen(what: string): void {
    if (this.status === 'new') throw new H2UsageError(`${what}() before start()`);
    if (this.status === 'closed') throw new H2UsageError(`${what}() on a closed connection`);
  }

  private sendSettings(list: readonly Setting[]): void {
    const before = this.settings.advertised.initialWindowSize;
    this.writeFrame({ type: 'SETTINGS', ack: false, settings: list });
    this.settings.sent(list, this.now);
    // §6.9.2: our stream receive windows follow our INITIAL_WINDOW_SIZE as we send it (the server reads it
    // before any frame we send later, and applies it to every stream).
    const delta = this.settings.advertised.initialWindowSize - before;
    if (delta !== 0) {
      for (const s of this.streams.all()) if (s.state !== StreamState.Closed) s.recv.adjust(delta);
    }
  }
}
