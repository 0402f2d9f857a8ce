import { describe, expect, it } from 'vitest';
import { hex, toHexString as h } from '../../tls13/test-helpers';
import { NeedMore, QuicError, TransportErrorCode, UsageError } from '../wire/errors';
import { Reader } from '../wire/reader';
import { encodeToBytes, Writer } from '../wire/writer';
import { decodeFrame, decodeFrames, encodeFrame, encodeFrames } from './codec';
import { checkFrameAllowed, frameRules, isAckEliciting, isFrameAllowed } from './permissions';
import { SAMPLE_FRAMES } from './test-samples';
import { frameTypeCode, type Frame } from './types';

const token16 = hex('00112233445566778899aabbccddeeff');

const encodeOne = (f: Frame): Uint8Array => encodeToBytes((w) => encodeFrame(w, f));

describe('QUIC frames (RFC 9000 §19)', () => {
  it('covers every v1 frame type code 0x00..0x1e', () => {
    const codes = new Set(SAMPLE_FRAMES.map(frameTypeCode));
    for (let t = 0; t <= 0x1e; t++) expect(codes.has(t), `type 0x${t.toString(16)}`).toBe(true);
  });

  it('every frame round-trips through encodeFrame / decodeFrame', () => {
    for (const f of SAMPLE_FRAMES) {
      const bytes = encodeOne(f);
      const r = new Reader(bytes);
      expect(decodeFrame(r), f.type).toEqual(f);
      expect(r.atEnd).toBe(true);
      expect(bytes[0]).toBe(f.type === 'padding' ? 0 : frameTypeCode(f));
    }
  });

  it('decodeFrames returns frames with their offsets', () => {
    const frames: Frame[] = [{ type: 'ping' }, { type: 'crypto', offset: 0, data: hex('aabb') }, { type: 'padding', length: 3 }];
    const payload = encodeFrames(frames);
    expect(h(payload)).toBe('01' + '060002aabb' + '000000');
    expect(decodeFrames(payload)).toEqual([
      { frame: frames[0], offset: 0, length: 1 },
      { frame: frames[1], offset: 1, length: 5 },
      { frame: frames[2], offset: 6, length: 3 },
    ]);
  });

  it('encodes the STREAM type bits OFF/LEN/FIN (§19.8)', () => {
    expect(h(encodeOne({ type: 'stream', streamId: 1, offset: 0, data: hex('aa'), fin: false, hasLength: false }))).toBe('0801aa');
    expect(h(encodeOne({ type: 'stream', streamId: 1, offset: 2, data: hex('aa'), fin: true, hasLength: true }))).toBe('0f010201aa');
    // a STREAM frame without LEN takes the rest of the payload
    const frames = decodeFrames(hex('0a0400' + '0900aabbcc')).map((d) => d.frame);
    expect(frames).toEqual([
      { type: 'stream', streamId: 4, offset: 0, data: new Uint8Array(0), fin: false, hasLength: true },
      { type: 'stream', streamId: 0, offset: 0, data: hex('aabbcc'), fin: true, hasLength: false },
    ]);
  });

  it('every truncated prefix gives NeedMore from decodeFrame and FRAME_ENCODING_ERROR from decodeFrames', () => {
    for (const f of SAMPLE_FRAMES) {
      const full = encodeOne(f);
      for (let n = 1; n < full.length; n++) {
        const prefix = full.slice(0, n);
        let outcome: string;
        try {
          decodeFrame(new Reader(prefix));
          outcome = 'decoded';
        } catch (e) {
          outcome = e instanceof NeedMore ? 'need-more' : e instanceof QuicError ? `quic-${e.code}` : `other ${String(e)}`;
        }
        // PADDING runs and STREAM without LEN are valid at any length; others must ask for more or be malformed
        const prefixValid = f.type === 'padding' || (f.type === 'stream' && !f.hasLength);
        if (prefixValid) expect(['decoded', 'need-more'], `${f.type} @${n}`).toContain(outcome);
        else expect(['need-more', `quic-${TransportErrorCode.FRAME_ENCODING_ERROR}`], `${f.type} @${n}`).toContain(outcome);

        try {
          decodeFrames(prefix);
        } catch (e) {
          expect(e, `${f.type} @${n}`).toBeInstanceOf(QuicError);
          expect((e as QuicError).code).toBe(TransportErrorCode.FRAME_ENCODING_ERROR);
          expect((e as QuicError).initiator).toBe('remote');
          expect((e as QuicError).frameType).toBe(full[0]);
        }
      }
    }
  });

  it('rejects malformed frames with FRAME_ENCODING_ERROR carrying the frame type', () => {
    const cases: [string, number][] = [
      ['0205030a', 0x02], // first ACK range 10 > largest 5
      ['020a00010402' + '10', 0x02], // second range below zero
      ['0700', 0x07], // empty NEW_TOKEN
      ['18010200' + '00'.repeat(16), 0x18], // retire prior to > sequence
      ['18010015' + '00'.repeat(21 + 16), 0x18], // connection ID length 21
      ['18010000' + '00'.repeat(16), 0x18], // connection ID length 0
      ['12d000000000000001', 0x12], // MAX_STREAMS 2^60 + 1
      ['17d000000000000001', 0x17], // STREAMS_BLOCKED 2^60 + 1
      ['1f', 0x1f], // unknown type
      ['4080', 0x80], // unknown two-byte type
    ];
    for (const [bytes, type] of cases) {
      try {
        decodeFrames(hex(bytes));
        expect.unreachable(bytes);
      } catch (e) {
        expect(e, bytes).toBeInstanceOf(QuicError);
        expect((e as QuicError).code, bytes).toBe(TransportErrorCode.FRAME_ENCODING_ERROR);
        expect((e as QuicError).frameType, bytes).toBe(type);
      }
    }
  });

  it('rejects a non-minimal frame type and an empty payload with PROTOCOL_VIOLATION (§12.4)', () => {
    expect(() => decodeFrames(hex('4001'))).toThrow(expect.objectContaining({ code: TransportErrorCode.PROTOCOL_VIOLATION }));
    expect(() => decodeFrames(new Uint8Array(0))).toThrow(expect.objectContaining({ code: TransportErrorCode.PROTOCOL_VIOLATION }));
  });

  it('refuses to encode invalid frames (UsageError)', () => {
    const bad: Frame[] = [
      { type: 'ack', ackDelay: 0, ranges: [] },
      { type: 'ack', ackDelay: 0, ranges: [{ largest: 5, smallest: 4 }, { largest: 3, smallest: 0 }] }, // adjacent ranges
      { type: 'new_token', token: new Uint8Array(0) },
      { type: 'path_challenge', data: hex('01') },
      { type: 'new_connection_id', sequenceNumber: 0, retirePriorTo: 0, connectionId: new Uint8Array(21), statelessResetToken: token16 },
      { type: 'max_streams', bidirectional: true, maximumStreams: (1n << 60n) + 1n },
      { type: 'padding', length: 0 },
    ];
    for (const f of bad) expect(() => encodeFrame(new Writer(), f), f.type).toThrow(UsageError);
  });
});

