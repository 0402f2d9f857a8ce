import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { base64ByteLength, toWireEvent } from './wire-events';

describe('wire events', () => {
  it('counts base64 bytes without decoding', () => {
    for (let n = 0; n < 40; n++) expect(base64ByteLength(Buffer.alloc(n, 7).toString('base64'))).toBe(n);
  });
  it('leave bytes and spans behind and say how many bytes there were', () => {
    const event = { seq: 3, time: 1, conn: 1, vantage: 'client', name: 'h1:chunk', data: { size: 1 }, raw: Buffer.from('1\r\na\r\n').toString('base64'), fields: [{ path: 'size', start: 0, end: 1 }] } as unknown as SessionEvent;
    const wire = toWireEvent(event);
    expect(wire).toEqual({ seq: 3, time: 1, conn: 1, vantage: 'client', name: 'h1:chunk', data: { size: 1 }, rawLength: 6 });
    const bare = { seq: 4, time: 2, conn: 0, vantage: 'client', name: 'app:note', data: { text: 'x' } } as SessionEvent;
    expect(toWireEvent(bare)).toBe(bare);
  });
});
