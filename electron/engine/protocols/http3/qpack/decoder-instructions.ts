/**
 * Decoder instructions (RFC 9204 §4.4), carried unframed on the decoder stream (stream type 0x03, §4.2):
 *
 *   1 streamId(7+)     Section Acknowledgment (§4.4.1)
 *   01 streamId(6+)    Stream Cancellation (§4.4.2)
 *   00 increment(6+)   Insert Count Increment (§4.4.3)
 *
 * Pure codecs over a byte cursor; a cut instruction makes the reader throw QpackNeedMore.
 */
import type { QpackReader, QpackWriter } from './cursor';
import { decodeInteger, encodeInteger } from './integer';
import type { DecoderInstruction } from './types';

/** Decodes one decoder instruction. */
export function decodeDecoderInstruction(reader: QpackReader): DecoderInstruction {
  reader.need(1, 'a decoder instruction');
  const first = reader.peek();
  if (first & 0x80) return { type: 'section-acknowledgment', streamId: decodeInteger(reader, 7, 'a stream id') };
  if (first & 0x40) return { type: 'stream-cancellation', streamId: decodeInteger(reader, 6, 'a stream id') };
  return { type: 'insert-count-increment', increment: decodeInteger(reader, 6, 'an increment') };
}

/** Encodes one decoder instruction (RFC 9204 §4.4). */
export function encodeDecoderInstruction(writer: QpackWriter, instruction: DecoderInstruction): void {
  switch (instruction.type) {
    case 'section-acknowledgment':
      encodeInteger(writer, instruction.streamId, 7, 0x80);
      return;
    case 'stream-cancellation':
      encodeInteger(writer, instruction.streamId, 6, 0x40);
      return;
    case 'insert-count-increment':
      encodeInteger(writer, instruction.increment, 6, 0);
      return;
    default: {
      const never: never = instruction;
      throw new Error(`unknown decoder instruction ${JSON.stringify(never)}`);
    }
  }
}
