import { describe, expect, it } from 'vitest';
import { describeEvent, describeEventType, summarizeEvent } from './event-summary';
import type { EventName, SessionEvent } from './events';

const base = { seq: 1, time: 1.5, conn: 1, vantage: 'client' as const };

function ev(name: string, data: unknown): SessionEvent {
  return { ...base, name, data: data as object } as SessionEvent;
}

describe('summarizeEvent', () => {
  it('summarises a request head', () => {
    const headers = [
      ['Host', 'localhost'],
      ['User-Agent', 'framescope'],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'identity'],
      ['Connection', 'keep-alive'],
    ];
    const e = ev('h1:head', { kind: 'request', method: 'GET', target: '/chunk?n=3&ms=1000', version: 'HTTP/1.1', headers, framing: 'none' });
    expect(summarizeEvent(e)).toBe('GET /chunk?n=3&ms=1000 HTTP/1.1 (5 headers)');
  });

  it('adds HTTP/ to a bare version and counts one header', () => {
    const e = ev('h1:head', { kind: 'request', method: 'GET', target: '/', version: '1.1', headers: [['Host', 'x']], framing: 'none' });
    expect(summarizeEvent(e)).toBe('GET / HTTP/1.1 (1 header)');
  });

  it('summarises response heads by framing', () => {
    const r = { kind: 'response', status: 200, reason: 'OK', version: 'HTTP/1.1', headers: [] };
    expect(summarizeEvent(ev('h1:head', { ...r, framing: 'chunked' }))).toBe('200 OK, chunked');
    expect(summarizeEvent(ev('h1:head', { ...r, framing: 'content-length', contentLength: 18 }))).toBe('200 OK, content-length 18');
    expect(summarizeEvent(ev('h1:head', { ...r, framing: 'until-close' }))).toBe('200 OK, body until close');
    expect(summarizeEvent(ev('h1:head', { ...r, status: 204, reason: 'No Content', framing: 'none' }))).toBe('204 No Content, no body');
  });

  it('summarises chunks and the end of a message', () => {
    expect(summarizeEvent(ev('h1:chunk', { size: 6, sizeLine: '6', extensions: [], index: 2 }))).toBe('chunk #2: 6 bytes (size line "6")');
    expect(summarizeEvent(ev('h1:chunk', { size: 0, sizeLine: '0', extensions: [], index: 4 }))).toBe('last chunk (size line "0")');
    expect(summarizeEvent(ev('h1:message_end', { kind: 'response', bodyBytes: 18, trailers: [], chunks: 3 }))).toBe('end: 3 chunks, 18 body bytes');
    expect(summarizeEvent(ev('h1:message_end', { kind: 'response', bodyBytes: 5, trailers: [['x', 'y']], chunks: 1 }))).toBe(
      'end: 1 chunk, 5 body bytes, 1 trailer',
    );
    expect(summarizeEvent(ev('h1:message_end', { kind: 'request', bodyBytes: 0, trailers: [], chunks: 0 }))).toBe('end: 0 body bytes');
    expect(summarizeEvent(ev('h1:body', { length: 6, offset: 12 }))).toBe('body: 6 bytes (12 so far)');
  });

  it('summarises TLS, TCP and app events', () => {
    expect(summarizeEvent(ev('tls:handshake_done', { version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', alpn: 'http/1.1' }))).toBe(
      'TLS 1.3 TLS_AES_128_GCM_SHA256 ALPN http/1.1',
    );
    expect(summarizeEvent(ev('tls:handshake_done', { version: 'TLS 1.3', cipher: 'X', alpn: null }))).toBe('TLS 1.3 X no ALPN');
    expect(
      summarizeEvent(ev('tcp:connected', { local: { address: '127.0.0.1', port: 51234 }, remote: { address: '::1', port: 8443 } })),
    ).toBe('127.0.0.1:51234 → [::1]:8443');
    expect(summarizeEvent(ev('tcp:closed', { by: 'remote', bytesSent: 10, bytesReceived: 20 }))).toBe(
      'closed by remote; 10 bytes sent, 20 received',
    );
    expect(summarizeEvent(ev('tcp:bytes', { length: 16, preview: 'GET / HTTP/1.1\\r\\n' }))).toBe('16 bytes: "GET / HTTP/1.1\\r\\n"');
    expect(summarizeEvent(ev('h1:error', { reason: 'bad chunk size', offset: 40, at: 'chunk-size', outcome: '400' }))).toBe(
      'error in chunk-size at offset 40: bad chunk size → 400',
    );
    expect(
      summarizeEvent(ev('app:scenario_started', { scenario: 'chunked-response', target: 'https://127.0.0.1:8443/', options: { n: 3, ms: 1000 } })),
    ).toBe('chunked-response → https://127.0.0.1:8443/ (n=3 ms=1000)');
    expect(summarizeEvent(ev('app:scenario_finished', { scenario: 'x', ok: false, error: 'timeout', durationMs: 12.34 }))).toBe(
      'x failed: timeout in 12.3 ms',
    );
    expect(summarizeEvent(ev('app:note', { text: 'chunk 2 leaves now' }))).toBe('chunk 2 leaves now');
  });

  it('summarises HTTP/2 frames and state', () => {
    const headers = [
      [':method', 'GET'],
      [':path', '/chunk'],
      [':scheme', 'https'],
      [':authority', 'localhost'],
    ];
    expect(
      summarizeEvent(ev('h2:frame', { type: 'HEADERS', frameType: 1, flags: ['END_STREAM', 'END_HEADERS'], length: 30, streamId: 1, headers })),
    ).toBe('HEADERS stream 1 [END_STREAM END_HEADERS]: GET /chunk (4 headers)');
    expect(summarizeEvent(ev('h2:frame', { type: 'HEADERS', frameType: 1, flags: [], length: 9, streamId: 1, headers: [[':status', '200']] }))).toBe(
      'HEADERS stream 1: 200 (1 header)',
    );
    expect(summarizeEvent(ev('h2:frame', { type: 'DATA', frameType: 0, flags: ['END_STREAM'], length: 6, dataLength: 6, streamId: 3 }))).toBe(
      'DATA stream 3 [END_STREAM]: 6 bytes',
    );
    expect(
      summarizeEvent(
        ev('h2:frame', { type: 'SETTINGS', frameType: 4, flags: [], length: 12, streamId: 0, settings: [{ id: 3, name: 'MAX_CONCURRENT_STREAMS', value: 100 }] }),
      ),
    ).toBe('SETTINGS stream 0: MAX_CONCURRENT_STREAMS=100');
    expect(summarizeEvent(ev('h2:frame', { type: 'SETTINGS', frameType: 4, flags: ['ACK'], length: 0, streamId: 0, settings: [] }))).toBe('SETTINGS stream 0 [ACK]');
    expect(summarizeEvent(ev('h2:frame', { type: 'WINDOW_UPDATE', frameType: 8, flags: [], length: 4, streamId: 0, increment: 65535 }))).toBe(
      'WINDOW_UPDATE stream 0: +65535',
    );
    expect(
      summarizeEvent(ev('h2:frame', { type: 'GOAWAY', frameType: 7, flags: [], length: 8, streamId: 0, lastStreamId: 5, errorName: 'NO_ERROR' })),
    ).toBe('GOAWAY stream 0: last stream 5, NO_ERROR');
    expect(summarizeEvent(ev('h2:frame', { type: 'UNKNOWN', frameType: 0xfa, flags: [], length: 3, streamId: 0 }))).toBe(
      'UNKNOWN stream 0: type 0xfa, 3 bytes',
    );
    expect(summarizeEvent(ev('h2:stream_state', { from: 'idle', to: 'open', cause: 'sent HEADERS' }))).toBe('idle → open (sent HEADERS)');
    expect(summarizeEvent(ev('h2:flow_window', { scope: 'stream', side: 'send', window: 65529, delta: -6, cause: 'sent DATA' }))).toBe(
      'stream send window 65529 (-6, sent DATA)',
    );
    expect(
      summarizeEvent(ev('h2:error', { code: 'PROTOCOL_ERROR', codeNumber: 1, scope: 'connection', initiator: 'remote', reason: 'bad preface' })),
    ).toBe('connection error PROTOCOL_ERROR (by remote): bad preface');
    expect(
      summarizeEvent(ev('hpack:table_updated', { entries: [{}, {}], size: 120, maxSize: 4096, inserted: [{}], evicted: [] })),
    ).toBe('2 entries, 120/4096 bytes; +1 inserted');
  });

  it('summarises unknown names as key=value', () => {
    const e = ev('h2:frame_parsed', { type: 'HEADERS', length: 42, flags: ['END_HEADERS'], nested: { a: 1 }, label: 'two words' });
    expect(summarizeEvent(e)).toBe('type=HEADERS length=42 flags=[1] nested={…} label="two words"');
  });

  it('never throws on odd data', () => {
    for (const data of [null, undefined, 42, 'text', [], { headers: 'nope' }, { local: null }]) {
      for (const name of ['h1:head', 'h1:chunk', 'tcp:connected', 'tls:handshake_done', 'zz:unknown']) {
        expect(typeof summarizeEvent(ev(name, data))).toBe('string');
      }
    }
  });

  it('falls back to key=value when a known name has the wrong data', () => {
    expect(summarizeEvent(ev('h1:head', null))).toBe('');
    expect(summarizeEvent(ev('h1:chunk', { size: 'x', index: {} }))).toBe('size=x index={…}');
  });

  it('keeps summaries on one line and bounded', () => {
    const line = summarizeEvent(ev('app:note', { text: `a\r\nb${'x'.repeat(1000)}` }));
    expect(line).not.toMatch(/[\r\n]/);
    expect(line.length).toBeLessThanOrEqual(200);
  });
});

describe('describeEventType', () => {
  const known: EventName[] = [
    'tcp:connected',
    'tcp:closed',
    'tcp:bytes',
    'tls:handshake_done',
    'h1:head',
    'h1:chunk',
    'h1:body',
    'h1:message_end',
    'h1:error',
    'h2:frame',
    'h2:stream_state',
    'h2:flow_window',
    'h2:settings_applied',
    'h2:error',
    'hpack:table_updated',
    'app:scenario_started',
    'app:scenario_finished',
    'app:note',
    'app:error',
  ];

  it('explains every known name', () => {
    for (const name of known) {
      const d = describeEventType(name);
      expect(d.title.length).toBeGreaterThan(3);
      expect(d.explanation.length).toBeGreaterThan(80);
      if (!name.startsWith('app:')) expect(d.reference?.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+$/);
    }
  });

  it('links chunks to RFC 9112 §7.1 and TLS to RFC 8446', () => {
    expect(describeEventType('h1:chunk').reference).toEqual({
      label: 'RFC 9112 §7.1 Chunked Transfer Coding',
      url: 'https://www.rfc-editor.org/rfc/rfc9112#section-7.1',
    });
    expect(describeEventType('tls:handshake_done').reference?.url).toContain('rfc8446');
    expect(describeEventType('h1:head').seeAlso?.map((r) => r.url)).toContain('https://www.rfc-editor.org/rfc/rfc9112#section-3');
  });

  it('refines HTTP/2 frames by type and h1 heads by kind', () => {
    const frame = (type: string) => describeEvent(ev('h2:frame', { type, frameType: 0, flags: [], length: 0, streamId: 0 }));
    expect(frame('SETTINGS').reference?.url).toBe('https://www.rfc-editor.org/rfc/rfc9113#section-6.5');
    expect(frame('SETTINGS').title).toBe('HTTP/2 SETTINGS frame');
    expect(frame('CONTINUATION').reference?.url).toBe('https://www.rfc-editor.org/rfc/rfc9113#section-6.10');
    expect(frame('PRIORITY_UPDATE').reference?.url).toContain('rfc9218');
    expect(frame('UNKNOWN').reference?.url).toBe('https://www.rfc-editor.org/rfc/rfc9113#section-5.5');
    expect(describeEvent(ev('h1:head', { kind: 'response' })).seeAlso?.[0]?.url).toBe('https://www.rfc-editor.org/rfc/rfc9112#section-4');
    expect(describeEvent(ev('h1:head', null)).title).toBe('HTTP/1.1 message head');
    expect(describeEvent(ev('zz:new', {})).explanation).toContain('shown as is');
  });

  it('describes unknown names generically', () => {
    const d = describeEventType('h9:quantum');
    expect(d.title).toBe('h9:quantum');
    expect(d.explanation).toContain('from a newer version of Framescope; shown as is');
    expect(d.reference).toBeUndefined();
    expect(describeEventType('toString').title).toBe('toString');
  });
});
