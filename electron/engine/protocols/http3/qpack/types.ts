/**
 * Shapes shared by QPACK's codecs, decoder and encoder: instructions, field line representations, table
 * snapshots. All readonly; text is Latin-1 (one character per octet).
 */

/** A field line as [name, value]. */
export type HeaderField = readonly [name: string, value: string];

/** Which table a reference points into (RFC 9204 §3). */
export type TableKind = 'static' | 'dynamic';

/** Encoder instructions, sent on the encoder stream (RFC 9204 §4.3). */
export type EncoderInstruction =
  /** §4.3.1: '001' + capacity (5+). */
  | { readonly type: 'set-dynamic-table-capacity'; readonly capacity: number }
  /** §4.3.2: '1' T + name index (6+): static index, or relative index (§3.2.5) when dynamic; then the value. */
  | {
      readonly type: 'insert-with-name-reference';
      readonly table: TableKind;
      readonly nameIndex: number;
      readonly value: string;
      readonly valueHuffman: boolean;
    }
  /** §4.3.3: '01' + name (6-bit prefix string) + value. */
  | {
      readonly type: 'insert-with-literal-name';
      readonly name: string;
      readonly nameHuffman: boolean;
      readonly value: string;
      readonly valueHuffman: boolean;
    }
  /** §4.3.4: '000' + relative index (5+). */
  | { readonly type: 'duplicate'; readonly index: number };

/** Decoder instructions, sent on the decoder stream (RFC 9204 §4.4). */
export type DecoderInstruction =
  /** §4.4.1: '1' + stream id (7+). */
  | { readonly type: 'section-acknowledgment'; readonly streamId: number }
  /** §4.4.2: '01' + stream id (6+). */
  | { readonly type: 'stream-cancellation'; readonly streamId: number }
  /** §4.4.3: '00' + increment (6+). */
  | { readonly type: 'insert-count-increment'; readonly increment: number };

/** The prefix of an encoded field section as on the wire (RFC 9204 §4.5.1). */
export interface FieldSectionPrefix {
  /** Required Insert Count after the encoding of §4.5.1.1. */
  readonly encodedInsertCount: number;
  /** The S bit: Base is below the Required Insert Count (§4.5.1.2). */
  readonly sign: boolean;
  readonly deltaBase: number;
}

/** A field line representation as on the wire (RFC 9204 §4.5.2-§4.5.6). Dynamic indices are relative to Base. */
export type FieldLineRepresentation =
  /** §4.5.2: '1' T + index (6+). */
  | { readonly kind: 'indexed'; readonly table: TableKind; readonly index: number }
  /** §4.5.3: '0001' + post-base index (4+). */
  | { readonly kind: 'indexed-post-base'; readonly index: number }
  /** §4.5.4: '01' N T + name index (4+), then the value. */
  | {
      readonly kind: 'literal-with-name-reference';
      readonly neverIndex: boolean;
      readonly table: TableKind;
      readonly nameIndex: number;
      readonly value: string;
      readonly valueHuffman: boolean;
    }
  /** §4.5.5: '0000' N + post-base name index (3+), then the value. */
  | {
      readonly kind: 'literal-with-post-base-name-reference';
      readonly neverIndex: boolean;
      readonly nameIndex: number;
      readonly value: string;
      readonly valueHuffman: boolean;
    }
  /** §4.5.6: '001' N + name (4-bit prefix string), then the value. */
  | {
      readonly kind: 'literal-with-literal-name';
      readonly neverIndex: boolean;
      readonly name: string;
      readonly nameHuffman: boolean;
      readonly value: string;
      readonly valueHuffman: boolean;
    };

/** Where a representation or instruction sat: [start, end) byte offsets in its field section or stream. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A field line as decoded (or encoded): the representation, its offsets and what it resolved to. */
export interface FieldLine extends Span {
  readonly representation: FieldLineRepresentation;
  readonly name: string;
  readonly value: string;
  /** Absolute index (§3.2.4) of the dynamic entry used for the line or its name; null when none was. */
  readonly absoluteIndex: number | null;
}

/** A dynamic table entry as shown to people. */
export interface QpackTableEntry {
  /** Absolute index (RFC 9204 §3.2.4): 0 for the first entry ever inserted. */
  readonly absoluteIndex: number;
  readonly name: string;
  readonly value: string;
  /** name octets + value octets + 32 (§3.2.1). */
  readonly size: number;
  /** Encoder side: unacknowledged field sections that reference it (the "Ref" column of Appendix B). */
  readonly references?: number;
}

/** A dynamic table at one moment. */
export interface QpackTableSnapshot {
  /** Newest first (highest absolute index first), like the HPACK panel. */
  readonly entries: readonly QpackTableEntry[];
  /** Sum of entry sizes (§3.2.1). */
  readonly size: number;
  /** Current capacity, set by Set Dynamic Table Capacity (§4.3.1). */
  readonly capacity: number;
  /** SETTINGS_QPACK_MAX_TABLE_CAPACITY (§3.2.3). */
  readonly maxCapacity: number;
  /** Insertions and duplications so far (§2.1.4); the next absolute index. */
  readonly insertCount: number;
  /** Insertions the encoder knows the decoder has received (§2.1.4). */
  readonly knownReceivedCount: number;
}

/** An entry that was inserted, or evicted (§3.2.2). */
export interface QpackEntryChange {
  readonly absoluteIndex: number;
  readonly name: string;
  readonly value: string;
  readonly size: number;
}

/** An encoder instruction with its offsets in the encoder stream and what it did to the table. */
export interface EncoderInstructionRecord extends Span {
  readonly instruction: EncoderInstruction;
  /** The entry it inserted (Insert and Duplicate). */
  readonly inserted?: QpackEntryChange;
  /** Entries it evicted, oldest first. */
  readonly evicted: readonly QpackEntryChange[];
  /** The table after it. */
  readonly table: QpackTableSnapshot;
}

/** A decoder instruction with its offsets in the decoder stream. */
export interface DecoderInstructionRecord extends Span {
  readonly instruction: DecoderInstruction;
  /** Encoder side: the table (references, Known Received Count) after it. */
  readonly table?: QpackTableSnapshot;
}
