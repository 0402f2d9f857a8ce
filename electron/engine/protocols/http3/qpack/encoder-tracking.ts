/**
 * What a QPACK encoder must remember about the decoder (RFC 9204 §2.1): the Known Received Count (§2.1.4), the
 * field sections not yet acknowledged with the entries they reference (§2.1.1: those entries cannot be evicted),
 * and which streams could become blocked (§2.1.2). Updated by the decoder stream instructions (§4.4).
 */
import { QPACK_ERROR_CODES, QpackError } from './errors';
import type { DecoderInstruction } from './types';

/** A field section sent with dynamic references and not yet acknowledged. */
interface OutstandingSection {
  readonly requiredInsertCount: number;
  /** Absolute indices referenced (each once). */
  readonly references: readonly number[];
}

/** The encoder's view of the decoder's progress. */
export class EncoderTracking {
  /** Inserts the decoder is known to have received (§2.1.4). */
  knownReceivedCount = 0;
  /** Unacknowledged sections per stream, oldest first. */
  private readonly sections = new Map<number, OutstandingSection[]>();
  /** Absolute index -> number of unacknowledged sections that reference it. */
  private readonly refs = new Map<number, number>();

  /** Unacknowledged sections that reference this entry. */
  references(absoluteIndex: number): number {
    return this.refs.get(absoluteIndex) ?? 0;
  }

  /**
   * Whether the entry may be evicted (§2.1.1): its insertion is acknowledged and no unacknowledged section
   * references it.
   */
  evictable(absoluteIndex: number): boolean {
    return absoluteIndex < this.knownReceivedCount && !this.refs.has(absoluteIndex);
  }

  /** Whether the stream has a section the decoder might be blocked on (Required Insert Count > KRC, §2.1.2). */
  isBlocking(streamId: number): boolean {
    return (this.sections.get(streamId) ?? []).some((s) => s.requiredInsertCount > this.knownReceivedCount);
  }

  /** Streams that could be blocked at the decoder now (§2.1.2). */
  blockingStreams(): number {
    let n = 0;
    for (const id of this.sections.keys()) if (this.isBlocking(id)) n++;
    return n;
  }

  /** Records a section sent with a non-zero Required Insert Count. */
  add(streamId: number, requiredInsertCount: number, references: readonly number[]): void {
    const list = this.sections.get(streamId) ?? [];
    list.push({ requiredInsertCount, references });
    this.sections.set(streamId, list);
    for (const r of references) this.refs.set(r, (this.refs.get(r) ?? 0) + 1);
  }

  /**
   * Applies a decoder instruction (§4.4). `insertCount` is how many inserts the encoder has sent; `at` is the
   * instruction's offset in the decoder stream, for errors (QPACK_DECODER_STREAM_ERROR).
   */
  apply(ins: DecoderInstruction, insertCount: number, at: number): void {
    const fail = (reason: string): never => {
      throw new QpackError(QPACK_ERROR_CODES.QPACK_DECODER_STREAM_ERROR, reason, at);
    };
    switch (ins.type) {
      case 'section-acknowledgment': {
        // §4.4.1: it acknowledges the earliest unacknowledged section with dynamic references on the stream.
        const list = this.sections.get(ins.streamId);
        const section = list?.shift();
        if (!section) return fail(`Section Acknowledgment for stream ${ins.streamId}, which has no unacknowledged field section`);
        if (list!.length === 0) this.sections.delete(ins.streamId);
        this.release(section);
        // §2.1.4: the decoder has every insert the section needed.
        this.knownReceivedCount = Math.max(this.knownReceivedCount, section.requiredInsertCount);
        return;
      }
      case 'stream-cancellation': {
        // §4.4.2: references on the stream are no longer outstanding; unknown streams are fine.
        for (const section of this.sections.get(ins.streamId) ?? []) this.release(section);
        this.sections.delete(ins.streamId);
        return;
      }
      case 'insert-count-increment':
        // §4.4.3: zero, or beyond what was sent, is QPACK_DECODER_STREAM_ERROR.
        if (ins.increment === 0) return fail('Insert Count Increment of 0');
        if (this.knownReceivedCount + ins.increment > insertCount) {
          return fail(`Insert Count Increment of ${ins.increment} takes the Known Received Count past the ${insertCount} inserts sent`);
        }
        this.knownReceivedCount += ins.increment;
        return;
      default: {
        const never: never = ins;
        throw new Error(`unknown decoder instruction ${JSON.stringify(never)}`);
      }
    }
  }

  private release(section: OutstandingSection): void {
    for (const r of section.references) {
      const n = (this.refs.get(r) ?? 0) - 1;
      if (n <= 0) this.refs.delete(r);
      else this.refs.set(r, n);
    }
  }
}
