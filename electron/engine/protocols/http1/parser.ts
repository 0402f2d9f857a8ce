/**
 * The sans-IO HTTP/1.1 parser (RFC 9112): bytes of one direction of a connection in, items out.
 * No sockets, no timers; any split of the stream into pushes gives the same items (body items aside, which
 * follow the pushes).
 */
import { latin1 } from '../../../../shared/bytes';
import type { FieldSpan, H1ChunkData, H1HeadData, HeaderField } from '../../../../shared/events';
import { ByteQueue } from './buffer';
import { scanChunkLine } from './chunked';
import { isUpgrade, messageFraming } from './framing';
import { CHUNK_PIECE_BYTES, type Http1Item } from './items';
import { SectionReader } from './section';
import { CR, describeByte, findLine, LF } from './syntax';

/**
 * Where the parser is in the message grammar (RFC 9112 §2.1, §6, §7.1):
 *
 *   HTTP-message   = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]
 *   message-body   = *OCTET                      ; Content-Length or until close, or:
 *   chunked-body   = *chunk last-chunk trailer-section CRLF
 *   chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *
 *            ┌──────────────── next message (exchange + 1) ─────────────────┐
 *            v                                                              │
 *          Head ──1xx──> Head (same exchange)                               │
 *            │ ├─ no body ───────────────────────────────────────────> (end)┤
 *            │ ├─ Content-Length ──> Body ───────── all bytes in ────> (end)┤
 *            │ ├─ chunked ──> ChunkSize ──size>0──> ChunkData ─┐            │
 *            │ │                 ^ └──size=0──> Trailers ──────┼─────> (end)┘
 *            │ │                 └──────────────── CRLF ───────┘
 *            │ └─ until close ──> UntilClose ──finish()──> (end)
 *            └─ 101 / 2xx to CONNECT / accepted upgrade ──> Upgraded
 *   after an upgrade request, bytes that are not HTTP/1.1 ──> UpgradePending ──accept──> Upgraded
 *   any malformed byte ──> Dead;  finish() ──> Closed
 */
export enum ParserState {
  /** Reading a start line and field lines, up to the empty line. */
  Head = 'head',
  /** Reading a Content-Length body. */
  Body = 'body',
  /** Reading a body that ends when the connection closes (responses only). */
  UntilClose = 'until-close',
  /** Reading a chunk-size line (or the last-chunk line). */
  ChunkSize = 'chunk-size',
  /** Reading chunk data and the CRLF after it. */
  ChunkData = 'chunk-data',
  /** Reading the trailer section after the last chunk. */
  Trailers = 'trailers',
  /**
   * Request parser, after a request asking to upgrade (or CONNECT): the bytes after it did not parse as HTTP/1.1,
   * so they are held until acceptUpgrade() (they are the new protocol) or declineUpgrade() / finish() (they are
   * reported as the error they are).
   */
  UpgradePending = 'upgrade-pending',
  /** The connection left HTTP/1.1; bytes pass through as 'upgrade' items. */
  Upgraded = 'upgraded',
  /** Stopped at malformed input. */
  Dead = 'dead',
  /** The stream ended (finish() was called). */
  Closed = 'closed',
}

/** Limits on what the parser buffers. */
export interface Http1Limits {
  /** Most bytes of a head (start line to empty line) or trailer section. Default 16384. Over it: 431. */
  readonly maxHeadBytes?: number;
  /** Most field lines in a head or trailer section. Default 100. Over it: 431. */
  readonly maxHeaders?: number;
  /** Most bytes of a chunk-size line with its CRLF. Default 4096. */
  readonly maxChunkLineBytes?: number;
}

interface ChunkInProgress {
  /** Length of the size line with CRLF (still queued until the first piece goes out). */
  readonly line: number;
  readonly size: number;
  readonly pieces: number;
  readonly data: H1ChunkData;
  readonly lineFields: readonly FieldSpan[];
  done: number;
  piece: number;
}

/**
 * Parses one direction of an HTTP/1.1 connection: requests (`role` 'request') or responses ('response').
 * Malformed input gives an 'error' item and stops the parser; nothing is thrown for anything on the wire.
 * A response parser must be told the method of each request, in order ({@link expectResponseTo}); a request
 * parser must be told when the server accepted an upgrade or CONNECT ({@link acceptUpgrade}).
 */
