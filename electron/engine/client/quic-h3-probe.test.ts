import { describe, expect, it } from 'vitest';
import { QpackDecoder } from '../protocols/http3/qpack';
import { controlStreamPreamble, firstFrameType, getRequestHeaders } from './quic-h3-probe';

/** Splits one HTTP/3 frame (RFC 9114 §7.1) with one-byte type and a 1- or 2-byte length. */
function frame(bytes: Uint8Array): { type: number; payload: Uint8Array } {
  const type = firstFrameType(bytes)!;
  const lenBytes = 1 << (bytes[1]! >> 6);
  let len = bytes[1]! & 0x3f;
  for (let i = 1; i < lenBytes; i++) len = len * 256 + bytes[1 + i]!;
  const payload = bytes.subarray(2 + lenBytes - 1);
  expect(payload.length).toBe(len);
  return { type, payload };
}

describe('the temporary HTTP/3 probe of the QUIC lesson', () => {
  it('control stream: type 0x00 then an empty SETTINGS', () => {
    expect([...controlStreamPreamble()]).toEqual([0x00, 0x04, 0x00]);
  });

  for (const path of ['/', '/bytes?n=10', `/${'x'.repeat(300)}`]) {
    it(`GET ${path.slice(0, 20)}: a HEADERS frame our QPACK decoder reads back`, () => {
      const { type, payload } = frame(getRequestHeaders('localhost:8443', path));
      expect(type).toBe(0x01);
      const decoded = new QpackDecoder({ maxTableCapacity: 0, maxBlockedStreams: 0 }).decodeFieldSection(0, payload);
      expect(decoded).not.toBe('blocked');
      expect(decoded !== 'blocked' && decoded.headers).toEqual([
        [':method', 'GET'],
        [':scheme', 'https'],
        [':path', path],
        [':authority', 'localhost:8443'],
        ['user-agent', 'Framescope'],
      ]);
    });
  }
});
