/**
 * The HPACK decoder (RFC 7541 §3.2, §6). One instance is one decoding context: feed it every header block the
 * peer sends on the connection, in order. An inspector watching the other side of a connection uses a decoder
 * too, fed that side's blocks ("passive" decoding needs nothing more).
 */
import { ByteReader } from './cursor';
import { DynamicTable, STATIC_TABLE_LENGTH, entrySize } from './dynamic-table';
import { HpackError, HpackHeaderListTooLargeError, HpackUsageError } from './errors';
import { MAX_HPACK_INTEGER, decodeInteger } from './integer';
import { staticEntry } from './static-index';
import { decodeString } from './string';
import type { DecodedBlock, DecodedField, EvictedEntry, HeaderField, InsertedEntry, LiteralField, TableKind, TableSnapshot } from './types';

/** Options of an HpackDecoder. */
export interface HpackDecoderOptions {
  /** SETTINGS_HEADER_TABLE_SIZE this side advertised; also the table's initial maximum size. Default 4096. */
  readonly maxTableSize?: number;
  /** Largest header list accepted (RFC 9113 §6.5.2, name + value + 32 per field). Default 65536. */
  readonly maxHeaderListSize?: number;
}

/** Header list accounting overhead per field (RFC 9113 §6.5.2). */
const FIELD_OVERHEAD = 32;

/** Decodes header blocks, keeping the dynamic table in step with the peer's encoder. */
export class HpackDecoder {
  private readonly table: DynamicTable;
  private limit: number;
  private readonly maxHeaderListSize: number;
  /** Smallest limit set since the last block when it went below the table's size: an update must follow. */
  private requiredUpdate: number | null = null;
  private failure: HpackError | null = null;

  /** @param options table size limit and header list size limit */
  constructor(options: HpackDecoderOptions = {}) {
    this.limit = checkSize(options.maxTableSize ?? 4096, 'maxTableSize');
    this.maxHeaderListSize = checkSize(options.maxHeaderListSize ?? 65536, 'maxHeaderListSize');
    this.table = new DynamicTable(this.limit);
  }

  /**
   * Applies a new SETTINGS_HEADER_TABLE_SIZE (once the peer has acknowledged it). When the new limit is below
   * the table's current maximum, the next block must start with a size update at or below it (RFC 7541 §4.2).
   */
  setMaxTableSize(limit: number): void {
    this.limit = checkSize(limit, 'maxTableSize');
    if (limit < this.table.maxSize) this.requiredUpdate = Math.min(this.requiredUpdate ?? limit, limit);
  }

  /** The dynamic table now. */
  snapshot(): TableSnapshot {
    return this.table.snapshot(this.limit);
  }

  /**
   * Decodes one complete header block. Throws HpackError (COMPRESSION_ERROR; the decoder is unusable after it)
   * or HpackHeaderListTooLargeError (the block was fully processed; the decoder stays usable). Nothing else.
   */
  decode(block: Uint8Array): DecodedBlock {
    if (this.failure) throw new HpackError(`decoder failed earlier: ${this.failure.reason}`, 0);
    const reader = new ByteReader(block);
    try {
      return this.decodeBlock(reader);
    } catch (err) {
      const error = err instanceof HpackError || err instanceof HpackHeaderListTooLargeError ? err : internalError(err, reader.pos);
      if (error instanceof HpackError) this.failure = error;
      throw error;
    }
  }

