/**
 * QPACK: field compression for HTTP/3 (RFC 9204). Pure TypeScript over Uint8Array, sans-IO.
 */
export {
  QpackDecoder,
  DEFAULT_MAX_FIELD_SECTION_SIZE,
  type CancelResult,
  type DecodedFieldSection,
  type EncoderStreamResult,
  type QpackDecoderOptions,
} from './decoder';
export {
  QpackEncoder,
  isSensitiveByDefault,
  type DecoderStreamResult,
  type EncodedFieldSection,
  type QpackEncoderOptions,
  type QpackHuffmanMode,
} from './encoder';
export {
  QPACK_ERROR_CODES,
  QpackError,
  QpackFieldSectionTooLargeError,
  QpackNeedMore,
  QpackUsageError,
  type QpackErrorCode,
  type QpackErrorName,
} from './errors';
export { QpackReader, QpackWriter } from './cursor';
export { decodeInteger, encodeInteger, integerLength, MAX_QPACK_INTEGER } from './integer';
export { decodeString, encodeString, huffmanIsShorter, type DecodedString, type StringLengthCheck } from './string';
export { huffmanDecode, huffmanEncode, huffmanEncodedLength, huffmanMinDecodedLength, type HuffmanFault } from './huffman';
export { decodeEncoderInstruction, encodeEncoderInstruction, type EncoderInstructionLimits } from './encoder-instructions';
export { decodeDecoderInstruction, encodeDecoderInstruction } from './decoder-instructions';
export { decodeFieldLine, decodeFieldSectionPrefix, encodeFieldLine, encodeFieldSectionPrefix } from './field-lines';
export { decodeBase, decodeRequiredInsertCount, encodeRequiredInsertCount, fieldSectionPrefix, maxEntries } from './required-insert-count';
export { DynamicTable, ENTRY_OVERHEAD, entrySize } from './dynamic-table';
export { InstructionStream, type StreamItem } from './instruction-stream';
export { formatInteropFile, formatQif, parseInteropFile, parseQif, type InteropBlock, type QifList } from './offline-interop';
export { QPACK_STATIC_TABLE } from './static-table.generated';
export type {
  DecoderInstruction,
  DecoderInstructionRecord,
  EncoderInstruction,
  EncoderInstructionRecord,
  FieldLine,
  FieldLineRepresentation,
  FieldSectionPrefix,
  HeaderField,
  QpackEntryChange,
  QpackTableEntry,
  QpackTableSnapshot,
  Span,
  TableKind,
} from './types';
