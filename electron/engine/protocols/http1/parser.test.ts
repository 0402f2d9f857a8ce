import { describe, expect, it } from 'vitest';
import { latin1, latin1Bytes } from '../../../../shared/bytes';
import { coveredBytes, runSplit, VECTORS, type Vector } from './fixtures';
import type { Http1ChunkItem, Http1EndItem, Http1HeadItem, Http1Item } from './items';
import { Http1Parser, ParserState } from './parser';

const vector = (name: string): Vector => VECTORS.find((v) => v.name === name)!;
const heads = (items: Http1Item[]): Http1HeadItem[] => items.filter((i): i is Http1HeadItem => i.type === 'head');
const types = (items: Http1Item[]): string[] => items.map((i) => i.type);
const span = (item: { raw: Uint8Array; fields: readonly { path: string; start: number; end: number }[] }, path: string): string => {
  const f = item.fields.find((x) => x.path === path);
  if (!f) throw new Error(`no field ${path}`);
  return latin1(item.raw, f.start, f.end);
};

describe('heads', () => {
  it('reads a request head with field spans', () => {
    const [head] = heads(runSplit(vector('simple GET'), []));
    expect(head!.data).toEqual({
      kind: 'request',
      method: 'GET',
      target: '/index.html',
      version: 'HTTP/1.1',
      headers: [
        ['Host', 'example.com'],
        ['User-Agent', 't/1'],
      ],
      framing: 'none',
    });
    expect(span(head!, 'start-line')).toBe('GET /index.html HTTP/1.1');
    expect(span(head!, 'method')).toBe('GET');
    expect(span(head!, 'target')).toBe('/index.html');
    expect(span(head!, 'version')).toBe('HTTP/1.1');
    expect(span(head!, 'headers.1')).toBe('User-Agent: t/1');
    expect(span(head!, 'headers.1.name')).toBe('User-Agent');
    expect(span(head!, 'headers.1.value')).toBe('t/1');
  });

  it('reads a status line, with and without a reason', () => {
    const items = heads(runSplit(vector('status line without reason'), []));
    expect(items.map((h) => [h.data.status, h.data.reason])).toEqual([
      [200, ''],
      [404, ''],
    ]);
    expect(items[0]!.fields.some((f) => f.path === 'reason')).toBe(false);
    expect(span(items[1]!, 'reason')).toBe('');
    expect(span(items[1]!, 'status')).toBe('404');
  });

  it('skips empty lines before a request line into the head raw (RFC 9112 §2.2)', () => {
    const [head] = heads(runSplit(vector('empty lines before a request'), []));
    expect(latin1(head!.raw).startsWith('\r\n\r\nOPTIONS')).toBe(true);
    expect(span(head!, 'start-line')).toBe('OPTIONS * HTTP/1.1');
  });

  it('keeps names as sent, trims OWS, reads obs-text as Latin-1', () => {
    const [head] = heads(runSplit(vector('HTTP/1.0 request, empty value, obs-text'), []));
    expect(head!.data.headers).toEqual([
      ['X-Empty', ''],
      ['X-Latin', 'café'],
    ]);
    expect(head!.data.version).toBe('HTTP/1.0');
  });
});

