import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { EventColumns } from '../store/event-columns';
import { SequenceIndex } from './sequence';

let seq = 0;
function ev(time: number, vantage: 'client' | 'server', dir: 'sent' | 'received' | undefined, name = 'h1:chunk', stream: number | undefined = 1, conn = 1): SessionEvent {
  return { seq: seq++, time, conn, stream, vantage, dir, name, data: {} } as SessionEvent;
}

function pairs(s: SequenceIndex): [number, number][] {
  return Array.from({ length: s.length }, (_, k) => [s.from[k]!, s.to[k]!]);
}

describe('SequenceIndex', () => {
  it('pairs a sent event with the received one of the same stream and name, in order', () => {
    const c = new EventColumns();
    c.append([
      ev(0, 'client', 'sent', 'h1:head'), // 0
      ev(1, 'client', 'sent', 'h1:message_end'), // 1
      ev(2, 'server', 'received', 'h1:head'), // 2
      ev(3, 'server', 'received', 'h1:message_end'), // 3
      ev(4, 'server', 'sent'), // 4 chunk 1
      ev(5, 'server', 'sent'), // 5 chunk 2
      ev(6, 'client', 'received'), // 6
      ev(7, 'client', 'received'), // 7
    ]);
    const s = new SequenceIndex(1);
    s.sync(c);
    expect(pairs(s)).toEqual([
      [0, 2],
      [1, 3],
      [4, 6],
      [5, 7],
    ]);
  });

  it('keeps apart streams, directions and connections; non-wire events are one-ended', () => {
    const c = new EventColumns();
    c.append([
      ev(0, 'client', undefined, 'tcp:connected', undefined), // 0 non-wire
      ev(1, 'client', 'sent', 'h1:head', 1), // 1
      ev(1, 'client', 'sent', 'h1:head', 2), // 2
      ev(2, 'server', 'received', 'h1:head', 2), // 3
      ev(2, 'server', 'received', 'h1:head', 1, 9), // 4 other conn
      ev(3, 'server', 'sent', 'h1:head', 1), // 5 (s→c, nobody receives)
    ]);
    const s = new SequenceIndex(1);
    s.sync(c);
    expect(pairs(s)).toEqual([
      [0, -1],
      [1, -1],
      [2, 3],
      [5, -1],
    ]);
  });

  it('pairs a receiver that was recorded before its sender', () => {
    const c = new EventColumns();
    c.append([ev(2, 'server', 'received'), ev(1, 'client', 'sent')]);
    const s = new SequenceIndex(1);
    s.sync(c);
    expect(pairs(s)).toEqual([[1, 0]]);
  });

  it('is incremental and starts over after a clear', () => {
    const c = new EventColumns();
    const s = new SequenceIndex(1);
    c.append([ev(0, 'client', 'sent')]);
    s.sync(c);
    expect(pairs(s)).toEqual([[0, -1]]);
    c.append([ev(1, 'server', 'received')]);
    s.sync(c);
    expect(pairs(s)).toEqual([[0, 1]]);
    c.clear();
    c.append([ev(0, 'server', 'received')]);
    s.sync(c);
    expect(pairs(s)).toEqual([[-1, 0]]);
  });
});
