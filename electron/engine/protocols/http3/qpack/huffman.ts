/**
 * QPACK's Huffman strings: RFC 9204 §4.1.2 uses the code of RFC 7541 Appendix B unmodified, so this is the shared
 * code of protocols/huffman with QPACK's writer; decoding reports a fault for the caller's QPACK error.
 */
import { huffmanDecodeText, huffmanEncodedLength, huffmanEncodeToBytes, huffmanMinDecodedLength, type HuffmanFault } from '../../huffman/huffman';
import type { QpackWriter } from './cursor';

export { huffmanEncodedLength, huffmanMinDecodedLength };
export type { HuffmanFault };

/**
 * Decodes the Huffman-coded octets bytes[start, end) to Latin-1 text, or returns the fault: EOS inside the
 * string, or padding that is longer than 7 bits or not the most significant bits of EOS (RFC 7541 §5.2).
 */
export function huffmanDecode(bytes: Uint8Array, start: number, end: number): string | HuffmanFault {
  return huffmanDecodeText(bytes, start, end);
}

/** Appends the Huffman coding of Latin-1 text, padded with the high bits of EOS (RFC 7541 §5.2). */
export function huffmanEncode(writer: QpackWriter, text: string): void {
  writer.bytes(huffmanEncodeToBytes(text));
}
