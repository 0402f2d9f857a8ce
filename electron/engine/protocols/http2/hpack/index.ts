/**
 * HPACK: header compression for HTTP/2 (RFC 7541). Pure TypeScript over Uint8Array.
 */
export { HpackDecoder, type HpackDecoderOptions } from './decoder';
export {
  HpackEncoder,
  isSensitiveByDefault,
  type EncodeOptions,
  type EncodedBlock,
  type HpackEncoderOptions,
  type IndexingDecision,
  type IndexingPolicy,
} from './encoder';
export { HpackError, HpackHeaderListTooLargeError, HpackUsageError } from './errors';
export { huffmanDecode, huffmanDecodeToString, huffmanEncode, huffmanEncodeToBytes, huffmanEncodedLength } from './huffman';
export { decodeInteger, encodeInteger, MAX_HPACK_INTEGER } from './integer';
export { decodeString, encodeString, type DecodedString, type HuffmanMode } from './string';
export { DynamicTable, entrySize, ENTRY_OVERHEAD, STATIC_TABLE_LENGTH } from './dynamic-table';
export { ByteReader, ByteWriter } from './cursor';
export { STATIC_TABLE } from './static-table.generated';
export type {
  DecodedBlock,
  DecodedField,
  EvictedEntry,
  FieldKind,
  HeaderField,
  IndexedField,
  InsertedEntry,
  LiteralField,
  SizeUpdateField,
  TableEntry,
  TableKind,
  TableSnapshot,
} from './types';
