/**
 * The QPACK encoder (RFC 9204 §2.1): encodes field sections in one pass, inserting into the dynamic table on the
 * encoder stream when the peer allows one (SETTINGS_QPACK_MAX_TABLE_CAPACITY > 0), never letting more streams
 * risk blocking than SETTINGS_QPACK_BLOCKED_STREAMS (§2.1.2), never evicting an entry that is unacknowledged or
 * still referenced (§2.1.1), and following the decoder stream (§4.4). With capacity 0 it uses the static table
 * and literals only. Sans-IO: header lists and decoder stream bytes in; field sections and encoder stream out.
 */
import { QpackWriter } from './cursor';
import { decodeDecoderInstruction } from './decoder-instructions';
import { DynamicTable, entrySize } from './dynamic-table';
import { encodeEncoderInstruction } from './encoder-instructions';
import { EncoderTracking } from './encoder-tracking';
import { QPACK_ERROR_CODES, QpackError, QpackUsageError } from './errors';
import { encodeFieldLine, encodeFieldSectionPrefix } from './field-lines';
import { InstructionStream } from './instruction-stream';
import { fieldSectionPrefix, maxEntries } from './required-insert-count';
import { staticFieldIndex, staticNameIndex } from './static-index';
import { QPACK_STATIC_TABLE } from './static-table.generated';
import { huffmanIsShorter } from './string';
import type {
  DecoderInstruction,
  DecoderInstructionRecord,
  EncoderInstruction,
  EncoderInstructionRecord,
  FieldLine,
  FieldLineRepresentation,
  HeaderField,
  QpackTableSnapshot,
} from './types';

/** How strings are coded: Huffman when shorter ('auto'), always, or never. */
export type QpackHuffmanMode = 'auto' | 'always' | 'never';

/** Encoder settings: the peer's SETTINGS (RFC 9204 §5) and local choices. */
export interface QpackEncoderOptions {
  /** The peer's SETTINGS_QPACK_MAX_TABLE_CAPACITY (§3.2.3). */
  readonly maxTableCapacity: number;
  /** The peer's SETTINGS_QPACK_BLOCKED_STREAMS (§2.1.2). */
  readonly maxBlockedStreams: number;
  /** The capacity to use, at most maxTableCapacity; default min(maxTableCapacity, 4096). 0: static + literals. */
  readonly tableCapacity?: number;
  /** Default 'auto'. */
  readonly huffman?: QpackHuffmanMode;
  /** Fields sent as literals with the N bit and never inserted (§7.1.3); default isSensitiveByDefault. */
  readonly neverIndex?: (name: string, value: string) => boolean;
}

/** One encoded field section and the encoder stream bytes it needs. */
export interface EncodedFieldSection {
  readonly streamId: number;
  /** The encoded field section: the payload of a HEADERS frame. */
  readonly fieldSection: Uint8Array;
  /** Encoder stream bytes to send (before the field section, ideally): capacity and inserts. */
  readonly encoderStreamBytes: Uint8Array;
  /** The representations, with offsets in fieldSection. */
  readonly fields: FieldLine[];
  /** The instructions in encoderStreamBytes, with offsets in the encoder stream and the table after each. */
  readonly encoderInstructions: EncoderInstructionRecord[];
  readonly requiredInsertCount: number;
  readonly base: number;
  /** Whether the decoder may block on it (Required Insert Count > Known Received Count, §2.1.2). */
  readonly mayBlock: boolean;
  /** The encoder's table after encoding. */
  readonly table: QpackTableSnapshot;
}

/** What a piece of decoder stream did. */
export interface DecoderStreamResult {
  /** Whole instructions, with offsets in the decoder stream and the table after each. */
  readonly instructions: DecoderInstructionRecord[];
  readonly table: QpackTableSnapshot;
}

/**
 * Fields that are usually secret and short enough to guess (RFC 9204 §7.1.3): authorization headers, and
 * cookies under 20 octets (nghttp2's rule).
 */
