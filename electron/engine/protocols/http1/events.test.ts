import { describe, expect, it } from 'vitest';
import { fromBase64, latin1Bytes } from '../../../../shared/bytes';
import { itemToEvent } from './events';
import type { Http1EventItem } from './items';
import { Http1Parser } from './parser';

const common = { time: 12.5, conn: 3, vantage: 'server', dir: 'received' } as const;

describe('itemToEvent', () => {
  it('maps every item type to its event name with raw in base64 and the exchange as stream', () => {
    const parser = new Http1Parser('request');
    const items = [
      ...parser.push(latin1Bytes('POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi')),
      ...parser.push(latin1Bytes('POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n')),
      ...parser.push(latin1Bytes('BAD\0')),
    ].filter((i): i is Http1EventItem => i.type !== 'upgrade');
    const events = items.map((i) => itemToEvent(i, common));
    expect(events.map((e) => [e.name, e.stream])).toEqual([
      ['h1:head', 1],
      ['h1:body', 1],
      ['h1:message_end', 1],
      ['h1:head', 2],
      ['h1:chunk', 2],
      ['h1:message_end', 2],
      ['h1:error', 3],
    ]);
    events.forEach((e, k) => {
      expect(e).toMatchObject(common);
      expect(fromBase64(e.raw!)).toEqual(items[k]!.raw);
      expect(e.data).toBe(items[k]!.data);
    });
    expect(events[0]!.fields).toBe(items[0]!.type === 'head' ? items[0]!.fields : null);
    expect(events[1]!.fields).toBeUndefined();
    expect(events[6]!.data).toMatchObject({ offset: 104, outcome: '400', at: 'head' });
  });
});
