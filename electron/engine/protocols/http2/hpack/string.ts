/**
 * HPACK string literals (RFC 7541 §5.2): an H bit, a 7-bit-prefix length, then the octets, raw or Huffman coded.
 * Header names and values are handled as Latin-1 text: one character per octet, so any octets round-trip.
 */
import type { ByteReader, ByteWriter } from './cursor';
import { huffmanDecodeToString, huffmanEncode, huffmanEncodedLength } from './huffman';
import { decodeInteger, encodeInteger } from './integer';
import { latin1 } from '../../../../../shared/bytes';

/** A decoded string literal and where it sat in the block. */
export interface DecodedString {
  /** The octets as Latin-1 text. */
  readonly text: string;
  /** Whether the literal was Huffman coded. */
  readonly huffman: boolean;
  /** Offset of the length octet. */
  readonly start: number;
  /** Offset just past the string's octets. */
  readonly end: number;
}

/** How an encoder chooses between raw and Huffman coding. 'auto' uses Huffman only when strictly shorter. */
export type HuffmanMode = 'auto' | 'always' | 'never';

/** Decodes a string literal at the reader's position (RFC 7541 §5.2). */
export function decodeString(reader: ByteReader): DecodedString {
  const start = reader.pos;
  if (reader.remaining === 0) reader.u8('a string literal'); // throws with the right offset
  const huffman = (reader.peek() & 0x80) !== 0;
  const length = decodeInteger(reader, 7);
  const dataStart = reader.skip(length, 'string literal');
  const end = dataStart + length;
  const text = huffman ? huffmanDecodeToString(reader.bytes, dataStart, end) : latin1(reader.bytes, dataStart, end);
  return { text, huffman, start, end };
}

/** Encodes Latin-1 text as a string literal; returns whether Huffman coding was used. RFC 7541 §5.2. */
export function encodeString(writer: ByteWriter, text: string, mode: HuffmanMode): boolean {
  const huffLength = mode === 'never' ? 0 : huffmanEncodedLength(text);
  const huffman = mode === 'always' || (mode === 'auto' && huffLength < text.length);
  if (huffman) {
    encodeInteger(writer, huffLength, 7, 0x80);
    huffmanEncode(writer, text);
  } else {
    encodeInteger(writer, text.length, 7, 0);
    writer.reserve(text.length);
    for (let i = 0; i < text.length; i++) writer.u8(text.charCodeAt(i));
  }
  return huffman;
}
