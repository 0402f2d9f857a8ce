/**
 * Test vectors and helpers for the HTTP/1.1 tests (hand-written from RFC 9112's grammar; not used by the
 * parser itself).
 */
import { latin1, latin1Bytes } from '../../../../shared/bytes';
import type { Http1Item } from './items';
import { Http1Parser, type Http1Limits } from './parser';

/** A byte stream of one direction, with what the parser needs to know to read it. */
export interface Vector {
  readonly name: string;
  readonly role: 'request' | 'response';
  /** Methods of the requests the responses answer, in order (response vectors). */
  readonly methods?: readonly string[];
  readonly bytes: Uint8Array;
}

function v(name: string, role: 'request' | 'response', text: string, methods?: string[]): Vector {
  return { name, role, bytes: latin1Bytes(text), ...(methods && { methods }) };
}

/** Valid streams: every one parses without an error item. */
export const VECTORS: readonly Vector[] = [
  v('simple GET', 'request', 'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\n\r\n'),
  v('POST with Content-Length', 'request', 'POST /submit HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world'),
  v(
    'chunked request with extensions and trailers',
    'request',
    'POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n' +
      '5;name=value\r\nhello\r\n6 ; q="a \\"b\\"" ; flag\r\n world\r\n0;last\r\nExpires: never\r\nX-Sum:abc \r\n\r\n',
  ),
  v(
    'three pipelined requests',
    'request',
    'GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyzDELETE /c HTTP/1.1\r\nHost: a\r\n\r\n',
  ),
  v('empty lines before a request', 'request', '\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n'),
  v('HTTP/1.0 request, empty value, obs-text', 'request', 'GET http://a/ HTTP/1.0\r\nX-Empty:\r\nX-Latin: caf\xe9\r\n\r\n'),
  v(
    'upgrade request the server ignored, then the next request',
    'request',
    'GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n',
  ),
  v('CONNECT request', 'request', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
  v('response with Content-Length', 'response', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', ['GET']),
  v(
    'HEAD response then GET response',
    'response',
    'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    ['HEAD', 'GET'],
  ),
  v(
    '204 and 304 carry no body',
    'response',
    'HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\nHTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n!',
    ['DELETE', 'GET', 'GET'],
  ),
  v(
    '1xx interim responses then chunked',
    'response',
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n' +
      'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    ['POST'],
  ),
  v(
    'chunked response with trailers',
    'response',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: Server-Timing\r\n\r\n' +
      'a\r\n0123456789\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n000\r\nServer-Timing: total;dur=12\r\n\r\n',
    ['GET'],
  ),
  v('response read until close', 'response', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed until close', ['GET']),
  v('HTTP/1.0 response until close', 'response', 'HTTP/1.0 200 OK\r\n\r\nold style', ['GET']),
  v('status line without reason', 'response', 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\nHTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n', ['GET', 'GET']),
  v(
    '101 switching protocols with leftover bytes',
    'response',
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00',
    ['GET'],
  ),
  v('2xx to CONNECT is a tunnel', 'response', 'HTTP/1.1 200 Connection Established\r\n\r\n\x16\x03\x01\x00\x05hello', ['CONNECT']),
];

/** A parser for a vector, told the vector's request methods. */
export function parserFor(vector: Vector, limits?: Http1Limits): Http1Parser {
  const parser = new Http1Parser(vector.role, limits);
  for (const m of vector.methods ?? []) parser.expectResponseTo(m);
  return parser;
}

/** Runs a vector split at the given cut points, then finish(). */
export function runSplit(vector: Vector, cuts: readonly number[], finish = true, limits?: Http1Limits): Http1Item[] {
  const parser = parserFor(vector, limits);
  const items: Http1Item[] = [];
  let from = 0;
  for (const cut of [...cuts, vector.bytes.length]) {
    items.push(...parser.push(vector.bytes.subarray(from, cut)));
    from = cut;
  }
  if (finish) items.push(...parser.finish());
  return items;
}

/** An item in comparable form: bytes as Latin-1 text. */
export type PlainItem = Record<string, unknown>;

/**
 * Items in comparable form, with the pieces that follow the reads merged: consecutive 'body' items of one
 * exchange become one, and so do consecutive 'upgrade' items.
 */
export function normalize(items: readonly Http1Item[]): PlainItem[] {
  const out: PlainItem[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (item.type === 'body' && prev?.type === 'body' && prev.exchange === item.exchange) {
      const data = prev.data as { length: number };
      prev.data = { length: data.length + item.data.length, offset: item.data.offset };
      prev.raw = (prev.raw as string) + latin1(item.raw);
      continue;
    }
    if (item.type === 'upgrade' && prev?.type === 'upgrade') {
      prev.rest = (prev.rest as string) + latin1(item.rest);
      continue;
    }
    const plain: PlainItem = { ...item };
    if ('raw' in item) plain.raw = latin1(item.raw);
    if (item.type === 'chunk') plain.payload = latin1(item.payload);
    if (item.type === 'upgrade') plain.rest = latin1(item.rest);
    out.push(plain);
  }
  return out;
}

/** The bytes the items cover, in order (raw, or rest for 'upgrade'). */
export function coveredBytes(items: readonly Http1Item[]): Uint8Array {
  const parts = items.map((i) => (i.type === 'upgrade' ? i.rest : i.raw));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The shared seeded PRNG, under the name these tests use. */
export { seededRandom as prng } from '../../../../shared/seeded-random';