  private decodeBlock(reader: ByteReader): DecodedBlock {
    const headers: HeaderField[] = [];
    const fields: DecodedField[] = [];
    const evicted: EvictedEntry[] = [];
    const inserted: InsertedEntry[] = [];
    const onEvict = (name: string, value: string, size: number): void => {
      evicted.push({ name, value, size, byField: fields.length });
    };
    let listSize = 0;
    let sawUpdateBelowRequired = this.requiredUpdate === null;
    let sawField = false;

    while (reader.remaining > 0) {
      const start = reader.pos;
      const b = reader.peek();
      let field: DecodedField;
      if (b & 0x80) {
        // RFC 7541 §6.1 Indexed Header Field
        const index = decodeInteger(reader, 7);
        const { name, value, table } = this.lookup(index, start);
        field = { kind: 'indexed', start, end: reader.pos, index, table, name, value };
      } else if ((b & 0xe0) === 0x20) {
        // RFC 7541 §6.3 Dynamic Table Size Update: only before the first field (§4.2), never above the limit.
        if (sawField) {
          throw new HpackError('dynamic table size update after a header field', start);
        }
        const maxSize = decodeInteger(reader, 5);
        if (maxSize > this.limit) {
          throw new HpackError(`dynamic table size update to ${maxSize} is above the limit of ${this.limit}`, start);
        }
        if (this.requiredUpdate !== null && maxSize <= this.requiredUpdate) sawUpdateBelowRequired = true;
        this.table.setMaxSize(maxSize, onEvict);
        fields.push({ kind: 'size-update', start, end: reader.pos, maxSize });
        continue;
      } else {
        field = this.decodeLiteral(reader, b, start);
        if (field.kind === 'literal-incremental') {
          // RFC 7541 §4.4: evict until it fits; an entry larger than the table empties it.
          const byField = fields.length;
          if (this.table.add(field.name, field.value, onEvict)) {
            inserted.push({ name: field.name, value: field.value, size: entrySize(field.name, field.value), byField });
          }
        }
      }
      if (!sawUpdateBelowRequired) {
        throw new HpackError(`expected a dynamic table size update to at most ${this.requiredUpdate}`, start);
      }
      sawField = true;
      fields.push(field);
      // RFC 9113 §6.5.2: keep decoding past the limit so the table stays in step, but stop collecting.
      listSize += field.name.length + field.value.length + FIELD_OVERHEAD;
      if (listSize <= this.maxHeaderListSize) headers.push([field.name, field.value]);
    }
    if (!sawUpdateBelowRequired) {
      throw new HpackError(`expected a dynamic table size update to at most ${this.requiredUpdate}`, reader.pos);
    }
    this.requiredUpdate = null;
    const result: DecodedBlock = { headers, fields, table: this.snapshot(), evicted, inserted };
    if (listSize > this.maxHeaderListSize) throw new HpackHeaderListTooLargeError(listSize, this.maxHeaderListSize, result);
    return result;
  }

  /** RFC 7541 §6.2: the three literal representations share one layout with different prefixes. */
  private decodeLiteral(reader: ByteReader, b: number, start: number): LiteralField {
    let kind: LiteralField['kind'];
    let prefix: number;
    if (b & 0x40) {
      kind = 'literal-incremental'; // §6.2.1: 01xxxxxx
      prefix = 6;
    } else if (b & 0x10) {
      kind = 'literal-never-indexed'; // §6.2.3: 0001xxxx
      prefix = 4;
    } else {
      kind = 'literal-without-indexing'; // §6.2.2: 0000xxxx
      prefix = 4;
    }
    const nameIndex = decodeInteger(reader, prefix);
    let name: string;
    let nameTable: TableKind | null = null;
    let nameHuffman: boolean | null = null;
    if (nameIndex === 0) {
      const s = decodeString(reader);
      name = s.text;
      nameHuffman = s.huffman;
    } else {
      const entry = this.lookup(nameIndex, start);
      name = entry.name;
      nameTable = entry.table;
    }
    const v = decodeString(reader);
    return {
      kind,
      start,
      end: reader.pos,
      name,
      value: v.text,
      nameIndex: nameIndex === 0 ? null : nameIndex,
      nameTable,
      nameHuffman,
      valueHuffman: v.huffman,
    };
  }

  /** RFC 7541 §2.3.3: index 1..61 static, 62.. dynamic; 0 and anything past the table are errors. */
  private lookup(index: number, offset: number): { name: string; value: string; table: TableKind } {
    if (index === 0) throw new HpackError('index 0 is not used', offset); // §6.1
    if (index <= STATIC_TABLE_LENGTH) {
      const e = staticEntry(index)!;
      return { name: e[0], value: e[1], table: 'static' };
    }
    const e = this.table.get(index - STATIC_TABLE_LENGTH);
    if (!e) throw new HpackError(`index ${index} is past the end of the dynamic table (${this.table.length} entries)`, offset);
    return { name: e.name, value: e.value, table: 'dynamic' };
  }
}

function checkSize(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_HPACK_INTEGER) throw new HpackUsageError(`${what} must be an integer in 0..2^32-1, got ${n}`);
  return n;
}

function internalError(err: unknown, offset: number): HpackError {
  return new HpackError(`internal decoder error: ${err instanceof Error ? err.message : String(err)}`, offset);
}
