/**
 * Turns the decompressed text of a session file into validated records: splits lines, parses the header and
 * every line after it (shared/session-validate.ts), and checks that event `seq` strictly increases.
 * Synchronous and IO-free; the reader feeds it text as it streams in.
 */
import { parseHeader, parseLine, SessionFormatError } from '../../../shared/session-validate';
import { isConnectionLine, type SessionHeader, type SessionLine } from '../../../shared/session-format';

/** The longest line accepted by default (characters): far above any frame or packet, small enough to stay safe. */
export const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Decodes session text into records; `push` and `finish` throw SessionFormatError on a bad line. */
export class SessionLineDecoder {
  /** The header, once line 1 has been read. */
  header: SessionHeader | null = null;
  /** Lines read so far (whole lines, blank ones included), i.e. the number of the last whole line. */
  lines = 0;
  /** Events accepted so far. */
  events = 0;
  private lastSeq = -1;
  private partial = '';
  private batch: SessionLine[] = [];

  /** @param maxLineChars the longest line to accept before calling the file damaged */
  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** Feeds the next piece of text (any split). */
  push(text: string): void {
    const buf = this.partial.length === 0 ? text : this.partial + text;
    if (this.header === null && buf.length > 0 && buf.charCodeAt(0) !== 123 /* { */) {
      throw new SessionFormatError(1, 'not a Framescope session (the file does not start with a JSON header)', 'foreign');
    }
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      this.accept(buf.slice(start, nl));
      start = nl + 1;
    }
    this.partial = start === 0 ? buf : buf.slice(start);
    if (this.partial.length > this.maxLineChars) {
      const kind = this.header === null ? 'foreign' : 'invalid';
      throw new SessionFormatError(this.lines + 1, `the line is longer than ${this.maxLineChars} characters`, kind);
    }
  }

  /** Takes the records decoded since the last call. */
  take(): SessionLine[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  /**
   * Ends the text. `complete` says whether the compressed stream ended properly; when it did not, a cut last
   * line is dropped and the warning for a person is returned. Returns null when the file is whole.
   */
  finish(complete: boolean): string | null {
    const last = this.partial;
    this.partial = '';
    if (last.trim().length > 0) {
      if (complete) this.accept(last);
      else {
        // A cut line is not valid JSON (a proper prefix of a JSON object never is); if it parses, it was whole.
        const before = this.lines;
        try {
          this.accept(last);
        } catch (e) {
          if (!(e instanceof SessionFormatError)) throw e;
          this.lines = before;
        }
      }
    }
    if (this.header === null) {
      const reason = this.lines === 0 && last.length === 0 ? 'the file is empty' : 'the file ends before its header line is complete';
      throw new SessionFormatError(1, `not a Framescope session (${reason})`, 'foreign');
    }
    return complete ? null : `The file ends early: loaded ${this.events} events up to line ${this.lines}`;
  }

  private accept(line: string): void {
    const lineNo = ++this.lines;
    if (line.length > this.maxLineChars) {
      throw new SessionFormatError(lineNo, `the line is longer than ${this.maxLineChars} characters`, this.header === null ? 'foreign' : 'invalid');
    }
    if (this.header === null) {
      const header = parseHeader(line);
      if (header instanceof SessionFormatError) throw header;
      this.header = header;
      return;
    }
    if (line.length === 0 || (line.length < 8 && line.trim().length === 0)) return; // blank line, e.g. "\r"
    const record = parseLine(line, lineNo);
    if (record instanceof SessionFormatError) throw record;
    if (!isConnectionLine(record)) {
      if (record.seq <= this.lastSeq) {
        throw new SessionFormatError(lineNo, `seq ${record.seq} does not follow seq ${this.lastSeq} of an earlier event (seq must increase)`);
      }
      this.lastSeq = record.seq;
      this.events++;
    }
    this.batch.push(record);
  }
}
