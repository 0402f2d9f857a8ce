/**
 * Encoded field sections (RFC 9204 §4.5): the prefix (§4.5.1) and the five field line representations
 * (§4.5.2-§4.5.6), as pure codecs over a byte cursor. Resolving indices against the tables is the decoder's job.
 *
 *   1 T index(6+)                 Indexed Field Line (§4.5.2)
 *   0001 index(4+)                Indexed Field Line with Post-Base Index (§4.5.3)
 *   01 N T nameIndex(4+) value    Literal Field Line with Name Reference (§4.5.4)
 *   0000 N nameIndex(3+) value    Literal Field Line with Post-Base Name Reference (§4.5.5)
 *   001 N H nameLen(3+) value     Literal Field Line with Literal Name (§4.5.6)
 */
import type { QpackReader, QpackWriter } from './cursor';
import { decodeInteger, encodeInteger } from './integer';
import { decodeString, encodeString, type StringLengthCheck } from './string';
import type { FieldLineRepresentation, FieldSectionPrefix } from './types';

/** Decodes the encoded field section prefix (RFC 9204 §4.5.1): Required Insert Count (8+), S bit, Delta Base (7+). */
export function decodeFieldSectionPrefix(reader: QpackReader): FieldSectionPrefix {
  const encodedInsertCount = decodeInteger(reader, 8, 'the Required Insert Count');
  reader.need(1, 'the Base');
  const sign = (reader.peek() & 0x80) !== 0;
  const deltaBase = decodeInteger(reader, 7, 'the Delta Base');
  return { encodedInsertCount, sign, deltaBase };
}

/** Encodes the field section prefix (RFC 9204 §4.5.1). */
export function encodeFieldSectionPrefix(writer: QpackWriter, prefix: FieldSectionPrefix): void {
  encodeInteger(writer, prefix.encodedInsertCount, 8, 0);
  encodeInteger(writer, prefix.deltaBase, 7, prefix.sign ? 0x80 : 0);
}

/**
 * Decodes one field line representation at the reader's position. `check` sees each string's least decoded
 * length before it is read (the decoder's field section size limit).
 */
export function decodeFieldLine(reader: QpackReader, check?: StringLengthCheck): FieldLineRepresentation {
  reader.need(1, 'a field line');
  const first = reader.peek();
  if (first & 0x80) {
    // §4.5.2
    const table = first & 0x40 ? 'static' : 'dynamic';
    return { kind: 'indexed', table, index: decodeInteger(reader, 6, 'an index') };
  }
  if (first & 0x40) {
    // §4.5.4
    const neverIndex = (first & 0x20) !== 0;
    const table = first & 0x10 ? 'static' : 'dynamic';
    const nameIndex = decodeInteger(reader, 4, 'a name index');
    const value = decodeString(reader, 8, 'a field value', check);
    return { kind: 'literal-with-name-reference', neverIndex, table, nameIndex, value: value.text, valueHuffman: value.huffman };
  }
  if (first & 0x20) {
    // §4.5.6
    const neverIndex = (first & 0x10) !== 0;
    const name = decodeString(reader, 4, 'a field name', check);
    const value = decodeString(reader, 8, 'a field value', check);
    return {
      kind: 'literal-with-literal-name',
      neverIndex,
      name: name.text,
      nameHuffman: name.huffman,
      value: value.text,
      valueHuffman: value.huffman,
    };
  }
  if (first & 0x10) {
    // §4.5.3
    return { kind: 'indexed-post-base', index: decodeInteger(reader, 4, 'a post-base index') };
  }
  // §4.5.5
  const neverIndex = (first & 0x08) !== 0;
  const nameIndex = decodeInteger(reader, 3, 'a post-base name index');
  const value = decodeString(reader, 8, 'a field value', check);
  return { kind: 'literal-with-post-base-name-reference', neverIndex, nameIndex, value: value.text, valueHuffman: value.huffman };
}

/** Encodes one field line representation (RFC 9204 §4.5.2-§4.5.6). */
export function encodeFieldLine(writer: QpackWriter, line: FieldLineRepresentation): void {
  switch (line.kind) {
    case 'indexed':
      encodeInteger(writer, line.index, 6, line.table === 'static' ? 0xc0 : 0x80);
      return;
    case 'indexed-post-base':
      encodeInteger(writer, line.index, 4, 0x10);
      return;
    case 'literal-with-name-reference':
      encodeInteger(writer, line.nameIndex, 4, 0x40 | (line.neverIndex ? 0x20 : 0) | (line.table === 'static' ? 0x10 : 0));
      encodeString(writer, line.value, 8, 0, line.valueHuffman);
      return;
    case 'literal-with-post-base-name-reference':
      encodeInteger(writer, line.nameIndex, 3, line.neverIndex ? 0x08 : 0);
      encodeString(writer, line.value, 8, 0, line.valueHuffman);
      return;
    case 'literal-with-literal-name':
      encodeString(writer, line.name, 4, 0x20 | (line.neverIndex ? 0x10 : 0), line.nameHuffman);
      encodeString(writer, line.value, 8, 0, line.valueHuffman);
      return;
    default: {
      const never: never = line;
      throw new Error(`unknown field line ${JSON.stringify(never)}`);
    }
  }
}