describe('frame permissions (RFC 9000 §12.4 Table 3)', () => {
  const byType = (t: Frame['type']): Frame => SAMPLE_FRAMES.find((f) => f.type === t)!;

  it('matches the Pkts column', () => {
    const table: Record<Frame['type'], string> = {
      padding: 'IH01', ping: 'IH01', ack: 'IH_1', reset_stream: '__01', stop_sending: '__01', crypto: 'IH_1', new_token: '___1',
      stream: '__01', max_data: '__01', max_stream_data: '__01', max_streams: '__01', data_blocked: '__01', stream_data_blocked: '__01',
      streams_blocked: '__01', new_connection_id: '__01', retire_connection_id: '__01', path_challenge: '__01', path_response: '___1',
      connection_close: 'IH01', application_close: '__01', handshake_done: '___1',
    };
    for (const [type, pkts] of Object.entries(table) as [Frame['type'], string][]) {
      const f = byType(type);
      expect([isFrameAllowed(f, 'initial'), isFrameAllowed(f, 'handshake'), isFrameAllowed(f, '0rtt'), isFrameAllowed(f, '1rtt')], type).toEqual([
        pkts[0] === 'I', pkts[1] === 'H', pkts[2] === '0', pkts[3] === '1',
      ]);
    }
  });

  it('raises PROTOCOL_VIOLATION for a forbidden frame, and knows ack-eliciting and probing frames', () => {
    expect(() => checkFrameAllowed(byType('stream'), 'initial')).toThrow(expect.objectContaining({ code: TransportErrorCode.PROTOCOL_VIOLATION, frameType: 0x08 }));
    expect(() => checkFrameAllowed(byType('crypto'), 'handshake')).not.toThrow();
    expect(isAckEliciting([byType('ack'), byType('padding')])).toBe(false);
    expect(isAckEliciting([byType('ack'), byType('ping')])).toBe(true);
    expect(isAckEliciting([byType('connection_close')])).toBe(false);
    expect(frameRules(byType('path_challenge')).probing).toBe(true);
    expect(frameRules(byType('stream')).flowControlled).toBe(true);
    expect(frameRules(byType('ack')).countsInFlight).toBe(false);
  });
});
