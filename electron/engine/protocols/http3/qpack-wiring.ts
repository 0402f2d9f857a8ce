/**
 * QPACK inside an HTTP/3 connection (RFC 9204 §2, §4.2): our decoder (with our SETTINGS) and our encoder (with the
 * peer's, replaced when its SETTINGS arrive; before that the defaults allow no dynamic table, §3.2.3), the bytes
 * they write to our encoder and decoder streams, and the peer's encoder and decoder streams. Every instruction
 * becomes a `qpack:instruction` trace with its raw bytes, every table change a `qpack:table_updated`.
 */
import type { H3EventQueue } from './core-events';
import { decoderInstructionData, encoderInstructionData, tableEventData } from './frame-events';
import {
  QpackDecoder,
  QpackEncoder,
  type DecodedFieldSection,
  type DecoderInstructionRecord,
  type EncodedFieldSection,
  type EncoderInstructionRecord,
  type EncoderStreamResult,
  type HeaderField,
  type QpackHuffmanMode,
} from './qpack';
import type { H3Settings } from './settings';

/** How the wiring writes to our streams. */
export interface QpackStreams {
  /** Our encoder stream's id, once open. */
  readonly encoderStreamId: number | null;
  /** Our decoder stream's id, once open. */
  readonly decoderStreamId: number | null;
  /** Writes bytes to one of our streams. */
  write(streamId: number, bytes: Uint8Array): void;
}

/** Local QPACK choices. */
export interface QpackChoices {
  /** Capacity our encoder uses, at most the peer's maximum; default min(peer maximum, 4096). */
  readonly tableCapacity?: number;
  readonly huffman?: QpackHuffmanMode;
}

/** Keeps the bytes of an incoming instruction stream from `start` so instructions can be shown with their raw bytes. */
class ByteTail {
  private buf = new Uint8Array(0);
  private start = 0;

  push(bytes: Uint8Array): void {
    const next = new Uint8Array(this.buf.length + bytes.length);
    next.set(this.buf);
    next.set(bytes, this.buf.length);
    this.buf = next;
  }

  /** The bytes at stream offsets [from, to). */
  slice(from: number, to: number): Uint8Array {
    return this.buf.slice(from - this.start, to - this.start);
  }

  /** Forgets the bytes before stream offset `offset`. */
  dropBefore(offset: number): void {
    if (offset <= this.start) return;
    this.buf = this.buf.slice(offset - this.start);
    this.start = offset;
  }
}

/** The QPACK encoder and decoder of one connection and their streams. */
export class QpackWiring {
  /** Our decoder: decodes the peer's field sections under our SETTINGS. */
  readonly decoder: QpackDecoder;
  private encoderImpl: QpackEncoder;
  private readonly encoderIn = new ByteTail();
  private readonly decoderIn = new ByteTail();

  /** @param local our settings  @param choices encoder choices  @param events trace sink  @param streams our streams */
  constructor(
    local: H3Settings,
    private readonly choices: QpackChoices,
    private readonly events: H3EventQueue,
    private readonly streams: QpackStreams,
  ) {
    this.decoder = new QpackDecoder({
      maxTableCapacity: local.qpackMaxTableCapacity,
      maxBlockedStreams: local.qpackBlockedStreams,
      ...(Number.isFinite(local.maxFieldSectionSize) ? { maxFieldSectionSize: local.maxFieldSectionSize } : {}),
    });
    this.encoderImpl = new QpackEncoder({ maxTableCapacity: 0, maxBlockedStreams: 0, huffman: choices.huffman ?? 'auto' });
  }

  /** Our encoder (as configured by the peer's SETTINGS). */
  get encoder(): QpackEncoder {
    return this.encoderImpl;
  }

  /** The peer's SETTINGS arrived: our encoder may now use a dynamic table (RFC 9204 §3.2.3). */
  applyPeerSettings(peer: H3Settings): void {
    const max = peer.qpackMaxTableCapacity;
    const capacity = Math.min(max, this.choices.tableCapacity ?? 4096);
    this.encoderImpl = new QpackEncoder({
      maxTableCapacity: max,
      maxBlockedStreams: peer.qpackBlockedStreams,
      tableCapacity: capacity,
      huffman: this.choices.huffman ?? 'auto',
    });
  }

