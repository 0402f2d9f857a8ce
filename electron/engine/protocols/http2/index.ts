/**
 * HTTP/2 (RFC 9113), sans-IO: frame codecs, the stream state machine, flow control, the client connection core
 * and a passive observer for connections we only watch. HPACK lives in ./hpack.
 */
export * from './frames';
export { ErrorCode, errorCodeName, H2Error, H2UsageError, NeedMore, type ErrorCodeName, type ErrorScope, type Initiator } from './errors';
export { checkReceive, isActive, StreamState, transition, type ClosedCause, type ReceiveVerdict, type StreamEvent } from './stream-state';
export { DEFAULT_WINDOW, MAX_WINDOW, ReceiveWindow, SendWindow, type WindowId, type WindowListener, type WindowUpdatePolicy } from './flow-control';
export { applySettings, DEFAULT_SETTINGS, settingsToList, type H2Settings } from './connection-settings';
export { H2ConnectionCore, type ConnectionStatus, type H2CoreOptions } from './connection-core';
export { H2ClientConnection, type H2ClientOptions, type RequestOptions } from './connection';
export { H2FrameObserver, type H2FrameObserverOptions } from './observer';
export type { H2AppEvent, H2CoreEvent, H2Trace, H2TraceName, HeadersRole } from './core-events';
export { frameEventData, hpackFieldData, settingsData, tableEventData } from './frame-events';
