/**
 * HTTP/3 (RFC 9114) over an abstract QUIC transport, sans-IO: frames, unidirectional stream types, the message
 * state machine, and the H3Connection core in the client and server roles. QPACK lives in ./qpack.
 */
export { H3Connection, uniStreamHeader, type H3ConnectionOptions, type H3RequestOptions, type H3SendOptions, type H3Status } from './connection';
export type { H3AppEvent, H3CoreEvent, H3HeadersRole, H3Trace, H3TraceName } from './core-events';
export { H3Error, H3ErrorCode, H3UsageError, connectionError, h3ErrorName, streamError, type H3ErrorName, type H3ErrorScope, type Initiator } from './errors';
export { FrameReader, type FrameReaderItem, type FrameReaderOptions } from './frame-reader';
export * from './frames';
export { contentLength, requestProblem, responseStatus, trailersProblem } from './message-fields';
export { MessageState, nextMessageState, type MessageEvent } from './message-state';
export { DEFAULT_PRIORITY, formatPriority, parsePriority, type Priority } from './priority';
export { DEFAULT_H3_SETTINGS, localSettingsList, peerSettings, type H3Settings } from './settings';
export { H3StreamType, StreamIds, isCritical, uniStreamKind, type H3StreamKind } from './stream-types';
export { CommandQueue, type H3Command } from './transport';