export class Http1Parser {
  private current = ParserState.Head;
  private readonly queue = new ByteQueue();
  private readonly maxHeadBytes: number;
  private readonly maxHeaders: number;
  private readonly maxChunkLine: number;
  private readonly methods: string[] = [];
  private section: SectionReader;
  private exchangeNo = 1;
  private switchAfterMessage = false;
  private upgradeAsked = false;
  private remaining = 0;
  private bodyBytes = 0;
  private chunks = 0;
  private chunk: ChunkInProgress | undefined;
  private lastChunkLineEnd = 0;

  /** @param role which messages this parser reads  @param limits buffering limits */
  constructor(
    readonly role: 'request' | 'response',
    limits: Http1Limits = {},
  ) {
    this.maxHeadBytes = limits.maxHeadBytes ?? 16384;
    this.maxHeaders = limits.maxHeaders ?? 100;
    this.maxChunkLine = limits.maxChunkLineBytes ?? 4096;
    this.section = this.newHead();
  }

  /** The state of the message grammar the parser is in. */
  get state(): ParserState {
    return this.current;
  }

  /** 1-based index of the message being read (or next to be read). */
  get exchange(): number {
    return this.exchangeNo;
  }

  /** Bytes pushed so far. */
  get bytesIn(): number {
    return this.queue.offset + this.queue.length;
  }

  /** Response parser: queue the method of the next request sent, to frame its response (RFC 9112 §6.3). */
  expectResponseTo(method: string): void {
    this.methods.push(method);
  }

  /**
   * Request parser: the server accepted the upgrade (101) or CONNECT (2xx) of the last request. Between
   * messages the switch happens at once and the queued bytes come back in an 'upgrade' item; in the middle of
   * a message it happens when the message ends.
   *
   * The parser does not stop after a request that asks to upgrade (servers often decline, and the client's
   * next request follows), but bytes after it that are not HTTP/1.1 are held, not reported, until this call
   * or {@link declineUpgrade}: a client may send the new protocol before the 101 arrives. (At most
   * maxHeadBytes are held; past that, or at finish(), they count as declined and the error is reported.)
   */
  acceptUpgrade(): Http1Item[] {
    const out: Http1Item[] = [];
    this.upgradeAsked = false;
    if (this.current === ParserState.Head || this.current === ParserState.UpgradePending) this.switchProtocols(out);
    else if (this.current !== ParserState.Dead && this.current !== ParserState.Closed && this.current !== ParserState.Upgraded) {
      this.switchAfterMessage = true;
    }
    return out;
  }

  /** Request parser: the server did not switch protocols; bytes held since the upgrade request are parsed. */
  declineUpgrade(): Http1Item[] {
    const out: Http1Item[] = [];
    this.upgradeAsked = false;
    if (this.current === ParserState.UpgradePending) {
      this.current = ParserState.Head;
      this.section = this.newHead();
      this.run(out);
    }
    return out;
  }

  /** Consumes bytes of the stream (any split) and returns the items they completed. */
  push(bytes: Uint8Array): Http1Item[] {
    if (this.current === ParserState.Dead || this.current === ParserState.Closed || bytes.length === 0) return [];
    const out: Http1Item[] = [];
    this.queue.append(bytes);
    if (this.current === ParserState.UpgradePending) {
      // Held bytes are bounded: past maxHeadBytes with no word from the caller, they are taken as declined.
      return this.queue.length > this.maxHeadBytes ? this.declineUpgrade() : out;
    }
    if (this.current === ParserState.Upgraded) this.switchProtocols(out);
    else this.run(out);
    return out;
  }