  /** Encodes a header list for a stream, writing the encoder stream bytes it needs first. */
  encode(streamId: number, headers: readonly HeaderField[]): EncodedFieldSection {
    const encoded = this.encoderImpl.encode(streamId, headers);
    const bytes = encoded.encoderStreamBytes;
    if (bytes.length > 0 && this.streams.encoderStreamId !== null) {
      const first = encoded.encoderInstructions[0]!.start;
      this.streams.write(this.streams.encoderStreamId, bytes);
      for (const rec of encoded.encoderInstructions) this.traceEncoderInstruction(rec, 'sent', bytes.slice(rec.start - first, rec.end - first));
    }
    // RFC 9204 §2.1.1: the entries this section references stay unevictable until the decoder acknowledges it
    if (encoded.requiredInsertCount > 0) this.events.trace('qpack:table_updated', tableEventData('encoder', encoded.table, 'field_section_references'), { dir: 'sent', stream: streamId });
    return encoded;
  }

  /** Decodes a field section (HEADERS or PUSH_PROMISE payload); writes a Section Acknowledgment when one is due. */
  decode(streamId: number, fieldSection: Uint8Array): DecodedFieldSection | 'blocked' {
    const result = this.decoder.decodeFieldSection(streamId, fieldSection);
    if (result !== 'blocked') this.writeDecoderStream(result.decoderStreamBytes, result.decoderInstructions);
    return result;
  }

  /** Bytes of the peer's encoder stream: applies them and returns what they unblocked. */
  onEncoderStream(bytes: Uint8Array): EncoderStreamResult {
    this.encoderIn.push(bytes);
    const result = this.decoder.receiveEncoderStream(bytes);
    for (const rec of result.instructions) this.traceEncoderInstruction(rec, 'received', this.encoderIn.slice(rec.start, rec.end), 'decoder');
    const last = result.instructions[result.instructions.length - 1];
    if (last) this.encoderIn.dropBefore(last.end);
    this.writeDecoderStream(result.decoderStreamBytes, result.decoderInstructions);
    return result;
  }

  /** Bytes of the peer's decoder stream: acknowledgments, cancellations and increments for our encoder. */
  onDecoderStream(bytes: Uint8Array): void {
    this.decoderIn.push(bytes);
    const result = this.encoderImpl.receiveDecoderStream(bytes);
    for (const rec of result.instructions) {
      this.events.trace('qpack:instruction', decoderInstructionData(rec.instruction, rec.start, rec.end), {
        dir: 'received',
        raw: this.decoderIn.slice(rec.start, rec.end),
      });
    }
    const last = result.instructions[result.instructions.length - 1];
    if (last) {
      this.decoderIn.dropBefore(last.end);
      if (this.encoderImpl.usesDynamicTable) {
        const cause = last.instruction.type === 'section-acknowledgment' ? 'section_acknowledgement' : last.instruction.type.replace(/-/g, '_');
        this.events.trace('qpack:table_updated', tableEventData('encoder', result.table, cause), { dir: 'received' });
      }
    }
  }

  /** We stopped reading a stream before its end (RFC 9204 §2.2.2.2): Stream Cancellation. */
  cancelStream(streamId: number): void {
    const result = this.decoder.cancelStream(streamId);
    this.writeDecoderStream(result.decoderStreamBytes, result.decoderInstructions);
  }

  private writeDecoderStream(bytes: Uint8Array, records: readonly DecoderInstructionRecord[]): void {
    if (bytes.length === 0 || this.streams.decoderStreamId === null) return;
    this.streams.write(this.streams.decoderStreamId, bytes);
    const first = records[0]!.start;
    for (const rec of records) {
      this.events.trace('qpack:instruction', decoderInstructionData(rec.instruction, rec.start, rec.end), {
        dir: 'sent',
        raw: bytes.slice(rec.start - first, rec.end - first),
      });
    }
  }

  private traceEncoderInstruction(rec: EncoderInstructionRecord, dir: 'sent' | 'received', raw: Uint8Array, side: 'encoder' | 'decoder' = 'encoder'): void {
    this.events.trace('qpack:instruction', encoderInstructionData(rec.instruction, rec.start, rec.end, rec.inserted), { dir, raw });
    const cause = rec.instruction.type === 'insert-with-literal-name' ? 'insert_without_name_reference' : rec.instruction.type.replace(/-/g, '_');
    this.events.trace('qpack:table_updated', tableEventData(side, rec.table, cause, rec.inserted ? [rec.inserted] : [], rec.evicted), { dir });
  }
}