export function isSensitiveByDefault(name: string, value: string): boolean {
  return name === 'authorization' || name === 'proxy-authorization' || (name === 'cookie' && value.length < 20);
}

/** The QPACK encoder of one HTTP/3 connection. */
export class QpackEncoder {
  private readonly table: DynamicTable;
  private readonly tracking = new EncoderTracking();
  private readonly entries: number;
  private readonly capacity: number;
  private readonly huffman: QpackHuffmanMode;
  private readonly neverIndex: (name: string, value: string) => boolean;
  private readonly decoderStream: InstructionStream<DecoderInstruction>;
  private encoderStreamOffset = 0;
  private capacitySent = false;
  private failure: QpackError | null = null;

  /** @param options the peer's QPACK settings and local choices */
  constructor(readonly options: QpackEncoderOptions) {
    const { maxTableCapacity, maxBlockedStreams } = options;
    if (!isCount(maxTableCapacity) || !isCount(maxBlockedStreams)) throw new QpackUsageError('maxTableCapacity and maxBlockedStreams must be non-negative integers');
    this.capacity = options.tableCapacity ?? Math.min(maxTableCapacity, 4096);
    if (!isCount(this.capacity) || this.capacity > maxTableCapacity) throw new QpackUsageError('tableCapacity must be an integer from 0 to maxTableCapacity');
    this.table = new DynamicTable(maxTableCapacity);
    this.entries = maxEntries(maxTableCapacity);
    this.huffman = options.huffman ?? 'auto';
    this.neverIndex = options.neverIndex ?? isSensitiveByDefault;
    this.decoderStream = new InstructionStream(QPACK_ERROR_CODES.QPACK_DECODER_STREAM_ERROR, decodeDecoderInstruction);
  }

  /** Whether the dynamic table is used (a capacity above 0). */
  get usesDynamicTable(): boolean {
    return this.capacity > 0;
  }

  /** The encoder's dynamic table, with reference counts and the Known Received Count. */
  snapshot(): QpackTableSnapshot {
    return this.table.snapshot(this.tracking.knownReceivedCount, (i) => this.tracking.references(i));
  }

  /**
   * Takes bytes of the peer's decoder stream (any split) and applies each whole instruction (§4.4). Throws
   * QpackError (QPACK_DECODER_STREAM_ERROR) for a bad one.
   */
  receiveDecoderStream(bytes: Uint8Array): DecoderStreamResult {
    return this.guard(() => {
      this.decoderStream.push(bytes);
      const instructions: DecoderInstructionRecord[] = [];
      for (let item = this.decoderStream.next(); item; item = this.decoderStream.next()) {
        this.tracking.apply(item.value, this.table.insertCount, item.start);
        instructions.push({ instruction: item.value, start: item.start, end: item.end, table: this.snapshot() });
      }
      return { instructions, table: this.snapshot() };
    });
  }

  /** Encodes a header list for `streamId` (names and values are Latin-1 text). */
  encode(streamId: number, headers: readonly HeaderField[]): EncodedFieldSection {
    if (!isCount(streamId)) throw new QpackUsageError(`stream id ${streamId} is not a non-negative integer`);
    for (const [name, value] of headers) {
      if (!isLatin1(name) || !isLatin1(value)) throw new QpackUsageError(`field ${JSON.stringify(name)} has a character above U+00FF`);
    }
    return this.guard(() => this.encodeSection(streamId, headers));
  }

