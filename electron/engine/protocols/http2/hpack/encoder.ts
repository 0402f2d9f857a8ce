/**
 * The HPACK encoder (RFC 7541 §3.1, §6). One instance is one encoding context: every header block it makes must
 * be sent, in order, on the same connection.
 */
import { ByteWriter } from './cursor';
import { DynamicTable, STATIC_TABLE_LENGTH, entrySize } from './dynamic-table';
import { HpackUsageError } from './errors';
import { MAX_HPACK_INTEGER, encodeInteger } from './integer';
import { staticFindName, staticFindPair } from './static-index';
import { encodeString, type HuffmanMode } from './string';
import type { DecodedBlock, DecodedField, EvictedEntry, HeaderField, InsertedEntry, LiteralField, TableKind, TableSnapshot } from './types';

/** How one field is represented when it is not sent as an index (RFC 7541 §6.2). */
export type IndexingDecision = 'incremental' | 'without-indexing' | 'never-indexed';

/**
 * Which literal representation to use for fields with no exact table match. 'incremental' (the default) adds
 * every field that fits in the table; a function decides per field. Sensitive fields are never indexed whatever
 * the policy says.
 */
export type IndexingPolicy = 'incremental' | 'without-indexing' | ((name: string, value: string) => IndexingDecision);

/** Options of an HpackEncoder. */
export interface HpackEncoderOptions {
  /** The dynamic table size both ends start with (the peer's SETTINGS_HEADER_TABLE_SIZE). Default 4096. */
  readonly maxTableSize?: number;
  /** Huffman coding of string literals. Default 'auto' (only when strictly shorter). */
  readonly huffman?: HuffmanMode;
  /** Indexing policy. Default 'incremental'. */
  readonly indexing?: IndexingPolicy;
  /** Fields always sent never-indexed. Default isSensitiveByDefault; per-call `sensitive` adds to it. */
  readonly isSensitive?: (name: string, value: string) => boolean;
}

/** Options of one encode call. */
export interface EncodeOptions {
  /** Names (compared lower-cased) or a predicate for fields to send never-indexed (RFC 7541 §7.1.3). */
  readonly sensitive?: readonly string[] | ((name: string, value: string) => boolean);
}

/** What the encoder produced for one header block: the bytes plus the same account a decoder gives. */
export interface EncodedBlock extends DecodedBlock {
  readonly bytes: Uint8Array;
}

/**
 * Fields sent never-indexed unless the caller says otherwise (RFC 7541 §7.1.3): credentials, and short cookies,
 * whose values are guessable by a CRIME-style attack through the table.
 */
export function isSensitiveByDefault(name: string, value: string): boolean {
  switch (name) {
    case 'authorization':
    case 'proxy-authorization':
    case 'set-cookie':
      return true;
    case 'cookie':
      return value.length < 20;
    default:
      return false;
  }
}

/** Encodes header lists into header blocks, keeping its dynamic table in step with the peer's decoder. */
export class HpackEncoder {
  private readonly table: DynamicTable;
  private readonly huffman: HuffmanMode;
  private readonly indexing: IndexingPolicy;
  private readonly isSensitive: (name: string, value: string) => boolean;
  /** Sizes set by setMaxTableSize since the last block: smallest and last (RFC 7541 §4.2). */
  private pendingMin: number | null = null;
  private pendingFinal: number | null = null;
  /** The peer's SETTINGS_HEADER_TABLE_SIZE as last told. */
  private limit: number;
  /** The account of the last encode call, or null before the first. */
  lastBlock: EncodedBlock | null = null;

  /** @param options initial table size, Huffman mode, indexing policy */
  constructor(options: HpackEncoderOptions = {}) {
    this.limit = checkSize(options.maxTableSize ?? 4096);
    this.table = new DynamicTable(this.limit);
    this.huffman = options.huffman ?? 'auto';
    this.indexing = options.indexing ?? 'incremental';
    this.isSensitive = options.isSensitive ?? isSensitiveByDefault;
    if (!['auto', 'always', 'never'].includes(this.huffman)) throw new HpackUsageError(`unknown huffman mode ${String(this.huffman)}`);
  }

  /**
   * Changes the dynamic table's maximum size. `limit` is the peer's SETTINGS_HEADER_TABLE_SIZE when that is what
   * changed (the size may not exceed it; an encoder may choose less). The next block starts with the size
   * update(s): the smallest size set since the last block, then the final one (RFC 7541 §4.2).
   */
  setMaxTableSize(maxSize: number, limit = this.limit): void {
    checkSize(maxSize);
    checkSize(limit);
    if (maxSize > limit) throw new HpackUsageError(`table size ${maxSize} is above the peer's limit of ${limit}`);
    this.limit = limit;
    this.pendingMin = Math.min(this.pendingMin ?? maxSize, maxSize);
    this.pendingFinal = maxSize;
  }

  /** The dynamic table now (maxSize changes when the size update is sent, with the next block). */
  snapshot(): TableSnapshot {
    return this.table.snapshot(this.limit);
  }

  /** Encodes a header list into one header block; `lastBlock` tells what was done per field. */
  encode(headers: readonly HeaderField[], options: EncodeOptions = {}): Uint8Array {
    return this.encodeBlock(headers, options).bytes;
  }

