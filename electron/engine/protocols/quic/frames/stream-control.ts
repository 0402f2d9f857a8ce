/** RESET_STREAM (RFC 9000 §19.4) and STOP_SENDING (§19.5). */
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { FrameType, type ResetStreamFrame, type StopSendingFrame } from './types';

/** Decodes RESET_STREAM: Stream ID (i), Application Protocol Error Code (i), Final Size (i). */
export function decodeResetStreamFrame(r: Reader): ResetStreamFrame {
  const streamId = r.varint('Stream ID');
  const applicationErrorCode = r.varintBig('Application Protocol Error Code');
  return { type: 'reset_stream', streamId, applicationErrorCode, finalSize: r.varint('Final Size') };
}

/** Encodes RESET_STREAM. */
export function encodeResetStreamFrame(w: Writer, f: ResetStreamFrame): void {
  w.u8(FrameType.RESET_STREAM).varint(f.streamId).varint(f.applicationErrorCode).varint(f.finalSize);
}

/** Decodes STOP_SENDING: Stream ID (i), Application Protocol Error Code (i). */
export function decodeStopSendingFrame(r: Reader): StopSendingFrame {
  const streamId = r.varint('Stream ID');
  return { type: 'stop_sending', streamId, applicationErrorCode: r.varintBig('Application Protocol Error Code') };
}

/** Encodes STOP_SENDING. */
export function encodeStopSendingFrame(w: Writer, f: StopSendingFrame): void {
  w.u8(FrameType.STOP_SENDING).varint(f.streamId).varint(f.applicationErrorCode);
}
