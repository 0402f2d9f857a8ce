/** Sample frames of every type, for tests of the codecs, connection and observer. */
import type { Frame } from './types';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const text = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

/** One or more valid frames of every type, padded and priority variants included. */
export const SAMPLE_FRAMES: readonly Frame[] = [
  { type: 'DATA', streamId: 1, endStream: false, data: text('hello') },
  { type: 'DATA', streamId: 3, endStream: true, data: new Uint8Array(0) },
  { type: 'DATA', streamId: 5, endStream: true, data: text('padded body'), padLength: 7 },
  { type: 'DATA', streamId: 5, endStream: false, data: new Uint8Array(0), padLength: 0 },
  { type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, headerBlock: bytes(0x82, 0x86, 0x84) },
  { type: 'HEADERS', streamId: 3, endStream: false, endHeaders: false, headerBlock: bytes(0x82), padLength: 3 },
  {
    type: 'HEADERS',
    streamId: 7,
    endStream: false,
    endHeaders: true,
    priority: { exclusive: true, dependency: 3, weight: 256 },
    headerBlock: bytes(0x88),
    padLength: 2,
  },
  { type: 'HEADERS', streamId: 9, endStream: false, endHeaders: true, priority: { exclusive: false, dependency: 0, weight: 1 }, headerBlock: bytes() },
  { type: 'PRIORITY', streamId: 11, exclusive: false, dependency: 0x7fffffff, weight: 16 },
  { type: 'RST_STREAM', streamId: 1, errorCode: 8 },
  { type: 'RST_STREAM', streamId: 3, errorCode: 0xffffffff },
  { type: 'SETTINGS', ack: false, settings: [] },
  { type: 'SETTINGS', ack: true, settings: [] },
  {
    type: 'SETTINGS',
    ack: false,
    settings: [
      { id: 1, value: 4096 },
      { id: 2, value: 0 },
      { id: 3, value: 100 },
      { id: 4, value: 0x7fffffff },
      { id: 5, value: 16777215 },
      { id: 6, value: 0xffffffff },
      { id: 0x99, value: 12345 },
    ],
  },
  { type: 'PUSH_PROMISE', streamId: 1, promisedStreamId: 2, endHeaders: true, headerBlock: bytes(0x82, 0x87) },
  { type: 'PUSH_PROMISE', streamId: 3, promisedStreamId: 4, endHeaders: false, headerBlock: bytes(0x82), padLength: 5 },
  { type: 'PING', ack: false, opaque: bytes(1, 2, 3, 4, 5, 6, 7, 8) },
  { type: 'PING', ack: true, opaque: bytes(0, 0, 0, 0, 0, 0, 0, 0) },
  { type: 'GOAWAY', lastStreamId: 5, errorCode: 0, debugData: new Uint8Array(0) },
  { type: 'GOAWAY', lastStreamId: 0x7fffffff, errorCode: 1, debugData: text('bye now') },
  { type: 'WINDOW_UPDATE', streamId: 0, increment: 1 },
  { type: 'WINDOW_UPDATE', streamId: 1, increment: 0x7fffffff },
  { type: 'CONTINUATION', streamId: 3, endHeaders: true, headerBlock: bytes(0x84, 0x86) },
  { type: 'CONTINUATION', streamId: 3, endHeaders: false, headerBlock: bytes() },
  { type: 'PRIORITY_UPDATE', prioritizedStreamId: 1, priorityFieldValue: 'u=1, i' },
  { type: 'PRIORITY_UPDATE', prioritizedStreamId: 9, priorityFieldValue: '' },
  { type: 'unknown', frameType: 0x2a, flags: 0xff, streamId: 7, payload: text('extension') },
  { type: 'unknown', frameType: 0xfa, flags: 0, streamId: 0, payload: new Uint8Array(0) },
];
