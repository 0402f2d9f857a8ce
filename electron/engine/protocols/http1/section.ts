/**
 * Incremental reader of a line-based section: a message head (start line, field lines, empty line; RFC 9112
 * §2.1) or a chunked body's trailer section (field lines, empty line; RFC 9112 §7.1.2).
 *
 * The reader is fed the buffered bytes of the item being read (index 0 = the item's first byte) and keeps its
 * place between calls, so completed lines are read once. The unfinished last line is checked as far as it has
 * arrived (at every call while it is under 1 KiB, then whenever it has doubled), so a bad byte is reported as
 * soon as it is in, and always at the same offset whatever the reads were.
 */
import { latin1 } from '../../../../shared/bytes';
import type { FieldSpan, HeaderField } from '../../../../shared/events';
import { scanFieldLine } from './field-line';
import { scanRequestLine, scanStatusLine, type Range, type RequestLine, type StatusLine } from './start-line';
import { findLine, type Scan } from './syntax';

/** What a section reader reads: a request head, a response head, or a trailer section. */
export type SectionMode = 'request' | 'response' | 'trailers';

/** The outcome of feeding a section reader. */
export type SectionStep =
  | { readonly kind: 'need' }
  /** Malformed at byte index `at`; `tooLarge` when a size or count limit was hit (431 for a request). */
  | { readonly kind: 'error'; readonly at: number; readonly reason: string; readonly tooLarge: boolean }
  /** The section ends at `length` (after its empty line). */
  | { readonly kind: 'done'; readonly length: number };

/** The decoded start line of a head. */
export interface StartLine {
  readonly method?: string;
  readonly target?: string;
  readonly version: string;
  readonly status?: number;
  readonly reason?: string;
}

/** Reads one head or trailer section; make a new one per section. */
export class SectionReader {
  /** Field lines as sent (name as is, value without surrounding whitespace). */
  readonly headers: HeaderField[] = [];
  /** Spans of the start line, its parts and each field line, relative to the item's first byte. */
  readonly fields: FieldSpan[] = [];
  /** Index of each field value's first byte (for pointing at a bad value). */
  readonly valueStarts: number[] = [];
  private start: StartLine | undefined;
  private pos: number;
  /** How far the unfinished line was checked (0 when not yet). */
  private checkedTo = 0;
  private readonly limit: number;
  private readonly prefix: string;

  /**
   * @param mode what to read
   * @param base index where the section starts in the buffers fed to it (after a last-chunk line for trailers)
   * @param maxBytes most bytes the section may take, empty line included
   * @param maxFields most field lines
   */
  constructor(
    private readonly mode: SectionMode,
    base: number,
    private readonly maxBytes: number,
    private readonly maxFields: number,
  ) {
    this.pos = base;
    this.limit = base + maxBytes;
    this.prefix = mode === 'trailers' ? 'trailers' : 'headers';
  }

  /** The start line, once read (heads only). */
  get startLine(): StartLine | undefined {
    return this.start;
  }

  /**
   * Reads on from where the last call stopped. `buf` holds the item's bytes from its first byte. `final` when
   * no more bytes will come (the unfinished line is then checked whatever its length).
   */
  advance(buf: Uint8Array, final = false): SectionStep {
    for (;;) {
      const line = findLine(buf, this.pos, this.limit);
      if (line.kind !== 'line') {
        // The unfinished line is checked from its start on each call: always while it is short (so a bad byte
        // shows at once), then each time it doubles, so tiny reads of a long line stay linear. Before a limit
        // error or at the end of the stream it is always checked: the error is the first bad byte either way.
        const length = line.partialEnd - this.pos;
        if (final || line.kind === 'too-long' || length <= 1024 || length >= 2 * (this.checkedTo - this.pos)) {
          this.checkedTo = line.partialEnd;
          const partial = this.checkLine(buf, this.pos, line.partialEnd, false);
          if (partial) return partial;
        }
        if (line.kind === 'too-long') {
          const what = this.mode === 'trailers' ? 'trailer section' : 'head';
          const reason = `${what} exceeds the limit of ${this.maxBytes} bytes (RFC 6585 §5)`;
          return { kind: 'error', at: this.limit, reason, tooLarge: true };
        }
        return { kind: 'need' };
      }
      const lineStart = this.pos;
      if (line.contentEnd === lineStart && !line.bareLf) {
        if (this.mode === 'trailers' || this.start) return { kind: 'done', length: line.next };
        if (this.mode === 'request') {
          // RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before the request-line.
          this.pos = line.next;
          continue;
        }
        return { kind: 'error', at: lineStart, reason: 'empty line where a status line was expected (RFC 9112 §4)', tooLarge: false };
      }
      const checked = this.checkLine(buf, lineStart, line.contentEnd, !line.bareLf);
      if (checked) return checked;
      if (line.bareLf) {
        return { kind: 'error', at: line.next - 1, reason: 'bare LF line ending: HTTP/1.1 lines end in CRLF (RFC 9112 §2.2)', tooLarge: false };
      }
      this.pos = line.next;
      this.checkedTo = 0;
    }
  }

