/**
 * The HTTP/1.1 core (RFC 9112), sans-IO: a parser per direction of a connection, serializers, and the mapping
 * of parser items to trace events.
 */
export { Http1Parser, ParserState, type Http1Limits } from './parser';
export type {
  Http1Item,
  Http1EventItem,
  Http1HeadItem,
  Http1ChunkItem,
  Http1BodyItem,
  Http1EndItem,
  Http1UpgradeItem,
  Http1ErrorItem,
} from './items';
export { CHUNK_PIECE_BYTES } from './items';
export { wantsClose, isUpgrade, messageFraming, type Framing, type FramingInput, type FramingResult } from './framing';
export { encodeRequestHead, encodeResponseHead, encodeChunk, encodeLastChunk, type RequestHeadInit, type ResponseHeadInit } from './encode';
export { Http1UsageError } from './errors';
export { itemToEvent, type H1EventContext } from './events';
