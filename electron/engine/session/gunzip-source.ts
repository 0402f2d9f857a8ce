/**
 * Opens a session source (a path, a Readable or bytes) and gunzips it as a stream, telling afterwards whether
 * the gzip stream was whole.
 *
 * Node's gunzip, on truncated input, throws away the output of its last inflate call ("unexpected end of file"),
 * which can be tens of KiB of whole lines. So we inflate with `finishFlush: Z_SYNC_FLUSH` (everything that
 * arrived comes out, and no error for a cut stream) and decide wholeness ourselves: a whole gzip member ends with
 * ISIZE, the uncompressed length mod 2^32 (RFC 1952 §2.3.1), and zlib has already checked the CRC-32 before it
 * when the member was whole. A cut stream's last four bytes match the length by chance once in 2^32.
 * (A file of several concatenated gzip members loads fully but is reported as ending early.)
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { constants, createGunzip, type Gunzip } from 'node:zlib';

/** Where a session comes from: a file path, a byte stream, or the whole file's bytes. */
export type SessionSource = string | Readable | Uint8Array;

/** An error of the source itself (file system, network), as opposed to bad data in it. */
export class SourceReadError extends Error {
  /** @param cause the error the source emitted */
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'SourceReadError';
  }
}

/** A running gunzip of a source. */
export interface GunzipRun {
  /** Decompressed chunks; iterating throws SourceReadError or zlib's error (with a `code`). */
  readonly output: Gunzip;
  /** After `output` has ended: whether the gzip stream was whole, given how many bytes came out. */
  isWhole(bytesOut: number): boolean;
  /** Stops reading and frees the source (idempotent). */
  dispose(): void;
}

/** Output chunk size: fewer, larger chunks mean fewer callbacks and string joins per line. */
const CHUNK = 256 * 1024;

/** Starts gunzipping `source`. */
export function gunzipSource(source: SessionSource): GunzipRun {
  const output = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK });
  let tail = Buffer.alloc(0);
  let bytesIn = 0;
  const note = (chunk: Uint8Array): void => {
    bytesIn += chunk.length;
    tail = chunk.length >= 8 ? Buffer.from(chunk.subarray(chunk.length - 8)) : Buffer.concat([tail, chunk]).subarray(-8);
  };
  let input: Readable | null = null;
  if (source instanceof Uint8Array) {
    note(source);
    output.end(source);
  } else {
    input = typeof source === 'string' ? createReadStream(source, { highWaterMark: CHUNK }) : source;
    input.on('error', (e) => output.destroy(new SourceReadError(e)));
    input.on('data', (chunk: Buffer | string) => note(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    input.pipe(output);
  }
  return {
    output,
    isWhole: (bytesOut) => bytesIn >= 18 && tail.length === 8 && tail.readUInt32LE(4) === bytesOut % 2 ** 32,
    dispose: () => {
      if (input !== null) {
        input.unpipe(output);
        input.destroy();
      }
      output.destroy();
    },
  };
}