  /**
   * The stream ended: ends a read-until-close body; an unfinished message becomes an error item. Afterwards
   * the parser is closed and pushes return nothing.
   */
  finish(): Http1Item[] {
    const out: Http1Item[] = this.declineUpgrade();
    const state = this.current;
    switch (state) {
      case ParserState.Head:
        if (this.queue.length > 0 && !this.badUnfinishedLine(out, 'head')) this.failClosed(out, 'head', '');
        break;
      case ParserState.Body:
        this.failClosed(out, 'body', ` (${this.bodyBytes} of ${this.bodyBytes + this.remaining} body bytes)`);
        break;
      case ParserState.UntilClose:
        this.endMessage(out, this.queue.offset, new Uint8Array(0), [], []);
        break;
      case ParserState.Trailers:
        if (!this.badUnfinishedLine(out, 'trailers')) this.failClosed(out, state, '');
        break;
      case ParserState.ChunkSize:
      case ParserState.ChunkData:
        this.failClosed(out, state, '');
        break;
      case ParserState.UpgradePending:
      case ParserState.Upgraded:
      case ParserState.Dead:
      case ParserState.Closed:
        break;
      default:
        return assertNever(state);
    }
    if (this.current !== ParserState.Dead) this.current = ParserState.Closed;
    this.queue.clear();
    return out;
  }

  private run(out: Http1Item[]): void {
    for (;;) {
      const state = this.current;
      let progressed: boolean;
      switch (state) {
        case ParserState.Head:
          progressed = this.readHead(out);
          break;
        case ParserState.Body:
          progressed = this.readBody(out);
          break;
        case ParserState.UntilClose:
          progressed = this.readUntilClose(out);
          break;
        case ParserState.ChunkSize:
          progressed = this.readChunkSize(out);
          break;
        case ParserState.ChunkData:
          progressed = this.readChunkData(out);
          break;
        case ParserState.Trailers:
          progressed = this.readTrailers(out);
          break;
        case ParserState.UpgradePending:
        case ParserState.Upgraded:
        case ParserState.Dead:
        case ParserState.Closed:
          progressed = false;
          break;
        default:
          return assertNever(state);
      }
      if (!progressed) return;
    }
  }

  private newHead(): SectionReader {
    return new SectionReader(this.role, 0, this.maxHeadBytes, this.maxHeaders);
  }

  /** RFC 9112 §2.1 head, then the framing of RFC 9112 §6.3. */
  private readHead(out: Http1Item[]): boolean {
    const step = this.section.advance(this.queue.view());
    if (step.kind === 'need') return false;
    if (step.kind === 'error') return this.fail(out, step.at, step.reason, 'head', step.tooLarge);
    const start = this.section.startLine!;
    const headers = this.section.headers;
    const status = start.status ?? 0;
    const interim = this.role === 'response' && status >= 100 && status < 200;
    const framing = messageFraming({
      kind: this.role,
      version: start.version,
      headers,
      status: start.status,
      requestMethod: this.role === 'response' ? this.methods[0] : undefined,
    });
    if (!framing.ok) return this.fail(out, this.section.valueStarts[framing.header] ?? 0, framing.reason, 'head', false);
    const offset = this.queue.offset;
    const raw = this.queue.take(step.length);
    const data: H1HeadData = {
      kind: this.role,
      ...(start.method !== undefined && { method: start.method }),
      ...(start.target !== undefined && { target: start.target }),
      ...(start.status !== undefined && { status: start.status }),
      ...(start.reason !== undefined && { reason: start.reason }),
      version: start.version,
      headers,
      framing: framing.framing,
      ...(framing.contentLength !== undefined && { contentLength: framing.contentLength }),
    };
    out.push({ type: 'head', data, raw, fields: this.section.fields, offset, exchange: this.exchangeNo });
    this.section = this.newHead();
    this.upgradeAsked = this.role === 'request' && isUpgrade(data);
    if (interim && status !== 101) return true; // RFC 9110 §15.2: a final response follows in this exchange
    if (this.role === 'response') this.methods.shift();
    if (status === 101) {
      this.switchProtocols(out); // RFC 9110 §15.2.2: the new protocol starts after the empty line
      return false;
    }
    if (framing.tunnel) this.switchAfterMessage = true; // RFC 9110 §9.3.6
    this.bodyBytes = 0;
    this.chunks = 0;
    switch (framing.framing) {
      case 'none':
        this.endMessage(out, this.queue.offset, new Uint8Array(0), [], []);
        break;
      case 'content-length':
        this.remaining = framing.contentLength ?? 0;
        if (this.remaining === 0) this.endMessage(out, this.queue.offset, new Uint8Array(0), [], []);
        else this.current = ParserState.Body;
        break;
      case 'chunked':
        this.current = ParserState.ChunkSize;
        break;
      case 'until-close':
        this.current = ParserState.UntilClose;
        break;
      default:
        return assertNever(framing.framing);
    }
    return true;
  }