  private encodeSection(streamId: number, headers: readonly HeaderField[]): EncodedFieldSection {
    const stream = new QpackWriter();
    const encoderInstructions: EncoderInstructionRecord[] = [];
    const useTable = this.capacity > 0;
    if (useTable && !this.capacitySent) {
      this.capacitySent = true; // §3.2.2: the capacity starts at 0; set it before the first insert.
      this.instruct(stream, encoderInstructions, { type: 'set-dynamic-table-capacity', capacity: this.capacity });
    }
    const base = this.table.insertCount;
    // §2.1.2: a stream that may already block can block again; otherwise only while under the limit.
    const canBlock = this.tracking.isBlocking(streamId) || this.tracking.blockingStreams() < this.options.maxBlockedStreams;
    const used = new Set<number>();
    const usable = (abs: number): boolean => abs < this.tracking.knownReceivedCount || canBlock;
    const lines = new QpackWriter();
    const fields: FieldLine[] = [];

    for (const [name, value] of headers) {
      const never = this.neverIndex(name, value);
      let rep: FieldLineRepresentation | null = null;
      let absoluteIndex: number | null = null;
      const exactStatic = never ? undefined : staticFieldIndex(name, value);
      if (exactStatic !== undefined) rep = { kind: 'indexed', table: 'static', index: exactStatic };
      else if (useTable && !never) {
        let abs = this.table.findField(name, value);
        if (abs !== undefined && this.draining(abs)) abs = this.duplicate(stream, encoderInstructions, abs, used);
        else if (abs === undefined) abs = this.insert(stream, encoderInstructions, name, value, used);
        if (abs !== undefined && usable(abs)) {
          absoluteIndex = abs;
          rep = abs < base ? { kind: 'indexed', table: 'dynamic', index: base - 1 - abs } : { kind: 'indexed-post-base', index: abs - base };
        }
      }
      if (!rep) {
        const valueHuffman = this.useHuffman(value);
        const staticName = staticNameIndex(name);
        let dynName = useTable && staticName === undefined ? this.table.findName(name) : undefined;
        if (dynName !== undefined && this.draining(dynName)) dynName = undefined;
        if (staticName !== undefined) {
          rep = { kind: 'literal-with-name-reference', neverIndex: never, table: 'static', nameIndex: staticName, value, valueHuffman };
        } else if (dynName !== undefined && usable(dynName)) {
          absoluteIndex = dynName;
          rep =
            dynName < base
              ? { kind: 'literal-with-name-reference', neverIndex: never, table: 'dynamic', nameIndex: base - 1 - dynName, value, valueHuffman }
              : { kind: 'literal-with-post-base-name-reference', neverIndex: never, nameIndex: dynName - base, value, valueHuffman };
        } else {
          rep = { kind: 'literal-with-literal-name', neverIndex: never, name, nameHuffman: this.useHuffman(name), value, valueHuffman };
        }
      }
      if (absoluteIndex !== null) used.add(absoluteIndex);
      const start = lines.length;
      encodeFieldLine(lines, rep);
      fields.push({ representation: rep, name, value, absoluteIndex, start, end: lines.length });
    }

    const requiredInsertCount = used.size > 0 ? Math.max(...used) + 1 : 0;
    const prefixWriter = new QpackWriter(8);
    encodeFieldSectionPrefix(prefixWriter, fieldSectionPrefix(requiredInsertCount, base, this.entries));
    const shift = prefixWriter.length;
    prefixWriter.bytes(lines.finish());
    const mayBlock = requiredInsertCount > this.tracking.knownReceivedCount;
    if (requiredInsertCount > 0) this.tracking.add(streamId, requiredInsertCount, [...used]);
    return {
      streamId,
      fieldSection: prefixWriter.finish(),
      encoderStreamBytes: stream.finish(),
      fields: fields.map((f) => ({ ...f, start: f.start + shift, end: f.end + shift })),
      encoderInstructions,
      requiredInsertCount,
      base: requiredInsertCount > 0 ? base : 0,
      mayBlock,
      table: this.snapshot(),
    };
  }

  /**
   * Whether an entry is close to eviction (RFC 9204 §2.1.1.1): with the table over 7/8 full, the oldest quarter
   * of it (by size) is not referenced any more, so its references drain and it can be evicted.
   */
  private draining(abs: number): boolean {
    return this.table.size > (this.capacity * 7) / 8 && this.table.sizeThrough(abs) <= this.capacity / 4;
  }

