/** HTTP/3 frames (RFC 9114 §7): types, one codec per type, the frame codec and the frame-on-stream rules. */
export * from './types';
export { decodeFrame, decodeFrameBytes, encodeFrame, encodeFrameDecoded, peekFrameHeader, checkLength, type FrameHeader, type FrameLimits } from './codec';
export { frameNotAllowed, type FrameStreamKind } from './frame-rules';
export { H3SettingId, HTTP2_RESERVED_SETTINGS, settingName } from './settings';
export { unknownFrameKind } from './unknown';
export { PayloadCursor } from './payload';
