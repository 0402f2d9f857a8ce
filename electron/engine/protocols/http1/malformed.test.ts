/**
 * Malformed input: the error item, its offending byte offset and outcome, for any split of the input.
 */
import { describe, expect, it } from 'vitest';
import { latin1, latin1Bytes } from '../../../../shared/bytes';
import { coveredBytes, normalize, runSplit, type Vector } from './fixtures';
import type { Http1ErrorItem, Http1Item } from './items';
import { Http1Parser } from './parser';

interface Case {
  readonly name: string;
  readonly role: 'request' | 'response';
  readonly text: string;
  /** The offending byte: an index, or the first occurrence of this marker (`⟨x⟩` marks it in the text). */
  readonly at: number;
  readonly reason: string;
  readonly where?: string;
  readonly outcome?: string;
}

/** `⟨` in the text marks the offending byte (and is removed). */
function c(name: string, role: 'request' | 'response', marked: string, reason: string, extra: Partial<Case> = {}): Case {
  const at = marked.indexOf('⟨');
  if (at < 0) throw new Error(`no marker in ${name}`);
  return { name, role, text: marked.replace('⟨', ''), at, reason, ...extra };
}

const CASES: readonly Case[] = [
  c('method not a token', 'request', 'G⟨@T / HTTP/1.1\r\n\r\n', 'in method'),
  c('starts with a control', 'request', '⟨\x16\x03\x01\x02\x00\x01', 'must start with a method token'),
  c('two spaces after the method', 'request', 'GET ⟨ / HTTP/1.1\r\n\r\n', 'expected a request-target'),
  c('no version', 'request', 'GET /⟨\r\nHost: a\r\n\r\n', 'before the HTTP version'),
  c('lower-case version', 'request', 'GET / ⟨http/1.1\r\n\r\n', 'expected "HTTP/" version'),
  c('HTTP/2 preface', 'request', 'PRI * HTTP/⟨2.0\r\n\r\nSM\r\n\r\n', 'HTTP/2 connection preface'),
  c('junk after version', 'request', 'GET / HTTP/1.1⟨x\r\n\r\n', 'after the HTTP version'),
  c('space in target', 'request', 'GET /a ⟨b HTTP/1.1\r\n\r\n', 'expected "HTTP/" version'),
  c('bad status code', 'response', 'HTTP/1.1 20⟨ OK\r\n\r\n', 'status code must be 3 digits', { outcome: 'close' }),
  c('status line with junk after code', 'response', 'HTTP/1.1 200⟨0 OK\r\n\r\n', 'expected SP after the status code', { outcome: 'close' }),
  c('empty line for a status line', 'response', '⟨\r\nHTTP/1.1 200 OK\r\n\r\n', 'empty line', { outcome: 'close' }),
  c('no colon in field line', 'request', 'GET / HTTP/1.1\r\nHost⟨ example.com\r\n\r\n', 'whitespace between field name and colon'),
  c('field line without colon or space', 'request', 'GET / HTTP/1.1\r\nHost⟨\r\n\r\n', 'no colon'),
  c('space before colon', 'request', 'GET / HTTP/1.1\r\nHost⟨ : a\r\n\r\n', 'whitespace between field name and colon'),
  c('NUL in field name', 'request', 'GET / HTTP/1.1\r\nBad⟨\x00Name: x\r\n\r\n', 'in field name'),
  c('empty field name', 'request', 'GET / HTTP/1.1\r\n⟨: x\r\n\r\n', 'empty field name'),
  c('NUL in field value', 'request', 'GET / HTTP/1.1\r\nX: a⟨\x00b\r\n\r\n', 'NUL in field value'),
  c('bare CR in field value', 'request', 'GET / HTTP/1.1\r\nX: a⟨\rb\r\n\r\n', 'bare CR'),
  c('obs-fold', 'request', 'GET / HTTP/1.1\r\nX: a\r\n⟨ folded\r\n\r\n', 'obs-fold'),
  c('obs-fold in a response', 'response', 'HTTP/1.1 200 OK\r\nX: a\r\n⟨\tfolded\r\n\r\n', 'obs-fold', { outcome: 'close' }),
  c('whitespace before the first field', 'request', 'GET / HTTP/1.1\r\n⟨ Host: a\r\n\r\n', 'first field line'),
  c('bare LF after the request line', 'request', 'GET / HTTP/1.1⟨\nHost: a\n\n', 'bare LF'),
  c('bare LF ending the head', 'request', 'GET / HTTP/1.1\r\nHost: a\r\n⟨\n', 'bare LF'),
  c('conflicting Content-Length', 'request', 'POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: ⟨6\r\n\r\nhello', 'conflicting Content-Length'),
  c('invalid Content-Length', 'request', 'POST / HTTP/1.1\r\nContent-Length: ⟨5x\r\n\r\nhello', 'invalid Content-Length'),
  c('Transfer-Encoding with Content-Length', 'request', 'POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: ⟨chunked\r\n\r\n0\r\n\r\n', 'both Transfer-Encoding and Content-Length'),
  c('Transfer-Encoding with Content-Length in a response', 'response', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: ⟨5\r\n\r\n0\r\n\r\n', 'both Transfer-Encoding', { outcome: 'close' }),
  c('request coding not ending in chunked', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: ⟨gzip\r\n\r\n', 'does not end in chunked'),
  c('chunked twice', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: ⟨chunked, chunked\r\n\r\n', 'more than once'),
  c('Transfer-Encoding in HTTP/1.0', 'request', 'POST / HTTP/1.0\r\nTransfer-Encoding: ⟨chunked\r\n\r\n0\r\n\r\n', 'HTTP/1.0'),
  c('bad chunk size', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n⟨zz\r\nhi\r\n0\r\n\r\n', 'chunk size must be hex', { where: 'chunk-size' }),
  c('junk after chunk size', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2⟨x\r\nhi\r\n0\r\n\r\n', "expected ';'", { where: 'chunk-size' }),
  c('empty chunk size line', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n⟨\r\n', 'empty chunk-size line', { where: 'chunk-size' }),
  c('unterminated quoted extension', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;a="x⟨\r\nhi\r\n', 'unterminated quoted-string', { where: 'chunk-size' }),
  c('chunk size overflow', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFF⟨F\r\n', 'too large', { where: 'chunk-size' }),
  c('missing CRLF after chunk data', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello⟨XX\r\n0\r\n\r\n', 'not followed by CRLF', { where: 'chunk-data' }),
  c('CR without LF after chunk data', 'request', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r⟨X0\r\n\r\n', 'not followed by CRLF', { where: 'chunk-data' }),
  c('obs-fold in trailers', 'response', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n⟨ b\r\n\r\n', 'obs-fold', { where: 'trailers', outcome: 'close' }),
  c('second message malformed', 'request', 'GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nX⟨\x7f: 1\r\n\r\n', 'in field name'),
];

/** Errors that need no later byte to be certain: reported the moment their byte is in. */
const IMMEDIATE = new Set([
  'method not a token',
  'starts with a control',
  'two spaces after the method',
  'lower-case version',
  'bad status code',
  'space before colon',
  'NUL in field name',
  'empty field name',
  'NUL in field value',
  'obs-fold',
  'obs-fold in a response',
  'whitespace before the first field',
  'bad chunk size',
  'junk after chunk size',
  'chunk size overflow',
  'missing CRLF after chunk data',
  'CR without LF after chunk data',
  'obs-fold in trailers',
  'second message malformed',
]);

const errorOf = (items: Http1Item[]): Http1ErrorItem | undefined => items.find((i): i is Http1ErrorItem => i.type === 'error');

describe.each(CASES)('$name', (tc) => {
  const vector: Vector = { name: tc.name, role: tc.role, bytes: latin1Bytes(tc.text) };

  it('gives an error item at the offending byte', () => {
    const items = runSplit(vector, [], false);
    const err = errorOf(items);
    expect(err, latin1(coveredBytes(items))).toBeDefined();
    expect(err!.data.reason).toContain(tc.reason);
    expect(err!.data.offset).toBe(tc.at);
    expect(err!.data.at).toBe(tc.where ?? 'head');
    expect(err!.data.outcome).toBe(tc.outcome ?? '400');
    expect(items[items.length - 1]).toBe(err);
    expect(err!.offset + err!.raw.length - 1).toBe(tc.at);
    expect(coveredBytes(items)).toEqual(vector.bytes.subarray(0, tc.at + 1));
  });

  it('gives the same error for every split, and none before its byte arrives', () => {
    const reference = normalize(runSplit(vector, [], false));
    for (let i = 0; i <= vector.bytes.length; i++) expect(normalize(runSplit(vector, [i], false))).toEqual(reference);
    const parser = new Http1Parser(tc.role);
    expect(errorOf(parser.push(vector.bytes.subarray(0, tc.at)))).toBeUndefined();
    expect(errorOf(parser.push(vector.bytes.subarray(tc.at)))).toBeDefined();
  });

  it('is dead afterwards', () => {
    const parser = new Http1Parser(tc.role);
    parser.push(vector.bytes);
    expect(parser.push(latin1Bytes('GET / HTTP/1.1\r\n\r\n'))).toEqual([]);
    expect(parser.finish()).toEqual([]);
  });
});

describe.each(CASES.filter((tc) => IMMEDIATE.has(tc.name)))('$name', (tc) => {
  it('is reported as soon as the offending byte arrives', () => {
    const bytes = latin1Bytes(tc.text);
    const parser = new Http1Parser(tc.role);
    expect(errorOf(parser.push(bytes.subarray(0, tc.at)))).toBeUndefined();
    expect(errorOf(parser.push(bytes.subarray(tc.at, tc.at + 1)))).toBeDefined();
  });
});

describe('limits', () => {
  it('answers 431 when the head passes maxHeadBytes, at the first byte over', () => {
    const text = `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`;
    const items = new Http1Parser('request').push(latin1Bytes(text));
    const err = errorOf(items)!;
    expect(err.data).toMatchObject({ offset: 16384, outcome: '431', at: 'head' });
    expect(err.raw.length).toBe(16385);
  });

  it('accepts a head of exactly maxHeadBytes and rejects one byte more', () => {
    const head = 'GET / HTTP/1.1\r\nX: abc\r\n\r\n';
    expect(errorOf(new Http1Parser('request', { maxHeadBytes: head.length }).push(latin1Bytes(head)))).toBeUndefined();
    const err = errorOf(new Http1Parser('request', { maxHeadBytes: head.length - 1 }).push(latin1Bytes(head)));
    expect(err?.data).toMatchObject({ offset: head.length - 1, outcome: '431' });
  });

  it('answers 431 for more than maxHeaders field lines, at the first line over', () => {
    const lines = Array.from({ length: 101 }, (_, i) => `X-${i}: v\r\n`);
    const text = `GET / HTTP/1.1\r\n${lines.join('')}\r\n`;
    const err = errorOf(new Http1Parser('request').push(latin1Bytes(text)))!;
    expect(err.data).toMatchObject({ offset: text.indexOf('X-100:'), outcome: '431' });
    const ok = `GET / HTTP/1.1\r\n${lines.slice(0, 100).join('')}\r\n`;
    expect(errorOf(new Http1Parser('request').push(latin1Bytes(ok)))).toBeUndefined();
  });

  it('limits the trailer section too', () => {
    const text = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: ${'b'.repeat(100)}\r\n\r\n`;
    const parser = new Http1Parser('response', { maxHeadBytes: 64 });
    const err = errorOf(parser.push(latin1Bytes(text)))!;
    expect(err.data).toMatchObject({ at: 'trailers', outcome: 'close', offset: text.indexOf('0\r\nX') + 3 + 64 });
  });

  it('limits the chunk-size line', () => {
    const text = `POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(5000)}\r\n`;
    const err = errorOf(new Http1Parser('request').push(latin1Bytes(text)))!;
    expect(err.data).toMatchObject({ at: 'chunk-size', offset: text.indexOf('1;') + 4096 });
  });
});

describe('bytes after an upgrade request', () => {
  const upgradeRequest = 'GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n';

  it('are held, not reported, until the upgrade is accepted or declined', () => {
    const parser = new Http1Parser('request');
    expect(parser.push(latin1Bytes(upgradeRequest + '\x81\x05'))).toHaveLength(2);
    expect(parser.push(latin1Bytes('hello'))).toEqual([]);
    const items = parser.declineUpgrade();
    expect(errorOf(items)?.data.offset).toBe(upgradeRequest.length);
  });

  it('are reported at finish() when no one said', () => {
    const parser = new Http1Parser('request');
    parser.push(latin1Bytes(upgradeRequest + '\x81'));
    expect(errorOf(parser.finish())?.data.offset).toBe(upgradeRequest.length);
  });

  it('parse on as HTTP/1.1 when they are a next request (upgrade ignored by the server)', () => {
    const parser = new Http1Parser('request');
    const items = parser.push(latin1Bytes(upgradeRequest + 'GET /next HTTP/1.1\r\n\r\n'));
    expect(items.map((i) => i.type)).toEqual(['head', 'end', 'head', 'end']);
  });
});

describe('held bytes after an upgrade request', () => {
  it('are bounded by maxHeadBytes, then reported as declined', () => {
    const parser = new Http1Parser('request', { maxHeadBytes: 100 });
    parser.push(latin1Bytes('GET / HTTP/1.1\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n\x81'));
    expect(parser.push(new Uint8Array(99))).toEqual([]);
    const items = parser.push(new Uint8Array(1));
    expect(items.map((i) => i.type)).toEqual(['error']);
  });
});