  /** Content-Length body (RFC 9112 §6.2): hands out what is in, up to what is left. */
  private readBody(out: Http1Item[]): boolean {
    const n = Math.min(this.queue.length, this.remaining);
    if (n === 0) return false;
    this.pushBody(out, n);
    this.remaining -= n;
    if (this.remaining === 0) this.endMessage(out, this.queue.offset, new Uint8Array(0), [], []);
    return true;
  }

  /** Body delimited by the end of the connection (RFC 9112 §6.3 ¶8). */
  private readUntilClose(out: Http1Item[]): boolean {
    if (this.queue.length > 0) this.pushBody(out, this.queue.length);
    return false;
  }

  private pushBody(out: Http1Item[], n: number): void {
    const offset = this.queue.offset;
    const raw = this.queue.take(n);
    this.bodyBytes += n;
    out.push({ type: 'body', data: { length: n, offset: this.bodyBytes }, raw, offset, exchange: this.exchangeNo });
  }

  /** chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1); size 0 is the last-chunk. */
  private readChunkSize(out: Http1Item[]): boolean {
    const buf = this.queue.view();
    const line = findLine(buf, 0, this.maxChunkLine);
    if (line.kind !== 'line') {
      const partial = scanChunkLine(buf, 0, line.partialEnd);
      if (partial.kind === 'error') return this.fail(out, partial.at, partial.reason, 'chunk-size', false);
      if (line.kind === 'too-long') {
        return this.fail(out, this.maxChunkLine, `chunk-size line longer than ${this.maxChunkLine} bytes`, 'chunk-size', false);
      }
      return false;
    }
    const scan = scanChunkLine(buf, 0, line.contentEnd);
    if (scan.kind === 'error') return this.fail(out, scan.at, scan.reason, 'chunk-size', false);
    if (line.bareLf) return this.fail(out, line.next - 1, 'bare LF line ending: HTTP/1.1 lines end in CRLF (RFC 9112 §2.2)', 'chunk-size', false);
    if (scan.kind === 'incomplete') return this.fail(out, line.contentEnd, scan.reason, 'chunk-size', false);
    const { size, sizeRange, extRange, extensions } = scan.value;
    if (size === 0) {
      // RFC 9112 §7.1.2: the trailer section follows the last-chunk line; the end item covers both.
      this.lastChunkLineEnd = line.contentEnd;
      this.section = new SectionReader('trailers', line.next, this.maxHeadBytes, this.maxHeaders);
      this.current = ParserState.Trailers;
      return true;
    }
    this.chunks++;
    const lineFields: FieldSpan[] = [
      { path: 'size-line', start: 0, end: line.contentEnd },
      { path: 'size', start: sizeRange.start, end: sizeRange.end },
    ];
    if (extRange.end > extRange.start) lineFields.push({ path: 'extensions', start: extRange.start, end: extRange.end });
    this.chunk = {
      line: line.next,
      size,
      pieces: Math.ceil(size / CHUNK_PIECE_BYTES),
      data: { size, sizeLine: latin1(buf, 0, line.contentEnd), extensions, index: this.chunks },
      lineFields,
      done: 0,
      piece: 1,
    };
    this.current = ParserState.ChunkData;
    return true;
  }

