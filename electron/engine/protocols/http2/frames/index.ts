/**
 * HTTP/2 frame codecs (RFC 9113 §4, §6; RFC 9218 §7.1): pure functions over bytes, one file per frame type.
 */
export { decodeFrame, encodeFrame, encodeFrameBytes, headerSpans, inspectFrame, MalformedFrame, readFrameHeader, type DecodeResult } from './codec';
export { CLIENT_PREFACE, matchPreface } from './preface';
export { formatPriorityField, parsePriorityField, type PriorityParams } from './priority-update';
export { checkSetting, MAX_MAX_FRAME_SIZE, MIN_MAX_FRAME_SIZE, SettingId, settingName } from './settings';
export { ByteWriter, FrameReader, MAX_31 } from './wire';
export {
  Flag,
  flagNames,
  FRAME_HEADER_LENGTH,
  FrameType,
  frameStreamId,
  frameTypeCode,
  frameTypeName,
  knownFrameType,
  type ContinuationFrame,
  type DataFrame,
  type DecodedFrame,
  type Frame,
  type FrameHeader,
  type FrameTypeName,
  type GoawayFrame,
  type HeadersFrame,
  type PingFrame,
  type PriorityFields,
  type PriorityFrame,
  type PriorityUpdateFrame,
  type PushPromiseFrame,
  type RstStreamFrame,
  type Setting,
  type SettingsFrame,
  type UnknownFrame,
  type WindowUpdateFrame,
} from './types';
export { FrameBuffer } from './frame-buffer';
