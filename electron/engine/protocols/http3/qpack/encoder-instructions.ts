/**
 * Encoder instructions (RFC 9204 §4.3), carried unframed on the encoder stream (stream type 0x02, §4.2):
 *
 *   001 capacity(5+)                  Set Dynamic Table Capacity (§4.3.1)
 *   1 T nameIndex(6+) value           Insert with Name Reference (§4.3.2)
 *   01 H nameLen(5+) name value       Insert with Literal Name (§4.3.3)
 *   000 index(5+)                     Duplicate (§4.3.4)
 *
 * Pure codecs over a byte cursor. On the stream an instruction can be cut anywhere: the reader then throws
 * QpackNeedMore and the caller retries with more bytes.
 */
import type { QpackReader, QpackWriter } from './cursor';
import { decodeInteger, encodeInteger } from './integer';
import { QPACK_STATIC_TABLE } from './static-table.generated';
import { decodeString, encodeString, type StringLengthCheck } from './string';
import type { EncoderInstruction } from './types';

/** What the receiving decoder's table allows, so a bad instruction fails as soon as the bad part is read. */
export interface EncoderInstructionLimits {
  /** Capacity - 32: the most name + value octets an entry can have (§3.2.2). */
  readonly maxEntryOctets: number;
  /** Entries in the dynamic table: a relative index must be below this (§3.2.5, §2.2.3). */
  readonly dynamicEntries: number;
}

const NO_LIMITS: EncoderInstructionLimits = { maxEntryOctets: Infinity, dynamicEntries: Infinity };

/**
 * Decodes one encoder instruction. With `limits`, a name index past the static table (§3.1) or the dynamic
 * table (§2.2.3), or a string that cannot fit an entry (§3.2.2), is rejected as soon as its index or length is
 * read, before the rest is awaited or decoded (QPACK_ENCODER_STREAM_ERROR, with the reader's code).
 */
export function decodeEncoderInstruction(reader: QpackReader, limits: EncoderInstructionLimits = NO_LIMITS): EncoderInstruction {
  reader.need(1, 'an encoder instruction');
  const start = reader.pos;
  const first = reader.peek();
  const tooBig = (used: number): StringLengthCheck => (min, at) => {
    if (used + min > limits.maxEntryOctets) reader.fail(`an entry of at least ${used + min + 32} octets does not fit the dynamic table capacity`, at);
  };
  const checkRelative = (index: number): void => {
    if (index >= limits.dynamicEntries) reader.fail(`relative index ${index} is past the ${limits.dynamicEntries} entries of the dynamic table`, start);
  };
  if (first & 0x80) {
    const table = first & 0x40 ? 'static' : 'dynamic';
    const nameIndex = decodeInteger(reader, 6, 'a name index');
    if (table === 'dynamic') checkRelative(nameIndex);
    else if (nameIndex >= QPACK_STATIC_TABLE.length) reader.fail(`static table index ${nameIndex} does not exist`, start);
    const value = decodeString(reader, 8, 'a field value', tooBig(0));
    return { type: 'insert-with-name-reference', table, nameIndex, value: value.text, valueHuffman: value.huffman };
  }
  if (first & 0x40) {
    const name = decodeString(reader, 6, 'a field name', tooBig(0));
    const value = decodeString(reader, 8, 'a field value', tooBig(name.text.length));
    return { type: 'insert-with-literal-name', name: name.text, nameHuffman: name.huffman, value: value.text, valueHuffman: value.huffman };
  }
  if (first & 0x20) return { type: 'set-dynamic-table-capacity', capacity: decodeInteger(reader, 5, 'a capacity') };
  const index = decodeInteger(reader, 5, 'a relative index');
  checkRelative(index);
  return { type: 'duplicate', index };
}

/** Encodes one encoder instruction (RFC 9204 §4.3). */
export function encodeEncoderInstruction(writer: QpackWriter, instruction: EncoderInstruction): void {
  switch (instruction.type) {
    case 'set-dynamic-table-capacity':
      encodeInteger(writer, instruction.capacity, 5, 0x20);
      return;
    case 'insert-with-name-reference':
      encodeInteger(writer, instruction.nameIndex, 6, instruction.table === 'static' ? 0xc0 : 0x80);
      encodeString(writer, instruction.value, 8, 0, instruction.valueHuffman);
      return;
    case 'insert-with-literal-name':
      encodeString(writer, instruction.name, 6, 0x40, instruction.nameHuffman);
      encodeString(writer, instruction.value, 8, 0, instruction.valueHuffman);
      return;
    case 'duplicate':
      encodeInteger(writer, instruction.index, 5, 0);
      return;
    default: {
      const never: never = instruction;
      throw new Error(`unknown encoder instruction ${JSON.stringify(never)}`);
    }
  }
}
