/**
 * The QPACK decoder (RFC 9204 §2.2): reads the peer's encoder stream into the dynamic table, decodes field
 * sections (holding back blocked ones, §2.2.1) and writes the decoder stream (Section Acknowledgment, Stream
 * Cancellation, Insert Count Increment, §2.2.2). Sans-IO: bytes in, decoded sections and bytes to send out.
 * Bad input throws QpackError, and then the decoder refuses everything (the connection is closing).
 */
import { QpackReader, QpackWriter } from './cursor';
import { encodeDecoderInstruction } from './decoder-instructions';
import { decodeFieldLines } from './decoder-section';
import { DynamicTable, ENTRY_OVERHEAD, entrySize } from './dynamic-table';
import { decodeEncoderInstruction } from './encoder-instructions';
import { QPACK_ERROR_CODES, QpackError, QpackFieldSectionTooLargeError, QpackUsageError } from './errors';
import { decodeFieldSectionPrefix } from './field-lines';
import { InstructionStream } from './instruction-stream';
import { decodeBase, decodeRequiredInsertCount, maxEntries } from './required-insert-count';
import { QPACK_STATIC_TABLE } from './static-table.generated';
import type {
  DecoderInstruction,
  DecoderInstructionRecord,
  EncoderInstruction,
  EncoderInstructionRecord,
  FieldLine,
  HeaderField,
  QpackEntryChange,
  QpackTableSnapshot,
} from './types';

const { QPACK_DECOMPRESSION_FAILED, QPACK_ENCODER_STREAM_ERROR } = QPACK_ERROR_CODES;

/** Default limit on a decoded field section: 1 MiB of name + value + 32 per line. */
export const DEFAULT_MAX_FIELD_SECTION_SIZE = 1 << 20;

/** Decoder settings: what this endpoint advertises in its SETTINGS (RFC 9204 §5, RFC 9114 §7.2.4.1). */
export interface QpackDecoderOptions {
  /** SETTINGS_QPACK_MAX_TABLE_CAPACITY: the most the peer's encoder may set the capacity to (§3.2.3). */
  readonly maxTableCapacity: number;
  /** SETTINGS_QPACK_BLOCKED_STREAMS: how many streams may wait for encoder stream data at once (§2.1.2). */
  readonly maxBlockedStreams: number;
  /** SETTINGS_MAX_FIELD_SECTION_SIZE (RFC 9114 §4.2.2); default DEFAULT_MAX_FIELD_SECTION_SIZE. */
  readonly maxFieldSectionSize?: number;
  /**
   * The dynamic table capacity before any Set Dynamic Table Capacity; default 0 (RFC 9204 §3.2.2). Drafts up
   * to draft-ietf-quic-qpack-05 started at the maximum: set maxTableCapacity here for such peers (the qifs corpus).
   */
  readonly initialTableCapacity?: number;
  /** Send Insert Count Increment after encoder stream data (§2.2.2.3); default true. */
  readonly insertCountIncrement?: boolean;
}

/** A decoded field section. */
export interface DecodedFieldSection {
  readonly streamId: number;
  /** The field lines, in order. */
  readonly headers: HeaderField[];
  /** Every representation, with offsets in the section and what it resolved to. */
  readonly fields: FieldLine[];
  readonly requiredInsertCount: number;
  readonly base: number;
  /** Decoded size: name + value + 32 per line (RFC 9114 §4.2.2). */
  readonly size: number;
  /** Whether it waited for encoder stream data (§2.2.1). */
  readonly wasBlocked: boolean;
  /** Decoder stream bytes to send now (a Section Acknowledgment when the Required Insert Count is not 0). */
  readonly decoderStreamBytes: Uint8Array;
  /** The instructions in decoderStreamBytes, with their offsets in the decoder stream. */
  readonly decoderInstructions: DecoderInstructionRecord[];
}