  /**
   * Checks the line [start, end); `complete` when the line's CRLF has arrived, else the line so far.
   * Records a complete line. Returns an error step, or undefined when the line is fine (so far).
   */
  private checkLine(buf: Uint8Array, start: number, end: number, complete: boolean): SectionStep | undefined {
    if (end <= start) return undefined;
    if (this.mode !== 'trailers' && !this.start) {
      if (this.mode === 'request') {
        const scan = scanRequestLine(buf, start, end);
        return this.settle(scan, end, complete, (v) => this.recordRequestLine(buf, start, end, v));
      }
      const scan = scanStatusLine(buf, start, end);
      return this.settle(scan, end, complete, (v) => this.recordStatusLine(buf, start, end, v));
    }
    if (this.headers.length >= this.maxFields) {
      return { kind: 'error', at: start, reason: `more than ${this.maxFields} field lines (RFC 6585 §5)`, tooLarge: true };
    }
    const scan = scanFieldLine(buf, start, end, this.mode !== 'trailers' && this.headers.length === 0);
    return this.settle(scan, end, complete, (v) => {
      const n = this.headers.length;
      this.headers.push([latin1(buf, v.name.start, v.name.end), latin1(buf, v.value.start, v.value.end)]);
      this.valueStarts.push(v.value.start);
      this.span(`${this.prefix}.${n}`, { start, end });
      this.span(`${this.prefix}.${n}.name`, v.name);
      this.span(`${this.prefix}.${n}.value`, v.value);
    });
  }

  private settle<T>(scan: Scan<T>, end: number, complete: boolean, record: (value: T) => void): SectionStep | undefined {
    if (scan.kind === 'error') return { kind: 'error', at: scan.at, reason: scan.reason, tooLarge: false };
    if (scan.kind === 'incomplete') return complete ? { kind: 'error', at: end, reason: scan.reason, tooLarge: false } : undefined;
    if (complete) record(scan.value);
    return undefined;
  }

  private recordRequestLine(buf: Uint8Array, start: number, end: number, line: RequestLine): void {
    this.start = {
      method: latin1(buf, line.method.start, line.method.end),
      target: latin1(buf, line.target.start, line.target.end),
      version: latin1(buf, line.version.start, line.version.end),
    };
    this.span('start-line', { start, end });
    this.span('method', line.method);
    this.span('target', line.target);
    this.span('version', line.version);
  }

  private recordStatusLine(buf: Uint8Array, start: number, end: number, line: StatusLine): void {
    this.start = {
      version: latin1(buf, line.version.start, line.version.end),
      status: Number(latin1(buf, line.status.start, line.status.end)),
      reason: line.reason ? latin1(buf, line.reason.start, line.reason.end) : '',
    };
    this.span('start-line', { start, end });
    this.span('version', line.version);
    this.span('status', line.status);
    if (line.reason) this.span('reason', line.reason);
  }

  private span(path: string, range: Range): void {
    this.fields.push({ path, start: range.start, end: range.end });
  }
}
