/**
 * Writes `.framescope` session files as a stream: JSON lines, gathered into chunks of about 64 KiB, through gzip,
 * into a Writable, with backpressure. The whole file never exists as one string.
 */
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { Transform, type TransformOptions, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip, type ZlibOptions } from 'node:zlib';
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { SessionHeader } from '../../../shared/session-format';

/**
 * gzip level 1 (fastest). Session lines repeat the same keys and values, so even the fastest level finds most
 * of the redundancy: on the bench's 1M-event session (bench/README.md) level 1 gives 35.7 bytes/event, well
 * under the 60 bytes/event goal; level 6 gives 25.4 but costs ~1.6x the compression CPU, and with two cores
 * compression competes with JSON encoding, so saves get ~1.5x slower. Speed is the scarcer resource here.
 */
export const DEFAULT_GZIP_LEVEL = 1;

/** Bytes of JSON lines gathered before they go to gzip. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** Options of a SessionWriter. */
export interface SessionWriterOptions {
  /** gzip level 0-9 (default DEFAULT_GZIP_LEVEL). */
  readonly level?: number;
  /** Size of the chunks of JSON lines handed to gzip (default DEFAULT_CHUNK_BYTES, at least 1 KiB). */
  readonly chunkBytes?: number;
}

/** What a finished write produced. */
export interface SessionWriteResult {
  /** Events written (connection records not counted). */
  readonly events: number;
  /** Compressed bytes written to the destination. */
  readonly bytes: number;
}

/**
 * Streams one session into a Writable (which it ends on close). Write the header (the constructor does),
 * then connection records and events in seq order. `writeConnection`/`writeEvent` return false when the
 * destination wants the caller to wait: then `await writer.drain()` before writing more.
 */
export class SessionWriter {
  private readonly gzip: Gzip;
  private readonly done: Promise<void>;
  private readonly chunkBytes: number;
  /** The chunk being filled: lines are encoded straight into it, so no joined string or copy is made. */
  private chunk: Buffer;
  private used = 0;
  private events = 0;
  private bytes = 0;
  private needDrain = false;
  private closed = false;
  private failure: unknown = null;

  /** @param dest where the gzip bytes go; ended by close()  @param header the session's first line */
  constructor(dest: Writable, header: SessionHeader, options: SessionWriterOptions = {}) {
    this.chunkBytes = Math.max(1024, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    this.chunk = Buffer.allocUnsafe(this.chunkBytes);
    // Room for a few chunks, so JSON encoding on this thread overlaps with compression on the thread pool.
    const gzipOptions: ZlibOptions & TransformOptions = {
      level: options.level ?? DEFAULT_GZIP_LEVEL,
      chunkSize: 64 * 1024,
      writableHighWaterMark: 4 * this.chunkBytes,
    };
    this.gzip = createGzip(gzipOptions);
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, callback) => {
        this.bytes += chunk.length;
        callback(null, chunk);
      },
    });
    this.done = pipeline(this.gzip, counter, dest);
    this.done.catch((e: unknown) => {
      this.failure ??= e;
    });
    this.line(JSON.stringify(header));
  }

  /** Writes a connection record (again whenever the connection's facts change). */
  writeConnection(info: ConnectionInfo): boolean {
    return this.line(JSON.stringify({ connection: info }));
  }

  /** Writes one event; events must come in increasing seq order. */
  writeEvent(event: SessionEvent): boolean {
    const ok = this.line(JSON.stringify(event));
    this.events++;
    return ok;
  }

  /** Resolves when the destination is ready for more; at once when it already is. */
  async drain(): Promise<void> {
    while (this.needDrain && this.failure === null && !this.gzip.destroyed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.gzip.off('drain', done);
          this.gzip.off('close', done);
          resolve();
        };
        this.gzip.on('drain', done);
        this.gzip.on('close', done);
      });
      this.needDrain = this.gzip.writableNeedDrain;
    }
    this.throwIfFailed();
  }

  /** Flushes, ends the destination and resolves with the counts once everything is written. */
  async close(): Promise<SessionWriteResult> {
    this.throwIfFailed();
    if (this.closed) throw new ApiError('internal', 'session writer closed twice');
    this.flush();
    this.closed = true;
    this.gzip.end();
    try {
      await this.done;
    } catch (e) {
      throw toWriteError(e);
    }
    return { events: this.events, bytes: this.bytes };
  }

  /** Stops writing and destroys the streams; the destination holds an unfinished file. */
  abort(reason?: unknown): void {
    this.closed = true;
    this.failure ??= reason ?? new ApiError('cancelled', 'the save was cancelled');
    this.gzip.destroy();
  }

  private line(text: string): boolean {
    if (this.closed) throw new ApiError('internal', 'session writer is closed');
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; most lines are ASCII and take exactly text.length.
    if (this.used + text.length * 3 + 1 > this.chunkBytes) {
      this.flush();
      if (text.length * 3 + 1 > this.chunkBytes) {
        this.send(Buffer.from(text + '\n', 'utf8'));
        return !this.needDrain;
      }
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
    this.chunk[this.used++] = 10; // \n
    return !this.needDrain;
  }

  private flush(): void {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
    this.send(full);
  }

  private send(bytes: Buffer): void {
    this.throwIfFailed();
    if (!this.gzip.write(bytes)) this.needDrain = true;
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw toWriteError(this.failure);
  }
}

/**
 * A SessionWriter to a file. It writes a temporary file next to `path` and renames it over `path` on close,
 * so an existing file is never left half-written; on failure or abort the temporary file is removed.
 */
export function openSessionWriter(path: string, header: SessionHeader, options?: SessionWriterOptions): SessionWriter {
  return new FileSessionWriter(path, header, options);
}

class FileSessionWriter extends SessionWriter {
  private readonly tmp: string;
  private readonly closedFile: Promise<void>;

  constructor(
    private readonly path: string,
    header: SessionHeader,
    options?: SessionWriterOptions,
  ) {
    const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.partial`;
    const dest = createWriteStream(tmp);
    super(dest, header, options);
    this.tmp = tmp;
    this.closedFile = new Promise((resolve) => dest.once('close', () => resolve()));
  }

  override async close(): Promise<SessionWriteResult> {
    try {
      const result = await super.close();
      await rename(this.tmp, this.path);
      return result;
    } catch (e) {
      await this.removeTmp();
      throw toWriteError(e);
    }
  }

  override abort(reason?: unknown): void {
    super.abort(reason);
    void this.removeTmp();
  }

  /** Removes the temporary file once the stream has let go of it (it may still be opening). */
  private async removeTmp(): Promise<void> {
    await this.closedFile;
    await unlink(this.tmp).catch(() => undefined);
  }
}

function toWriteError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('io', `Could not write the session file: ${e instanceof Error ? e.message : String(e)}`);
}
