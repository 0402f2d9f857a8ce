import { describe, expect, it } from 'vitest';
import { latin1 } from '../../../../shared/bytes';
import type { HeaderField } from '../../../../shared/events';
import { encodeChunk, encodeLastChunk, encodeRequestHead, encodeResponseHead } from './encode';
import { Http1UsageError } from './errors';
import type { Http1Item } from './items';
import { Http1Parser } from './parser';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('encodeRequestHead / encodeResponseHead', () => {
  it('writes names as given, one field line each', () => {
    const head = encodeRequestHead({ method: 'GET', target: '/x?y=1', headers: [['host', 'a'], ['X-CamelCase', 'v w']] });
    expect(latin1(head)).toBe('GET /x?y=1 HTTP/1.1\r\nhost: a\r\nX-CamelCase: v w\r\n\r\n');
    expect(latin1(encodeResponseHead({ status: 404, reason: 'Not Found', headers: [], version: 'HTTP/1.0' }))).toBe('HTTP/1.0 404 Not Found\r\n\r\n');
    expect(latin1(encodeResponseHead({ status: 204, headers: [['Date', 'x']] }))).toBe('HTTP/1.1 204 \r\nDate: x\r\n\r\n');
  });

  it('round-trips through the parser', () => {
    const headers: HeaderField[] = [['Host', 'example.com'], ['Accept', '*/*'], ['X-Latin', 'café']];
    const parser = new Http1Parser('request');
    const [head] = parser.push(encodeRequestHead({ method: 'OPTIONS', target: '*', headers }));
    expect(head?.type === 'head' && head.data).toMatchObject({ method: 'OPTIONS', target: '*', headers });
  });

  it.each([
    ['CR LF in a value', { headers: [['X', 'a\r\nInjected: 1']] }, 'headers[0].value'],
    ['NUL in a value', { headers: [['X', 'a\0']] }, 'headers[0].value'],
    ['LF in a name', { headers: [['X\n', 'a']] }, 'headers[0].name'],
    ['empty name', { headers: [['', 'a']] }, 'headers[0].name'],
    ['space in a name', { headers: [['X Y', 'a']] }, 'headers[0].name'],
    ['non-Latin-1 value', { headers: [['X', '€']] }, 'headers[0].value'],
    ['bad method', { method: 'GE T' }, 'method'],
    ['target with a space', { target: '/a b' }, 'target'],
    ['empty target', { target: '' }, 'target'],
    ['bad version', { version: 'HTTP/2.0' }, 'version'],
  ] as const)('rejects %s with Http1UsageError', (_name, patch, argument) => {
    const init = { method: 'GET', target: '/', headers: [] as readonly HeaderField[], ...patch };
    expect(() => encodeRequestHead(init)).toThrow(Http1UsageError);
    try {
      encodeRequestHead(init);
    } catch (e) {
      expect((e as Http1UsageError).argument).toBe(argument);
      expect((e as Http1UsageError).code).toBe('usage');
    }
  });

  it('rejects bad status codes and reasons', () => {
    expect(() => encodeResponseHead({ status: 99, headers: [] })).toThrow(Http1UsageError);
    expect(() => encodeResponseHead({ status: 200.5, headers: [] })).toThrow(Http1UsageError);
    expect(() => encodeResponseHead({ status: 200, reason: 'OK\r\n', headers: [] })).toThrow(Http1UsageError);
  });
});

describe('encodeChunk / encodeLastChunk', () => {
  it('writes hex sizes, extensions and trailers', () => {
    expect(latin1(encodeChunk(bytes('x'.repeat(26))))).toBe(`1a\r\n${'x'.repeat(26)}\r\n`);
    expect(latin1(encodeChunk(bytes('hi'), [['a', 'tok'], ['b', 'two words "q"'], ['flag', '']]))).toBe(
      '2;a=tok;b="two words \\"q\\"";flag\r\nhi\r\n',
    );
    expect(latin1(encodeLastChunk())).toBe('0\r\n\r\n');
    expect(latin1(encodeLastChunk([['X-Checksum', 'abc']]))).toBe('0\r\nX-Checksum: abc\r\n\r\n');
  });

  it('rejects an empty chunk and bad trailers or extensions', () => {
    expect(() => encodeChunk(new Uint8Array(0))).toThrow(Http1UsageError);
    expect(() => encodeLastChunk([['X', 'a\nb']])).toThrow(Http1UsageError);
    expect(() => encodeChunk(bytes('a'), [['a b', '']])).toThrow(Http1UsageError);
  });

  it('round-trips a chunked message through the parser', () => {
    const ext: HeaderField[] = [['b', 'two words "q"'], ['flag', '']];
    const stream = concat([
      encodeResponseHead({ status: 200, reason: 'OK', headers: [['Transfer-Encoding', 'chunked']] }),
      encodeChunk(bytes('hello'), ext),
      encodeChunk(bytes(' world')),
      encodeLastChunk([['X-T', '1']]),
    ]);
    const parser = new Http1Parser('response');
    parser.expectResponseTo('GET');
    const items: Http1Item[] = parser.push(stream);
    expect(items.map((i) => i.type)).toEqual(['head', 'chunk', 'chunk', 'end']);
    const first = items[1]!;
    expect(first.type === 'chunk' && first.data.extensions).toEqual(ext);
    const end = items[3]!;
    expect(end.type === 'end' && end.data).toEqual({ kind: 'response', bodyBytes: 11, chunks: 2, trailers: [['X-T', '1']] });
  });
});