  /** Encodes a header list into one header block and returns the bytes with a per-field account. */
  encodeBlock(headers: readonly HeaderField[], options: EncodeOptions = {}): EncodedBlock {
    for (const [name, value] of headers) {
      if (!isLatin1(name) || !isLatin1(value)) throw new HpackUsageError(`header ${JSON.stringify(name)} has a character above U+00FF`);
    }
    const sensitive = sensitivePredicate(options.sensitive, this.isSensitive);
    const w = new ByteWriter(64);
    const fields: DecodedField[] = [];
    const evicted: EvictedEntry[] = [];
    const inserted: InsertedEntry[] = [];
    const onEvict = (name: string, value: string, size: number): void => {
      evicted.push({ name, value, size, byField: fields.length });
    };

    if (this.pendingFinal !== null) {
      const sizes = this.pendingMin! < this.pendingFinal ? [this.pendingMin!, this.pendingFinal] : [this.pendingFinal];
      for (const maxSize of sizes) {
        const start = w.length;
        encodeInteger(w, maxSize, 5, 0x20); // RFC 7541 §6.3
        this.table.setMaxSize(maxSize, onEvict);
        fields.push({ kind: 'size-update', start, end: w.length, maxSize });
      }
      this.pendingMin = this.pendingFinal = null;
    }

    for (const [name, value] of headers) {
      const start = w.length;
      const secret = sensitive(name, value);
      if (!secret) {
        const exact = this.findPair(name, value);
        if (exact) {
          encodeInteger(w, exact.index, 7, 0x80); // RFC 7541 §6.1
          fields.push({ kind: 'indexed', start, end: w.length, index: exact.index, table: exact.table, name, value });
          continue;
        }
      }
      const kind = LITERAL_KIND[secret ? 'never-indexed' : this.literalKind(name, value)];
      const nameRef = this.findName(name);
      // RFC 7541 §6.2.1 (01, 6-bit prefix), §6.2.2 (0000, 4-bit), §6.2.3 (0001, 4-bit)
      const [prefix, flags] = kind === 'literal-incremental' ? [6, 0x40] : kind === 'literal-never-indexed' ? [4, 0x10] : [4, 0x00];
      encodeInteger(w, nameRef?.index ?? 0, prefix, flags);
      const nameHuffman = nameRef ? null : encodeString(w, name, this.huffman);
      const valueHuffman = encodeString(w, value, this.huffman);
      const field: LiteralField = {
        kind,
        start,
        end: w.length,
        name,
        value,
        nameIndex: nameRef?.index ?? null,
        nameTable: nameRef?.table ?? null,
        nameHuffman,
        valueHuffman,
      };
      if (kind === 'literal-incremental' && this.table.add(name, value, onEvict)) {
        inserted.push({ name, value, size: entrySize(name, value), byField: fields.length });
      }
      fields.push(field);
    }
    const block: EncodedBlock = {
      bytes: w.finish(),
      headers: headers.map(([n, v]) => [n, v] as const),
      fields,
      table: this.snapshot(),
      evicted,
      inserted,
    };
    this.lastBlock = block;
    return block;
  }

  private literalKind(name: string, value: string): IndexingDecision {
    const policy = this.indexing;
    if (typeof policy === 'function') {
      const decision = policy(name, value);
      if (!(decision in LITERAL_KIND)) throw new HpackUsageError(`indexing policy returned ${String(decision)}`);
      return decision;
    }
    if (policy === 'without-indexing') return 'without-indexing';
    // An entry larger than the table would only empty it (RFC 7541 §4.4): not worth it.
    return entrySize(name, value) <= this.table.maxSize ? 'incremental' : 'without-indexing';
  }

  /** Exact match, static first (smaller index), then dynamic. */
  private findPair(name: string, value: string): { index: number; table: TableKind } | null {
    const s = staticFindPair(name, value);
    if (s) return { index: s, table: 'static' };
    const d = this.table.findPair(name, value);
    return d ? { index: STATIC_TABLE_LENGTH + d, table: 'dynamic' } : null;
  }

  /** Name match, static first, then dynamic. */
  private findName(name: string): { index: number; table: TableKind } | null {
    const s = staticFindName(name);
    if (s) return { index: s, table: 'static' };
    const d = this.table.findName(name);
    return d ? { index: STATIC_TABLE_LENGTH + d, table: 'dynamic' } : null;
  }
}

const LITERAL_KIND: Record<IndexingDecision, LiteralField['kind']> = {
  incremental: 'literal-incremental',
  'without-indexing': 'literal-without-indexing',
  'never-indexed': 'literal-never-indexed',
};

type FieldPredicate = (name: string, value: string) => boolean;

function sensitivePredicate(option: EncodeOptions['sensitive'], base: FieldPredicate): FieldPredicate {
  if (typeof option === 'function') return (n, v) => option(n, v) || base(n, v);
  if (!option || option.length === 0) return base;
  const names = new Set(option.map((n) => n.toLowerCase()));
  return (n, v) => names.has(n.toLowerCase()) || base(n, v);
}

function isLatin1(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[^\u0000-\u00ff]/.test(s);
}

function checkSize(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_HPACK_INTEGER) throw new HpackUsageError(`table size must be an integer in 0..2^32-1, got ${n}`);
  return n;
}
