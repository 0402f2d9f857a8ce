import { describe, expect, it } from 'vitest';
import type { PendingEvent } from '../../../shared/events';
import type { EventSink } from './event-sink';
import { H1WireObserver } from './h1-wire-observer';

function collect(): { sink: EventSink; events: PendingEvent[] } {
  const events: PendingEvent[] = [];
  const sink: EventSink = {
    now: () => events.length,
    emit: (e) => events.push(e),
    openConnection: () => {
      throw new Error('unused');
    },
    updateConnection: () => undefined,
  };
  return { sink, events };
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('H1WireObserver', () => {
  it('follows a protocol switch: after 101 both directions become raw bytes', () => {
    const { sink, events } = collect();
    const o = new H1WireObserver(sink, 1, 'client');
    o.sent(bytes('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\nPRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
    o.received(bytes('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00'));
    expect(events.map((e) => `${e.dir} ${e.name}`)).toEqual([
      'sent h1:head',
      'sent h1:message_end',
      'received h1:head',
      'received tcp:bytes',
      'sent tcp:bytes',
    ]);
    expect(events.some((e) => e.name === 'h1:error')).toBe(false);
  });

  it('a declined upgrade leaves the connection HTTP/1.1 and parses held requests', () => {
    const { sink, events } = collect();
    const o = new H1WireObserver(sink, 1, 'server');
    o.received(bytes('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n'));
    o.sent(bytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const heads = events.filter((e) => e.name === 'h1:head').map((e) => `${e.dir} ${e.stream}`);
    expect(heads).toEqual(['received 1', 'received 2', 'sent 1']);
  });

  it('after a malformed response, later bytes are shown raw and nothing throws', () => {
    const { sink, events } = collect();
    const o = new H1WireObserver(sink, 1, 'client');
    o.received(bytes('HTTP/9 what\r\n\r\n'));
    o.received(bytes('more'));
    o.finish();
    expect(events.map((e) => e.name)).toEqual(['h1:error', 'tcp:bytes']);
  });
});
