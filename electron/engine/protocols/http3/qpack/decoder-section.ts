/**
 * Decoding the field lines of one encoded field section against the tables (RFC 9204 §4.5.2-§4.5.6), with the
 * invalid-reference rules of §2.2.3 and §3.1 and the field section size limit (RFC 9114 §4.2.2).
 */
import type { QpackReader } from './cursor';
import type { DynamicTable } from './dynamic-table';
import { QpackFieldSectionTooLargeError } from './errors';
import { decodeFieldLine } from './field-lines';
import { QPACK_STATIC_TABLE } from './static-table.generated';
import type { FieldLine, HeaderField } from './types';

/** What a field section is decoded against. */
export interface SectionContext {
  readonly streamId: number;
  readonly table: DynamicTable;
  readonly requiredInsertCount: number;
  readonly base: number;
  /** Largest decoded size allowed: name + value + 32 per line (RFC 9114 §4.2.2). */
  readonly maxSize: number;
}

/** The decoded lines of a field section. */
export interface DecodedLines {
  readonly headers: HeaderField[];
  readonly fields: FieldLine[];
  /** Decoded size (RFC 9114 §4.2.2). */
  readonly size: number;
}

/** Decodes every field line from the reader's position to the end of the section. */
export function decodeFieldLines(reader: QpackReader, ctx: SectionContext): DecodedLines {
  const headers: HeaderField[] = [];
  const fields: FieldLine[] = [];
  let size = 0;
  const overLimit = (extra: number): void => {
    if (size + extra > ctx.maxSize) throw new QpackFieldSectionTooLargeError(ctx.streamId, size + extra, ctx.maxSize);
  };
  while (reader.remaining > 0) {
    const start = reader.pos;
    const rep = decodeFieldLine(reader, (min) => overLimit(min + 32));
    let name: string;
    let value: string;
    let absoluteIndex: number | null = null;
    switch (rep.kind) {
      case 'indexed':
        if (rep.table === 'static') [name, value] = staticEntry(reader, rep.index, start);
        else {
          absoluteIndex = ctx.base - 1 - rep.index;
          ({ name, value } = dynamicEntry(reader, ctx, absoluteIndex, start));
        }
        break;
      case 'indexed-post-base':
        absoluteIndex = ctx.base + rep.index;
        ({ name, value } = dynamicEntry(reader, ctx, absoluteIndex, start));
        break;
      case 'literal-with-name-reference':
        value = rep.value;
        if (rep.table === 'static') name = staticEntry(reader, rep.nameIndex, start)[0];
        else {
          absoluteIndex = ctx.base - 1 - rep.nameIndex;
          name = dynamicEntry(reader, ctx, absoluteIndex, start).name;
        }
        break;
      case 'literal-with-post-base-name-reference':
        value = rep.value;
        absoluteIndex = ctx.base + rep.nameIndex;
        name = dynamicEntry(reader, ctx, absoluteIndex, start).name;
        break;
      case 'literal-with-literal-name':
        name = rep.name;
        value = rep.value;
        break;
      default: {
        const never: never = rep;
        throw new Error(`unknown field line ${JSON.stringify(never)}`);
      }
    }
    overLimit(name.length + value.length + 32);
    size += name.length + value.length + 32;
    headers.push([name, value]);
    fields.push({ representation: rep, name, value, absoluteIndex, start: reader.baseOffset + start, end: reader.offset });
  }
  return { headers, fields, size };
}

/** A static table entry; an index past the table is QPACK_DECOMPRESSION_FAILED (RFC 9204 §3.1). */
function staticEntry(reader: QpackReader, index: number, at: number): readonly [string, string] {
  const entry = QPACK_STATIC_TABLE[index];
  if (!entry) reader.fail(`static table index ${index} does not exist (the table has ${QPACK_STATIC_TABLE.length} entries)`, at);
  return entry;
}

/**
 * A dynamic table entry by absolute index. RFC 9204 §2.2.3: a reference at or above the Required Insert Count,
 * or to an evicted entry, is QPACK_DECOMPRESSION_FAILED.
 */
function dynamicEntry(reader: QpackReader, ctx: SectionContext, absoluteIndex: number, at: number): { name: string; value: string } {
  if (absoluteIndex < 0) reader.fail(`dynamic table reference below absolute index 0 (Base ${ctx.base})`, at);
  if (absoluteIndex >= ctx.requiredInsertCount) {
    reader.fail(`reference to absolute index ${absoluteIndex} is not below the Required Insert Count ${ctx.requiredInsertCount}`, at);
  }
  const entry = ctx.table.get(absoluteIndex);
  if (!entry) reader.fail(`dynamic table entry ${absoluteIndex} has been evicted`, at);
  return entry;
}
