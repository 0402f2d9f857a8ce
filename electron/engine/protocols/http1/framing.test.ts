import { describe, expect, it } from 'vitest';
import type { H1HeadData, HeaderField } from '../../../../shared/events';
import { isUpgrade, messageFraming, wantsClose } from './framing';

const request = (headers: HeaderField[], version = 'HTTP/1.1', method = 'GET'): H1HeadData => ({
  kind: 'request',
  method,
  target: '/',
  version,
  headers,
  framing: 'none',
});
const response = (status: number, headers: HeaderField[], version = 'HTTP/1.1', framing: H1HeadData['framing'] = 'content-length'): H1HeadData => ({
  kind: 'response',
  status,
  reason: '',
  version,
  headers,
  framing,
});

describe('wantsClose (RFC 9112 §9.3)', () => {
  it('keeps HTTP/1.1 open unless "close" is sent', () => {
    expect(wantsClose(request([]))).toBe(false);
    expect(wantsClose(request([['Connection', 'Keep-Alive, CLOSE']]))).toBe(true);
    expect(wantsClose(response(200, [['connection', 'close']]))).toBe(true);
  });

  it('closes HTTP/1.0 unless "keep-alive" is sent', () => {
    expect(wantsClose(request([], 'HTTP/1.0'))).toBe(true);
    expect(wantsClose(request([['Connection', 'keep-alive']], 'HTTP/1.0'))).toBe(false);
    expect(wantsClose(response(200, [['Connection', 'Keep-Alive']], 'HTTP/1.0'))).toBe(false);
  });

  it('closes after a body read until close', () => {
    expect(wantsClose(response(200, [], 'HTTP/1.1', 'until-close'))).toBe(true);
  });
});

describe('isUpgrade', () => {
  it('needs Upgrade and the "upgrade" connection option, or CONNECT', () => {
    expect(isUpgrade(request([['Upgrade', 'websocket'], ['Connection', 'keep-alive, Upgrade']]))).toBe(true);
    expect(isUpgrade(request([['Upgrade', 'websocket']]))).toBe(false);
    expect(isUpgrade(request([['Upgrade', 'h2c'], ['Connection', 'upgrade']], 'HTTP/1.0'))).toBe(false);
    expect(isUpgrade(request([], 'HTTP/1.1', 'CONNECT'))).toBe(true);
    expect(isUpgrade(response(101, []))).toBe(true);
    expect(isUpgrade(response(200, [['Upgrade', 'h2c']]))).toBe(false);
  });
});

describe('messageFraming (RFC 9112 §6.3)', () => {
  const frame = (kind: 'request' | 'response', headers: HeaderField[], extra: { status?: number; requestMethod?: string; version?: string } = {}) =>
    messageFraming({ kind, headers, version: extra.version ?? 'HTTP/1.1', status: extra.status, requestMethod: extra.requestMethod });

  it('follows the rules in order', () => {
    expect(frame('response', [['Content-Length', '5']], { status: 200, requestMethod: 'HEAD' })).toMatchObject({ framing: 'none' });
    expect(frame('response', [['Transfer-Encoding', 'chunked']], { status: 304 })).toMatchObject({ framing: 'none' });
    expect(frame('response', [], { status: 200, requestMethod: 'CONNECT' })).toMatchObject({ framing: 'none', tunnel: true });
    expect(frame('response', [], { status: 407, requestMethod: 'CONNECT' })).toMatchObject({ framing: 'until-close', tunnel: false });
    expect(frame('response', [['Transfer-Encoding', 'gzip']], { status: 200 })).toMatchObject({ framing: 'until-close' });
    expect(frame('request', [['transfer-encoding', 'gzip'], ['Transfer-Encoding', 'Chunked']])).toMatchObject({ framing: 'chunked' });
    expect(frame('request', [['Content-Length', '42, 42'], ['content-length', '42']])).toMatchObject({ framing: 'content-length', contentLength: 42 });
    expect(frame('request', [])).toMatchObject({ framing: 'none' });
    expect(frame('response', [], { status: 200 })).toMatchObject({ framing: 'until-close' });
  });

  it('points at the field at fault', () => {
    expect(frame('request', [['Host', 'a'], ['Content-Length', '1'], ['Content-Length', '2']])).toMatchObject({ ok: false, header: 2 });
    expect(frame('request', [['Transfer-Encoding', 'chunked'], ['Content-Length', '2']])).toMatchObject({ ok: false, header: 1 });
    expect(frame('request', [['Content-Length', '-1']])).toMatchObject({ ok: false, header: 0 });
    expect(frame('request', [['Content-Length', '99999999999999999999']])).toMatchObject({ ok: false, reason: 'Content-Length too large' });
    expect(frame('request', [['Transfer-Encoding', ' , ']])).toMatchObject({ ok: false, header: 0 });
  });
});