  /** chunk-data CRLF (RFC 9112 §7.1), in pieces of CHUNK_PIECE_BYTES for large chunks. */
  private readChunkData(out: Http1Item[]): boolean {
    const c = this.chunk!;
    const pre = c.piece === 1 ? c.line : 0;
    const left = c.size - c.done;
    const last = left <= CHUNK_PIECE_BYTES;
    const dataLen = last ? left : CHUNK_PIECE_BYTES;
    const need = pre + dataLen + (last ? 2 : 0);
    const buf = this.queue.view();
    if (last) {
      const cr = pre + dataLen;
      for (const [at, want] of [[cr, CR], [cr + 1, LF]] as const) {
        if (buf.length > at && buf[at] !== want) {
          const reason = `chunk data not followed by CRLF: got ${describeByte(buf[at]!)} (RFC 9112 §7.1)`;
          return this.fail(out, at, reason, 'chunk-data', false);
        }
      }
    }
    if (buf.length < need) return false;
    const offset = this.queue.offset;
    const raw = this.queue.take(need);
    const payload = raw.subarray(pre, pre + dataLen);
    const dataSpan: FieldSpan = { path: 'data', start: pre, end: pre + dataLen };
    const fields = pre > 0 ? [...c.lineFields, dataSpan] : [dataSpan];
    const data = c.pieces > 1 ? { ...c.data, piece: c.piece, pieces: c.pieces } : c.data;
    out.push({ type: 'chunk', data, raw, fields, payload, offset, exchange: this.exchangeNo });
    c.done += dataLen;
    c.piece++;
    this.bodyBytes += dataLen;
    if (last) {
      this.chunk = undefined;
      this.current = ParserState.ChunkSize;
    }
    return true;
  }

  /** trailer-section CRLF after the last-chunk (RFC 9112 §7.1.2). */
  private readTrailers(out: Http1Item[]): boolean {
    const step = this.section.advance(this.queue.view());
    if (step.kind === 'need') return false;
    if (step.kind === 'error') return this.fail(out, step.at, step.reason, 'trailers', step.tooLarge);
    const offset = this.queue.offset;
    const raw = this.queue.take(step.length);
    const fields = [{ path: 'last-chunk', start: 0, end: this.lastChunkLineEnd }, ...this.section.fields];
    this.endMessage(out, offset, raw, fields, this.section.headers);
    return true;
  }

  private endMessage(out: Http1Item[], offset: number, raw: Uint8Array, fields: readonly FieldSpan[], trailers: readonly HeaderField[]): void {
    const data = { kind: this.role, bodyBytes: this.bodyBytes, trailers, chunks: this.chunks };
    out.push({ type: 'end', data, raw, fields, offset, exchange: this.exchangeNo });
    this.exchangeNo++;
    this.bodyBytes = 0;
    this.chunks = 0;
    this.remaining = 0;
    this.section = this.newHead();
    this.current = ParserState.Head;
    if (this.switchAfterMessage) this.switchProtocols(out);
  }

  private switchProtocols(out: Http1Item[]): void {
    this.current = ParserState.Upgraded;
    this.switchAfterMessage = false;
    const offset = this.queue.offset;
    out.push({ type: 'upgrade', rest: this.queue.takeAll(), offset });
  }

  /** Emits the error item for the byte at queue index `at` and stops. Always returns false (no progress). */
  private fail(out: Http1Item[], at: number, reason: string, where: string, tooLarge: boolean): false {
    if (this.upgradeAsked && this.current === ParserState.Head) {
      this.current = ParserState.UpgradePending; // maybe the new protocol: hold until told (see acceptUpgrade)
      return false;
    }
    const offset = this.queue.offset;
    const raw = this.queue.take(at + 1);
    const outcome = this.role === 'response' ? 'close' : tooLarge ? '431' : '400';
    out.push({ type: 'error', data: { reason, offset: offset + at, at: where, outcome }, raw, offset, exchange: this.exchangeNo });
    this.queue.clear();
    this.current = ParserState.Dead;
    return false;
  }

  /** At the end of the stream: reports a bad byte in the unfinished line of a head or trailer section, if any. */
  private badUnfinishedLine(out: Http1Item[], where: string): boolean {
    const step = this.section.advance(this.queue.view(), true);
    if (step.kind !== 'error') return false;
    this.fail(out, step.at, step.reason, where, step.tooLarge);
    return true;
  }

  private failClosed(out: Http1Item[], where: string, detail: string): void {
    const end = this.queue.offset + this.queue.length;
    const offset = this.queue.offset;
    const raw = this.queue.takeAll();
    const reason = `connection closed mid-message at byte ${end}${detail}`;
    const outcome = this.role === 'response' ? 'close' : '400';
    out.push({ type: 'error', data: { reason, offset: end, at: where, outcome }, raw, offset, exchange: this.exchangeNo });
    this.current = ParserState.Dead;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected parser state ${String(value)}`);
}