  /** Re-inserts a draining entry with Duplicate (§4.3.4) when that is allowed; returns the copy's index. */
  private duplicate(stream: QpackWriter, records: EncoderInstructionRecord[], abs: number, used: Set<number>): number | undefined {
    const entry = this.table.get(abs)!;
    if (!this.canMakeRoom(entry.size, used)) return undefined;
    return this.instruct(stream, records, { type: 'duplicate', index: this.table.insertCount - 1 - abs });
  }

  /** Whether an entry of `size` fits after evicting only evictable entries not used by this section (§2.1.1). */
  private canMakeRoom(size: number, used: Set<number>): boolean {
    const evictions = this.table.evictionsFor(size);
    return evictions !== null && evictions.every((i) => !used.has(i) && this.tracking.evictable(i));
  }

  /**
   * Inserts a field if it fits without evicting an entry that is unacknowledged, referenced by an unacknowledged
   * section, or used by this one (§2.1.1). Returns its absolute index, or undefined when it was not inserted.
   */
  private insert(stream: QpackWriter, records: EncoderInstructionRecord[], name: string, value: string, used: Set<number>): number | undefined {
    const size = entrySize(name, value);
    if (size > (this.capacity * 3) / 4) return undefined; // would flush most of the table for one field
    if (!this.canMakeRoom(size, used)) return undefined;
    const evictions = this.table.evictionsFor(size)!;
    const valueHuffman = this.useHuffman(value);
    const staticName = staticNameIndex(name);
    const dynName = staticName === undefined ? this.table.findName(name) : undefined;
    let ins: EncoderInstruction;
    if (staticName !== undefined) ins = { type: 'insert-with-name-reference', table: 'static', nameIndex: staticName, value, valueHuffman };
    else if (dynName !== undefined && !evictions.includes(dynName) && !this.draining(dynName)) {
      // §3.2.5: relative to the last entry inserted.
      ins = { type: 'insert-with-name-reference', table: 'dynamic', nameIndex: this.table.insertCount - 1 - dynName, value, valueHuffman };
    } else ins = { type: 'insert-with-literal-name', name, nameHuffman: this.useHuffman(name), value, valueHuffman };
    return this.instruct(stream, records, ins);
  }

  /** Writes an encoder instruction, applies it to the table and records it; returns the inserted index. */
  private instruct(stream: QpackWriter, records: EncoderInstructionRecord[], ins: EncoderInstruction): number | undefined {
    const before = stream.length;
    encodeEncoderInstruction(stream, ins);
    const start = this.encoderStreamOffset;
    this.encoderStreamOffset += stream.length - before;
    let result;
    if (ins.type === 'set-dynamic-table-capacity') result = { inserted: undefined, evicted: this.table.setCapacity(ins.capacity) };
    else if (ins.type === 'insert-with-literal-name') result = this.table.insert(ins.name, ins.value);
    else if (ins.type === 'insert-with-name-reference') {
      const name = ins.table === 'static' ? QPACK_STATIC_TABLE[ins.nameIndex]![0] : this.table.get(this.table.insertCount - 1 - ins.nameIndex)!.name;
      result = this.table.insert(name, ins.value);
    } else {
      const entry = this.table.get(this.table.insertCount - 1 - ins.index)!;
      result = this.table.insert(entry.name, entry.value);
    }
    records.push({ instruction: ins, start, end: this.encoderStreamOffset, ...result, table: this.snapshot() });
    return result.inserted?.absoluteIndex;
  }

  private useHuffman(text: string): boolean {
    return this.huffman === 'always' || (this.huffman === 'auto' && huffmanIsShorter(text));
  }

  /** Runs an operation; a QpackError from the decoder stream poisons the encoder (a connection error). */
  private guard<T>(op: () => T): T {
    if (this.failure) throw this.failure;
    try {
      return op();
    } catch (e) {
      if (e instanceof QpackError) this.failure = e;
      throw e;
    }
  }
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}
