/** Sample frames for tests: at least one of every QUIC v1 frame type. Not used by production code. */
import { hex } from '../../tls13/test-helpers';
import type { Frame } from './types';

const bytes8 = hex('0102030405060708');
const token16 = hex('00112233445566778899aabbccddeeff');

/** One or more samples of every frame type of RFC 9000 §19 (test data shared by frame and fuzz tests). */
export const SAMPLE_FRAMES: readonly Frame[] = [
  { type: 'padding', length: 1 },
  { type: 'padding', length: 7 },
  { type: 'ping' },
  { type: 'ack', ackDelay: 0, ranges: [{ largest: 0, smallest: 0 }] },
  { type: 'ack', ackDelay: 1234, ranges: [{ largest: 100, smallest: 95 }, { largest: 90, smallest: 90 }, { largest: 88, smallest: 2 }] },
  { type: 'ack', ackDelay: 9, ranges: [{ largest: 2 ** 40, smallest: 2 ** 40 - 3 }, { largest: 7, smallest: 0 }], ecn: { ect0: 5, ect1: 0, ce: 70000 } },
  { type: 'reset_stream', streamId: 4, applicationErrorCode: 0x10cn, finalSize: 1_000_000 },
  { type: 'stop_sending', streamId: 2 ** 40, applicationErrorCode: (1n << 62n) - 1n },
  { type: 'crypto', offset: 0, data: hex('0100002a') },
  { type: 'crypto', offset: 70000, data: new Uint8Array(300).fill(9) },
  { type: 'new_token', token: hex('cafe') },
  ...[0, 5].flatMap((offset) =>
    [false, true].flatMap((hasLength) => [false, true].map((fin): Frame => ({ type: 'stream', streamId: 8, offset, data: hex('68656c6c6f'), fin, hasLength }))),
  ),
  { type: 'stream', streamId: 3, offset: 0, data: new Uint8Array(0), fin: true, hasLength: true },
  { type: 'max_data', maximumData: (1n << 62n) - 1n },
  { type: 'max_stream_data', streamId: 0, maximumStreamData: 65536n },
  { type: 'max_streams', bidirectional: true, maximumStreams: 100n },
  { type: 'max_streams', bidirectional: false, maximumStreams: 1n << 60n },
  { type: 'data_blocked', maximumData: 12345n },
  { type: 'stream_data_blocked', streamId: 4, maximumStreamData: 0n },
  { type: 'streams_blocked', bidirectional: true, maximumStreams: 3n },
  { type: 'streams_blocked', bidirectional: false, maximumStreams: 0n },
  { type: 'new_connection_id', sequenceNumber: 3, retirePriorTo: 1, connectionId: hex('c0ffee0123'), statelessResetToken: token16 },
  { type: 'retire_connection_id', sequenceNumber: 2 },
  { type: 'path_challenge', data: bytes8 },
  { type: 'path_response', data: bytes8 },
  { type: 'connection_close', errorCode: 0x07n, frameType: 0x06n, reason: 'bad frame ✓' },
  { type: 'connection_close', errorCode: 0x0n, frameType: 0n, reason: '' },
  { type: 'application_close', errorCode: 0x100n, reason: 'H3_NO_ERROR' },
  { type: 'handshake_done' },
];