/** What a piece of encoder stream did. */
export interface EncoderStreamResult {
  /** Whole instructions decoded, with offsets in the encoder stream and the table after each. */
  readonly instructions: EncoderInstructionRecord[];
  /** Sections that were blocked and are now decoded, in the order they unblocked. */
  readonly unblocked: DecodedFieldSection[];
  /**
   * Unblocked sections over maxFieldSectionSize (their streams' other blocked sections are dropped too): the
   * HTTP/3 layer answers or resets those streams and calls cancelStream.
   */
  readonly tooLarge: QpackFieldSectionTooLargeError[];
  /** Decoder stream bytes to send now: the unblocked sections' acknowledgments, then Insert Count Increment. */
  readonly decoderStreamBytes: Uint8Array;
  /** The instructions in decoderStreamBytes. */
  readonly decoderInstructions: DecoderInstructionRecord[];
  /** The table after all of it. */
  readonly table: QpackTableSnapshot;
}

/** Decoder stream output of cancelStream. */
export interface CancelResult {
  readonly decoderStreamBytes: Uint8Array;
  readonly decoderInstructions: DecoderInstructionRecord[];
}

/** A field section waiting for encoder stream data. */
interface BlockedSection {
  readonly bytes: Uint8Array;
  readonly requiredInsertCount: number;
  readonly base: number;
  readonly linesStart: number;
}

/** The QPACK decoder of one HTTP/3 connection. */
export class QpackDecoder {
  private readonly table: DynamicTable;
  private readonly entries: number;
  private readonly maxFieldSectionSize: number;
  private readonly sendIncrements: boolean;
  private readonly encoderStream: InstructionStream<EncoderInstruction>;
  /** Inserts the encoder knows of: acknowledged sections and Insert Count Increments sent (§2.1.4). */
  private knownReceivedCount = 0;
  /** Bytes written to the decoder stream so far. */
  private decoderStreamOffset = 0;
  /** Blocked sections per stream, in arrival order (Map order = order streams became blocked). */
  private readonly blocked = new Map<number, BlockedSection[]>();
  private failure: QpackError | null = null;

  /** @param options this endpoint's QPACK settings */
  constructor(readonly options: QpackDecoderOptions) {
    const { maxTableCapacity, maxBlockedStreams } = options;
    if (!isCount(maxTableCapacity) || !isCount(maxBlockedStreams)) throw new QpackUsageError('maxTableCapacity and maxBlockedStreams must be non-negative integers');
    this.table = new DynamicTable(maxTableCapacity);
    const initial = options.initialTableCapacity ?? 0;
    if (!isCount(initial) || initial > maxTableCapacity) throw new QpackUsageError('initialTableCapacity must be an integer from 0 to maxTableCapacity');
    this.table.setCapacity(initial);
    this.entries = maxEntries(maxTableCapacity);
    this.maxFieldSectionSize = options.maxFieldSectionSize ?? DEFAULT_MAX_FIELD_SECTION_SIZE;
    this.sendIncrements = options.insertCountIncrement ?? true;
    this.encoderStream = new InstructionStream(QPACK_ENCODER_STREAM_ERROR, (reader) =>
      decodeEncoderInstruction(reader, {
        maxEntryOctets: Math.max(0, this.table.capacity - ENTRY_OVERHEAD),
        dynamicEntries: this.table.length,
      }),
    );
  }

  /** The dynamic table now. */
  snapshot(): QpackTableSnapshot {
    return this.table.snapshot(this.knownReceivedCount);
  }

  /** Streams with blocked field sections, in the order they blocked. */
  blockedStreams(): number[] {
    return [...this.blocked.keys()];
  }

  /** Bytes of encoder stream received but held back because they end inside an instruction. */
  get bufferedEncoderStreamBytes(): number {
    return this.encoderStream.buffered;
  }