describe('bodies', () => {
  it('reads a Content-Length body and ends the message', () => {
    const items = runSplit(vector('POST with Content-Length'), [58]);
    expect(types(items)).toEqual(['head', 'body', 'body', 'end']);
    expect(items.filter((i) => i.type === 'body').map((i) => (i.type === 'body' ? i.data : null))).toEqual([
      { length: 4, offset: 4 },
      { length: 7, offset: 11 },
    ]);
    const end = items[3] as Http1EndItem;
    expect(end.data).toEqual({ kind: 'request', bodyBytes: 11, trailers: [], chunks: 0 });
    expect(end.raw.length).toBe(0);
  });

  it('reads chunks with extensions and a trailer section', () => {
    const items = runSplit(vector('chunked request with extensions and trailers'), []);
    expect(types(items)).toEqual(['head', 'chunk', 'chunk', 'end']);
    const [c1, c2] = items.filter((i): i is Http1ChunkItem => i.type === 'chunk');
    expect(c1!.data).toEqual({ size: 5, sizeLine: '5;name=value', extensions: [['name', 'value']], index: 1 });
    expect(latin1(c1!.payload)).toBe('hello');
    expect(span(c1!, 'size')).toBe('5');
    expect(span(c1!, 'extensions')).toBe(';name=value');
    expect(span(c1!, 'data')).toBe('hello');
    expect(latin1(c1!.raw)).toBe('5;name=value\r\nhello\r\n');
    expect(c2!.data.extensions).toEqual([
      ['q', 'a "b"'],
      ['flag', ''],
    ]);
    const end = items[3] as Http1EndItem;
    expect(end.data).toEqual({
      kind: 'request',
      bodyBytes: 11,
      chunks: 2,
      trailers: [
        ['Expires', 'never'],
        ['X-Sum', 'abc'],
      ],
    });
    expect(latin1(end.raw)).toBe('0;last\r\nExpires: never\r\nX-Sum:abc \r\n\r\n');
    expect(span(end, 'last-chunk')).toBe('0;last');
    expect(span(end, 'trailers.1')).toBe('X-Sum:abc ');
    expect(span(end, 'trailers.1.value')).toBe('abc');
  });

  it('reads a response until close and ends it on finish()', () => {
    const parser = new Http1Parser('response');
    parser.expectResponseTo('GET');
    const text = 'HTTP/1.1 200 OK\r\n\r\npart one, ';
    expect(types(parser.push(latin1Bytes(text)))).toEqual(['head', 'body']);
    expect(parser.state).toBe(ParserState.UntilClose);
    expect(types(parser.push(latin1Bytes('part two')))).toEqual(['body']);
    const end = parser.finish();
    expect(end).toEqual([
      { type: 'end', data: { kind: 'response', bodyBytes: 18, trailers: [], chunks: 0 }, raw: new Uint8Array(0), fields: [], offset: text.length + 8, exchange: 1 },
    ]);
    expect(parser.push(latin1Bytes('x'))).toEqual([]);
  });

  it('reports a chunk over 64 KiB in 64 KiB pieces, the same for any reads', () => {
    const size = 200_000;
    const body = new Uint8Array(size).map((_, i) => 97 + (i % 26));
    const head = latin1Bytes(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${size.toString(16)}\r\n`);
    const tail = latin1Bytes('\r\n0\r\n\r\n');
    const bytes = new Uint8Array(head.length + size + tail.length);
    bytes.set(head);
    bytes.set(body, head.length);
    bytes.set(tail, head.length + size);
    const v: Vector = { name: 'big chunk', role: 'response', methods: ['GET'], bytes };
    const reference = runSplit(v, []);
    const chunks = reference.filter((i): i is Http1ChunkItem => i.type === 'chunk');
    expect(chunks.map((c) => [c.data.piece, c.data.pieces, c.payload.length])).toEqual([
      [1, 4, 65536],
      [2, 4, 65536],
      [3, 4, 65536],
      [4, 4, size - 3 * 65536],
    ]);
    expect(chunks[0]!.fields.map((f) => f.path)).toEqual(['size-line', 'size', 'data']);
    expect(chunks[1]!.fields.map((f) => f.path)).toEqual(['data']);
    expect(coveredBytes(reference)).toEqual(bytes);
    const payload = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      payload.set(c.payload, at);
      at += c.payload.length;
    }
    expect(payload).toEqual(body);
    for (const cuts of [[1], [70, 65600, 65601, 131200], Array.from({ length: 400 }, (_, i) => i * 517)]) {
      expect(runSplit(v, cuts)).toEqual(reference);
    }
  });
});

describe('pipelining and response framing (RFC 9112 §6.3)', () => {
  it('hands out three pipelined requests from one push, numbered', () => {
    const items = runSplit(vector('three pipelined requests'), []);
    expect(types(items)).toEqual(['head', 'end', 'head', 'body', 'end', 'head', 'end']);
    expect(heads(items).map((h) => [h.data.method, h.data.target, h.exchange])).toEqual([
      ['GET', '/a', 1],
      ['POST', '/b', 2],
      ['DELETE', '/c', 3],
    ]);
    expect(items.map((i) => ('exchange' in i ? i.exchange : 0))).toEqual([1, 1, 2, 2, 2, 3, 3]);
  });

  it('gives HEAD responses no body despite Content-Length', () => {
    const items = runSplit(vector('HEAD response then GET response'), []);
    expect(types(items)).toEqual(['head', 'end', 'head', 'body', 'end']);
    expect(heads(items).map((h) => h.data.framing)).toEqual(['none', 'content-length']);
  });

  it('gives 204 and 304 no body', () => {
    const items = runSplit(vector('204 and 304 carry no body'), []);
    expect(types(items)).toEqual(['head', 'end', 'head', 'end', 'head', 'body', 'end']);
    expect(heads(items).map((h) => [h.data.status, h.exchange])).toEqual([
      [204, 1],
      [304, 2],
      [200, 3],
    ]);
  });

  it('keeps 1xx heads in the exchange of the final response', () => {
    const items = runSplit(vector('1xx interim responses then chunked'), []);
    expect(types(items)).toEqual(['head', 'head', 'head', 'chunk', 'end']);
    expect(items.every((i) => i.type === 'upgrade' || i.exchange === 1)).toBe(true);
  });

  it('treats a response with no framing as read until close', () => {
    const items = runSplit(vector('HTTP/1.0 response until close'), []);
    expect(types(items)).toEqual(['head', 'body', 'end']);
    expect(heads(items)[0]!.data.framing).toBe('until-close');
  });

  it('assumes GET when no request method was queued', () => {
    const parser = new Http1Parser('response');
    const items = parser.push(latin1Bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    expect(types(items)).toEqual(['head', 'body', 'end']);
  });
});

describe('upgrades', () => {
  it('stops after 101 and returns the rest, then passes bytes through', () => {
    const v = vector('101 switching protocols with leftover bytes');
    const parser = new Http1Parser('response');
    parser.expectResponseTo('GET');
    const items = parser.push(v.bytes);
    expect(types(items)).toEqual(['head', 'upgrade']);
    const up = items[1]!;
    expect(up.type === 'upgrade' && [...up.rest]).toEqual([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    expect(parser.state).toBe(ParserState.Upgraded);
    expect(parser.push(latin1Bytes('GET / HTTP/1.1\r\n\r\n'))).toEqual([
      { type: 'upgrade', rest: latin1Bytes('GET / HTTP/1.1\r\n\r\n'), offset: v.bytes.length },
    ]);
    expect(parser.finish()).toEqual([]);
  });

  it('turns a 2xx answer to CONNECT into a tunnel', () => {
    const items = runSplit(vector('2xx to CONNECT is a tunnel'), [10]);
    expect(types(items)).toEqual(['head', 'end', 'upgrade']);
  });

  it('switches a request parser when told the upgrade was accepted', () => {
    const parser = new Http1Parser('request');
    const req = 'GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
    expect(types(parser.push(latin1Bytes(req + '\x81')))).toEqual(['head', 'end']);
    expect(parser.acceptUpgrade()).toEqual([{ type: 'upgrade', rest: Uint8Array.of(0x81), offset: req.length }]);
    expect(parser.push(Uint8Array.of(1, 2))).toEqual([{ type: 'upgrade', rest: Uint8Array.of(1, 2), offset: req.length + 1 }]);
  });

  it('switches after the current message when told mid-message', () => {
    const parser = new Http1Parser('request');
    const req = 'POST /up HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nContent-Length: 4\r\n\r\nab';
    expect(types(parser.push(latin1Bytes(req)))).toEqual(['head', 'body']);
    expect(parser.acceptUpgrade()).toEqual([]);
    const items = parser.push(latin1Bytes('cdPRI * HTTP/2.0\r\n'));
    expect(types(items)).toEqual(['body', 'end', 'upgrade']);
    expect(latin1(items[2]!.type === 'upgrade' ? items[2]!.rest : new Uint8Array())).toBe('PRI * HTTP/2.0\r\n');
  });
});

describe('finish()', () => {
  it('is clean between messages', () => {
    const parser = new Http1Parser('request');
    parser.push(latin1Bytes('GET / HTTP/1.1\r\n\r\n'));
    expect(parser.finish()).toEqual([]);
    expect(parser.state).toBe(ParserState.Closed);
  });

  it.each([
    ['request', 'GET / HTTP/1.1\r\nHost', 'head'],
    ['request', 'POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc', 'body'],
    ['request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r', 'chunk-size'],
    ['request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', 'chunk-data'],
    ['response', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n', 'trailers'],
  ] as const)('reports a %s cut short in %j as an error at the end of the stream', (role, text, at) => {
    const parser = new Http1Parser(role);
    const pushed = parser.push(latin1Bytes(text));
    const items = parser.finish();
    expect(items).toHaveLength(1);
    const err = items[0]!;
    expect(err.type).toBe('error');
    if (err.type !== 'error') return;
    expect(err.data.at).toBe(at);
    expect(err.data.offset).toBe(text.length);
    expect(err.data.reason).toContain(`connection closed mid-message at byte ${text.length}`);
    expect(err.data.outcome).toBe(role === 'request' ? '400' : 'close');
    expect(latin1(coveredBytes([...pushed, ...items]))).toBe(text);
  });
});
