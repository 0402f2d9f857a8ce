/**
 * The QPACK offline-interop formats (github.com/qpackers/qifs, "QPACK Offline Interop" on the quicwg wiki):
 *  - a QIF file is header lists as "name<TAB>value" lines, a blank line after each list, '#' comment lines;
 *  - an encoder output file is a run of blocks [stream id: u64 BE][length: u32 BE][payload], where stream 0 is
 *    the encoder stream and any other id carries one encoded field section of that stream.
 * Used by the interop tests, and by tools that want to feed recorded QPACK through the codec.
 */
import { QpackUsageError } from './errors';
import type { HeaderField } from './types';

/** One block of an encoder output file. */
export interface InteropBlock {
  /** 0 for the encoder stream, else the request stream the field section belongs to. */
  readonly streamId: number;
  readonly payload: Uint8Array;
}

/** Splits an encoder output file into its blocks. Throws QpackUsageError when the framing is cut short. */
export function parseInteropFile(bytes: Uint8Array): InteropBlock[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks: InteropBlock[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw new QpackUsageError(`interop file ends inside a block header at byte ${pos}`);
    const streamId = Number(view.getBigUint64(pos));
    const length = view.getUint32(pos + 8);
    pos += 12;
    if (pos + length > bytes.length) throw new QpackUsageError(`interop block of ${length} bytes at byte ${pos - 12} runs past the end`);
    blocks.push({ streamId, payload: bytes.subarray(pos, pos + length) });
    pos += length;
  }
  return blocks;
}

/** Writes blocks in the encoder output format. */
export function formatInteropFile(blocks: readonly InteropBlock[]): Uint8Array {
  const out = new Uint8Array(blocks.reduce((n, b) => n + 12 + b.payload.length, 0));
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const b of blocks) {
    view.setBigUint64(pos, BigInt(b.streamId));
    view.setUint32(pos + 8, b.payload.length);
    out.set(b.payload, pos + 12);
    pos += 12 + b.payload.length;
  }
  return out;
}

/** A header list of a QIF file, with the stream id named by a "# stream N" comment before it, if any. */
export interface QifList {
  readonly headers: HeaderField[];
  readonly streamComment: number | null;
}

/** Parses a QIF file given as Latin-1 text (one character per octet). */
export function parseQif(text: string): QifList[] {
  const lists: QifList[] = [];
  let headers: HeaderField[] = [];
  let streamComment: number | null = null;
  const flush = (): void => {
    if (headers.length > 0) lists.push({ headers, streamComment });
    headers = [];
    streamComment = null;
  };
  for (const line of text.split('\n')) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (l === '') {
      flush();
      continue;
    }
    if (l.startsWith('#')) {
      const m = /^#\s*stream\s+(\d+)/i.exec(l);
      if (m) streamComment = Number(m[1]);
      continue;
    }
    const tab = l.indexOf('\t');
    headers.push(tab < 0 ? [l, ''] : [l.slice(0, tab), l.slice(tab + 1)]);
  }
  flush();
  return lists;
}

/** Formats header lists as a QIF file. */
export function formatQif(lists: readonly (readonly HeaderField[])[]): string {
  return lists.map((list) => list.map(([n, v]) => `${n}\t${v}\n`).join('') + '\n').join('');
}
