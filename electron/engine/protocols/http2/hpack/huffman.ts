/**
 * HPACK's Huffman strings (RFC 7541 §5.2, Appendix B): the shared code of protocols/huffman with HPACK's error
 * (HpackError, offset = the string's first octet) and writer.
 */
import { huffmanDecodeOctets, huffmanEncodedLength, huffmanEncodeInto, huffmanEncodeToBytes, latin1, type HuffmanFault } from '../../huffman/huffman';
import type { ByteWriter } from './cursor';
import { HpackError } from './errors';

export { huffmanEncodedLength, huffmanEncodeToBytes };

function fault(f: HuffmanFault, start: number): HpackError {
  return new HpackError(f === 'eos' ? 'Huffman string contains EOS' : 'Huffman padding is longer than 7 bits or not all ones', start);
}

/**
 * Decodes the Huffman-coded octets bytes[start, end) into Latin-1 text (one character per octet).
 * Throws HpackError (offset = start) on EOS, padding over 7 bits, or padding that is not all ones.
 */
export function huffmanDecodeToString(bytes: Uint8Array, start: number, end: number): string {
  return latin1(huffmanDecode(bytes, start, end));
}

/**
 * Decodes the Huffman-coded octets bytes[start, end). The result is a view of a scratch buffer: copy it before
 * the next call. Throws HpackError as huffmanDecodeToString does.
 */
export function huffmanDecode(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = huffmanDecodeOctets(bytes, start, end);
  if (typeof out === 'string') throw fault(out, start);
  return out;
}

/** Appends the Huffman coding of Latin-1 text, padded with the high bits of EOS (RFC 7541 §5.2). */
export function huffmanEncode(writer: ByteWriter, text: string): void {
  const n = huffmanEncodedLength(text);
  writer.reserve(n);
  writer.length = huffmanEncodeInto(writer.raw, writer.length, text);
}