  /**
   * Takes bytes of the peer's encoder stream (any split): applies each whole instruction to the dynamic table
   * (§4.3) and decodes the sections that this unblocks. Throws QpackError (QPACK_ENCODER_STREAM_ERROR for a bad
   * instruction; QPACK_DECOMPRESSION_FAILED for a bad unblocked section).
   */
  receiveEncoderStream(bytes: Uint8Array): EncoderStreamResult {
    return this.guard(() => {
      this.encoderStream.push(bytes);
      const instructions: EncoderInstructionRecord[] = [];
      for (let item = this.encoderStream.next(); item; item = this.encoderStream.next()) {
        const { inserted, evicted } = this.apply(item.value, item.start);
        instructions.push({ instruction: item.value, start: item.start, end: item.end, inserted, evicted, table: this.snapshot() });
      }
      const out = new QpackWriter();
      const decoderInstructions: DecoderInstructionRecord[] = [];
      const tooLarge: QpackFieldSectionTooLargeError[] = [];
      const unblocked = this.drainBlocked(tooLarge);
      for (const section of unblocked) {
        out.bytes(section.decoderStreamBytes);
        decoderInstructions.push(...section.decoderInstructions);
      }
      if (this.sendIncrements && this.table.insertCount > this.knownReceivedCount) {
        // §4.4.3: raise the Known Received Count to every insert processed so far.
        const increment = this.table.insertCount - this.knownReceivedCount;
        this.knownReceivedCount = this.table.insertCount;
        decoderInstructions.push(this.emit(out, { type: 'insert-count-increment', increment }));
      }
      return { instructions, unblocked, tooLarge, decoderStreamBytes: out.finish(), decoderInstructions, table: this.snapshot() };
    });
  }

  /**
   * Decodes one encoded field section (the payload of a HEADERS frame) received on `streamId`. Returns 'blocked'
   * when it needs encoder stream data not received yet (§2.2.1); it then comes out of receiveEncoderStream.
   * Throws QpackError (QPACK_DECOMPRESSION_FAILED), or QpackFieldSectionTooLargeError for a stream-level limit.
   */
  decodeFieldSection(streamId: number, bytes: Uint8Array): DecodedFieldSection | 'blocked' {
    checkStreamId(streamId);
    return this.guard(() => {
      const reader: QpackReader = new QpackReader(bytes, QPACK_DECOMPRESSION_FAILED, true);
      const prefix = decodeFieldSectionPrefix(reader);
      const ric = decodeRequiredInsertCount(prefix.encodedInsertCount, this.entries, this.table.insertCount);
      if (ric === null) reader.fail(`encoded Required Insert Count ${prefix.encodedInsertCount} is invalid (MaxEntries ${this.entries})`, 0);
      const base = decodeBase(prefix, ric);
      if (base === null) reader.fail(`negative Base: Required Insert Count ${ric}, Delta Base ${prefix.deltaBase} with the sign bit`, 0);
      const section: BlockedSection = { bytes, requiredInsertCount: ric, base, linesStart: reader.pos };
      const queue = this.blocked.get(streamId);
      if (ric <= this.table.insertCount && !queue) return this.finish(streamId, section, false);
      if (queue) {
        queue.push({ ...section, bytes: bytes.slice() });
        return 'blocked';
      }
      // §2.1.2: more blocked streams than promised is QPACK_DECOMPRESSION_FAILED.
      if (this.blocked.size >= this.options.maxBlockedStreams) {
        reader.fail(`stream ${streamId} would be blocked stream number ${this.blocked.size + 1}, over SETTINGS_QPACK_BLOCKED_STREAMS = ${this.options.maxBlockedStreams}`, 0);
      }
      this.blocked.set(streamId, [{ ...section, bytes: bytes.slice() }]);
      return 'blocked';
    });
  }

  /**
   * The stream was reset or its reading abandoned (§2.2.2.2): forgets its blocked sections and writes a Stream
   * Cancellation, unless the maximum table capacity is 0 (then it MAY be omitted, and is).
   */
  cancelStream(streamId: number): CancelResult {
    checkStreamId(streamId);
    return this.guard(() => {
      this.blocked.delete(streamId);
      const out = new QpackWriter();
      const decoderInstructions = this.table.maxCapacity === 0 ? [] : [this.emit(out, { type: 'stream-cancellation', streamId })];
      return { decoderStreamBytes: out.finish(), decoderInstructions };
    });
  }

