/**
 * Shapes shared by the HPACK decoder and encoder: what each field representation was, and the dynamic table.
 */

/** A header field as [name, value], Latin-1 text (one character per octet). */
export type HeaderField = readonly [name: string, value: string];

/** The five kinds of representation in a header block (RFC 7541 §6). */
export type FieldKind =
  | 'indexed' // §6.1
  | 'literal-incremental' // §6.2.1
  | 'literal-without-indexing' // §6.2.2
  | 'literal-never-indexed' // §6.2.3
  | 'size-update'; // §6.3

/** Which table an index points into: 1..61 static (RFC 7541 Appendix A), 62.. dynamic (§2.3.3). */
export type TableKind = 'static' | 'dynamic';

/** Byte range [start, end) of a representation within its header block, for highlighting. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** An Indexed Header Field (RFC 7541 §6.1). */
export interface IndexedField extends Span {
  readonly kind: 'indexed';
  readonly index: number;
  readonly table: TableKind;
  readonly name: string;
  readonly value: string;
}

/** A Literal Header Field of one of the three kinds (RFC 7541 §6.2). */
export interface LiteralField extends Span {
  readonly kind: 'literal-incremental' | 'literal-without-indexing' | 'literal-never-indexed';
  readonly name: string;
  readonly value: string;
  /** The index the name came from, or null for a literal name. */
  readonly nameIndex: number | null;
  /** The table of nameIndex, or null for a literal name. */
  readonly nameTable: TableKind | null;
  /** Whether the literal name was Huffman coded (null when the name was indexed). */
  readonly nameHuffman: boolean | null;
  /** Whether the value was Huffman coded. */
  readonly valueHuffman: boolean;
}

/** A Dynamic Table Size Update (RFC 7541 §6.3). */
export interface SizeUpdateField extends Span {
  readonly kind: 'size-update';
  readonly maxSize: number;
}

/** One representation in a header block, as decoded (or as encoded by HpackEncoder). */
export type DecodedField = IndexedField | LiteralField | SizeUpdateField;

/** A dynamic table entry as shown to people. */
export interface TableEntry {
  /** Its HPACK index at the time of the snapshot (62 is the newest). */
  readonly index: number;
  readonly name: string;
  readonly value: string;
  /** name octets + value octets + 32 (RFC 7541 §4.1). */
  readonly size: number;
}

/** The dynamic table at one moment. */
export interface TableSnapshot {
  /** Newest first: index 62, 63, ... */
  readonly entries: readonly TableEntry[];
  /** Sum of entry sizes (RFC 7541 §4.1). */
  readonly size: number;
  /** The table's current maximum size (set by the last size update, §4.2). */
  readonly maxSize: number;
  /** The upper bound for maxSize (SETTINGS_HEADER_TABLE_SIZE, §4.2). */
  readonly limit: number;
}

/** An entry that left the table, and which field (index into `fields`) pushed it out. */
export interface EvictedEntry {
  readonly name: string;
  readonly value: string;
  readonly size: number;
  readonly byField: number;
}

/** An entry added to the table, and which field (index into `fields`) added it. */
export interface InsertedEntry {
  readonly name: string;
  readonly value: string;
  readonly size: number;
  readonly byField: number;
}

/** The result of decoding (or encoding) one header block. */
export interface DecodedBlock {
  /** The header list, in order. */
  readonly headers: HeaderField[];
  /** Every representation in the block, size updates included, in order. */
  readonly fields: DecodedField[];
  /** The dynamic table after the block. */
  readonly table: TableSnapshot;
  /** Entries evicted while processing the block, oldest first. */
  readonly evicted: EvictedEntry[];
  /** Entries inserted while processing the block, in order (some may have been evicted again). */
  readonly inserted: InsertedEntry[];
}
