/**
 * String literals (RFC 9204 §4.1.2): an "N-bit prefix string literal" is an H (Huffman) bit, the length as an
 * (N-1)-bit prefix integer, then the octets, raw or Huffman coded (RFC 7541 §5.2). Field values use N = 8; names
 * in Insert with Literal Name use N = 6, in Literal Field Line with Literal Name N = 4.
 * Names and values are Latin-1 text, one character per octet, so any octets round-trip.
 */
import type { QpackReader, QpackWriter } from './cursor';
import { huffmanDecode, huffmanEncode, huffmanEncodedLength, huffmanMinDecodedLength } from './huffman';
import { decodeInteger, encodeInteger } from './integer';

/** A decoded string literal. */
export interface DecodedString {
  /** The octets as Latin-1 text. */
  readonly text: string;
  /** Whether it was Huffman coded. */
  readonly huffman: boolean;
}

/**
 * Called with the fewest octets the string can decode to, before its octets are read or decoded: the place to
 * reject a huge length before waiting for it or allocating it. Throws to reject.
 */
export type StringLengthCheck = (minDecodedLength: number, at: number) => void;

/** Decodes an N-bit prefix string literal at the reader's position (RFC 9204 §4.1.2). */
export function decodeString(reader: QpackReader, prefixBits: number, what: string, check?: StringLengthCheck): DecodedString {
  const start = reader.pos;
  reader.need(1, what);
  const huffman = (reader.peek() & (1 << (prefixBits - 1))) !== 0;
  const length = decodeInteger(reader, prefixBits - 1, `the length of ${what}`);
  // A whole field section that is too short is malformed, whatever the length; on a stream, the check comes
  // first so that a length that can never be accepted is not waited for.
  if (reader.complete) reader.need(length, what);
  check?.(huffman ? huffmanMinDecodedLength(length) : length, start);
  reader.need(length, what);
  const from = reader.pos;
  reader.pos += length;
  if (!huffman) {
    let text = '';
    for (let i = from; i < reader.pos; i += 4096) text += String.fromCharCode(...reader.bytes.subarray(i, Math.min(reader.pos, i + 4096)));
    return { text, huffman };
  }
  const text = huffmanDecode(reader.bytes, from, reader.pos);
  if (text === 'eos') reader.fail(`${what}: Huffman code contains EOS`, start);
  if (text === 'padding') reader.fail(`${what}: Huffman padding is longer than 7 bits or not all ones`, start);
  check?.(text.length, start);
  return { text, huffman };
}

/** Whether Huffman coding makes text strictly shorter (the usual "auto" choice). */
export function huffmanIsShorter(text: string): boolean {
  return huffmanEncodedLength(text) < text.length;
}

/** Encodes Latin-1 text as an N-bit prefix string literal; `flags` are the first octet's bits above the H bit. */
export function encodeString(writer: QpackWriter, text: string, prefixBits: number, flags: number, huffman: boolean): void {
  const hBit = 1 << (prefixBits - 1);
  if (huffman) {
    encodeInteger(writer, huffmanEncodedLength(text), prefixBits - 1, flags | hBit);
    huffmanEncode(writer, text);
    return;
  }
  encodeInteger(writer, text.length, prefixBits - 1, flags);
  for (let i = 0; i < text.length; i++) writer.u8(text.charCodeAt(i));
}