  /** Applies one encoder instruction (§4.3) at stream offset `at`. */
  private apply(ins: EncoderInstruction, at: number): { inserted?: QpackEntryChange; evicted: QpackEntryChange[] } {
    const fail = (reason: string): never => {
      throw new QpackError(QPACK_ENCODER_STREAM_ERROR, reason, at);
    };
    if (ins.type === 'set-dynamic-table-capacity') {
      // §4.3.1: over the maximum is QPACK_ENCODER_STREAM_ERROR.
      if (ins.capacity > this.table.maxCapacity) fail(`capacity ${ins.capacity} exceeds SETTINGS_QPACK_MAX_TABLE_CAPACITY = ${this.table.maxCapacity}`);
      return { evicted: this.table.setCapacity(ins.capacity) };
    }
    let name: string;
    let value: string;
    if (ins.type === 'insert-with-literal-name') {
      ({ name, value } = ins);
    } else if (ins.type === 'insert-with-name-reference' && ins.table === 'static') {
      const entry = QPACK_STATIC_TABLE[ins.nameIndex];
      if (!entry) return fail(`static table index ${ins.nameIndex} does not exist`); // §3.1
      name = entry[0];
      value = ins.value;
    } else {
      // §3.2.5: in encoder instructions, relative index 0 is the most recently inserted entry.
      const relative = ins.type === 'duplicate' ? ins.index : ins.nameIndex;
      const entry = this.table.get(this.table.insertCount - 1 - relative);
      if (!entry) return fail(`relative index ${relative} does not name an entry in the dynamic table (§2.2.3)`);
      name = entry.name;
      value = ins.type === 'duplicate' ? entry.value : ins.value;
    }
    // §3.2.2: an entry larger than the capacity is QPACK_ENCODER_STREAM_ERROR.
    const size = entrySize(name, value);
    if (size > this.table.capacity) fail(`entry of ${size} octets is larger than the dynamic table capacity ${this.table.capacity}`);
    return this.table.insert(name, value);
  }

  /** Decodes the blocked sections the insert count now allows, stream by stream in the order they blocked. */
  private drainBlocked(tooLarge: QpackFieldSectionTooLargeError[]): DecodedFieldSection[] {
    const out: DecodedFieldSection[] = [];
    for (const [streamId, queue] of this.blocked) {
      try {
        while (queue.length > 0 && queue[0]!.requiredInsertCount <= this.table.insertCount) out.push(this.finish(streamId, queue.shift()!, true));
      } catch (e) {
        if (!(e instanceof QpackFieldSectionTooLargeError)) throw e;
        tooLarge.push(e);
        queue.length = 0;
      }
      if (queue.length === 0) this.blocked.delete(streamId);
    }
    return out;
  }

  /** Decodes the field lines of a section that is not blocked, and acknowledges it (§2.2.2.1). */
  private finish(streamId: number, s: BlockedSection, wasBlocked: boolean): DecodedFieldSection {
    const reader = new QpackReader(s.bytes, QPACK_DECOMPRESSION_FAILED, true, 0, s.linesStart);
    const lines = decodeFieldLines(reader, {
      streamId,
      table: this.table,
      requiredInsertCount: s.requiredInsertCount,
      base: s.base,
      maxSize: this.maxFieldSectionSize,
    });
    const out = new QpackWriter();
    const decoderInstructions: DecoderInstructionRecord[] = [];
    if (s.requiredInsertCount > 0) {
      decoderInstructions.push(this.emit(out, { type: 'section-acknowledgment', streamId }));
      // §2.1.4: an acknowledged section raises the Known Received Count to its Required Insert Count.
      this.knownReceivedCount = Math.max(this.knownReceivedCount, s.requiredInsertCount);
    }
    return {
      streamId,
      ...lines,
      requiredInsertCount: s.requiredInsertCount,
      base: s.base,
      wasBlocked,
      decoderStreamBytes: out.finish(),
      decoderInstructions,
    };
  }

  private emit(out: QpackWriter, instruction: DecoderInstruction): DecoderInstructionRecord {
    const before = out.length;
    encodeDecoderInstruction(out, instruction);
    const start = this.decoderStreamOffset;
    this.decoderStreamOffset += out.length - before;
    return { instruction, start, end: this.decoderStreamOffset };
  }

  /** Runs an operation; a QpackError poisons the decoder (RFC 9204 §6: these are connection errors). */
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

function checkStreamId(streamId: number): void {
  if (!isCount(streamId)) throw new QpackUsageError(`stream id ${streamId} is not a non-negative integer`);
}
