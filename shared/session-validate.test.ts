import { describe, expect, it } from 'vitest';
import { SESSION_FORMAT, SESSION_VERSION } from './session-format';
import { base64Length, parseHeader, parseLine, SessionFormatError } from './session-validate';

const header = {
  format: SESSION_FORMAT,
  version: SESSION_VERSION,
  appVersion: '0.1.0',
  scenario: null,
  network: { delayMs: 10, lossPercent: 1.5, bandwidthKbps: 0 },
  startedAt: '2025-01-01T00:00:00.000Z',
};
const connection = {
  id: 1, vantages: ['client'], protocol: 'h1', transport: 'tcp', client: { address: '127.0.0.1', port: 5000 },
  server: { address: '::1', port: 443 }, tls: false, openedAt: 0, label: 'h1 #1',
};
const event = { seq: 0, time: 1.5, conn: 1, vantage: 'client', name: 'h1:body', stream: 1, dir: 'received', raw: 'aGVsbG8=', fields: [{ path: 'x', start: 0, end: 5 }], data: { length: 5, offset: 5 } };

function headerError(value: unknown): SessionFormatError {
  const r = parseHeader(JSON.stringify(value));
  expect(r).toBeInstanceOf(SessionFormatError);
  return r as SessionFormatError;
}
function lineError(value: unknown, lineNo = 7): SessionFormatError {
  const r = parseLine(JSON.stringify(value), lineNo);
  expect(r).toBeInstanceOf(SessionFormatError);
  expect((r as SessionFormatError).line).toBe(lineNo);
  return r as SessionFormatError;
}

describe('parseHeader', () => {
  it('accepts a valid header and returns it as parsed', () => {
    expect(parseHeader(JSON.stringify(header))).toEqual(header);
    expect(parseHeader(JSON.stringify({ ...header, scenario: 'x', target: 'https://localhost/', future: 1 }))).not.toBeInstanceOf(SessionFormatError);
  });

  it('calls non-JSON and other formats foreign', () => {
    for (const text of ['', 'hello', '\u0000\u0001', '[1,2]']) {
      const e = parseHeader(text) as SessionFormatError;
      expect(e.kind).toBe('foreign');
      expect(e.reason).toMatch(/not a Framescope session/);
    }
    expect(headerError({ ...header, format: 'har' }).kind).toBe('foreign');
    expect(headerError({ log: { version: '1.2' } }).reason).toBe('not a Framescope session');
  });

  it('says which version a newer file needs', () => {
    const e = headerError({ ...header, version: SESSION_VERSION + 1 });
    expect(e.kind).toBe('newer');
    expect(e.line).toBe(1);
    expect(e.reason).toContain(`version ${SESSION_VERSION + 1}`);
    expect(e.reason).toContain(`up to ${SESSION_VERSION}`);
  });

  it.each([
    [{ version: 0 }, /version/], [{ version: 1.5 }, /version/], [{ version: '1' }, /version/],
    [{ appVersion: 1 }, /appVersion/], [{ scenario: 3 }, /scenario/], [{ target: null }, /target/],
    [{ network: null }, /network/], [{ network: { delayMs: -1, lossPercent: 0, bandwidthKbps: 0 } }, /delayMs/],
    [{ network: { delayMs: 0, lossPercent: 101, bandwidthKbps: 0 } }, /lossPercent/],
    [{ network: { delayMs: 0, lossPercent: 0 } }, /bandwidthKbps/],
    [{ startedAt: 'yesterday' }, /startedAt/], [{ startedAt: 5 }, /startedAt/],
  ])('refuses a header with %j', (patch, reason) => {
    const e = headerError({ ...header, ...patch });
    expect(e.kind).toBe('invalid');
    expect(e.reason).toMatch(reason);
    expect(e.message).toMatch(/^line 1: /);
  });
});

describe('parseLine: connection records', () => {
  it('accepts a valid record, with optional fields', () => {
    const full = { ...connection, vantages: ['client', 'server'], alpn: null, tlsVersion: 'TLSv1.3', cipher: 'x', serverName: 'localhost', closedAt: 9 };
    expect(parseLine(JSON.stringify({ connection: full }), 2)).toEqual({ connection: full });
  });

  it.each([
    [{ id: -1 }, /connection.id/], [{ id: 1.5 }, /connection.id/], [{ vantages: [] }, /vantages/],
    [{ vantages: ['both'] }, /vantages/], [{ protocol: 'h4' }, /protocol/], [{ transport: 'sctp' }, /transport/],
    [{ client: { address: 'x', port: 70000 } }, /client/], [{ server: { port: 1 } }, /server/],
    [{ tls: 'yes' }, /tls/], [{ alpn: 5 }, /alpn/], [{ cipher: 5 }, /cipher/], [{ openedAt: -2 }, /openedAt/],
    [{ closedAt: 'later' }, /closedAt/], [{ label: undefined }, /label/],
  ])('refuses %j', (patch, reason) => {
    expect(lineError({ connection: { ...connection, ...patch } }).reason).toMatch(reason);
  });

  it('refuses a record that is not an object', () => {
    expect(lineError({ connection: [1] }).reason).toMatch(/connection must be an object/);
  });
});

describe('parseLine: events', () => {
  it('accepts a valid event and returns the parsed object', () => {
    expect(parseLine(JSON.stringify(event), 3)).toEqual(event);
    const minimal = { seq: 5, time: 0, conn: 0, vantage: 'server', name: 'app:note', data: { text: 'hi' } };
    expect(parseLine(JSON.stringify(minimal), 3)).toEqual(minimal);
  });

  it('keeps unknown names as generic events whose data is any object', () => {
    const generic = { seq: 1, time: 2, conn: 1, vantage: 'client', name: 'h3:frame_created', data: { frame: { type: 'headers' } }, extra: true };
    expect(parseLine(JSON.stringify(generic), 3)).toEqual(generic);
    expect(lineError({ ...generic, data: 'x' }).reason).toMatch(/data must be an object/);
    expect(lineError({ ...generic, data: [1] }).reason).toMatch(/data must be an object/);
  });

  it.each([
    [{ seq: -1 }, /seq/], [{ seq: 0.5 }, /seq/], [{ seq: '0' }, /seq/], [{ time: -0.1 }, /time/],
    [{ time: null }, /time/], [{ conn: -1 }, /conn/], [{ vantage: 'proxy' }, /vantage/], [{ name: '' }, /name/],
    [{ name: 7 }, /name/], [{ stream: -1 }, /stream/], [{ dir: 'up' }, /dir/], [{ raw: 5 }, /raw/],
    [{ raw: 'not base64!' }, /raw/], [{ raw: 'abcde' }, /raw/], [{ raw: 'ab=c' }, /raw/], [{ data: null }, /data/],
    [{ fields: {} }, /fields must be an array/], [{ fields: [{ start: 0, end: 1 }] }, /fields\[0\]/],
    [{ fields: [{ path: 'a', start: 0, end: 6 }] }, /fields\[0\] \(a\).*0-5/], [{ fields: [{ path: 'a', start: 3, end: 2 }] }, /fields\[0\]/],
    [{ fields: [{ path: 'a', start: 0, end: 1 }, { path: 'b', start: -1, end: 1 }] }, /fields\[1\]/],
  ])('refuses an event with %j', (patch, reason) => {
    expect(lineError({ ...event, ...patch }).reason).toMatch(reason);
  });

  it('bounds field spans by the raw bytes, or by nothing without raw', () => {
    const { raw: _raw, ...noRaw } = event;
    expect(lineError({ ...noRaw, fields: [{ path: 'a', start: 0, end: 1 }] }).reason).toMatch(/0-0/);
    expect(parseLine(JSON.stringify({ ...noRaw, fields: [{ path: 'a', start: 0, end: 0 }] }), 2)).not.toBeInstanceOf(SessionFormatError);
  });

  it('checks the data of known names', () => {
    const head = { ...event, name: 'h1:head', data: { kind: 'request', method: 'GET', target: '/', version: 'HTTP/1.1', headers: [['a', 'b']], framing: 'none' } };
    expect(parseLine(JSON.stringify(head), 2)).not.toBeInstanceOf(SessionFormatError);
    expect(lineError({ ...head, data: { ...head.data, headers: [['a']] } }).reason).toMatch(/data.headers/);
    expect(lineError({ ...head, data: { ...head.data, framing: 'magic' } }).reason).toMatch(/data.framing must be one of/);
    expect(lineError({ ...head, data: { ...head.data, kind: undefined } }).reason).toMatch(/data.kind is missing/);
    expect(lineError({ ...event, data: { length: -1, offset: 0 } }).reason).toMatch(/data.length must be an integer/);
    const started = { ...event, name: 'app:scenario_started', data: { scenario: 's', target: 't', options: { a: 1, b: 'x', c: true } } };
    expect(parseLine(JSON.stringify(started), 2)).not.toBeInstanceOf(SessionFormatError);
    expect(lineError({ ...started, data: { ...started.data, options: { a: {} } } }).reason).toMatch(/options/);
    const closed = { ...event, name: 'tcp:closed', data: { by: 'remote', bytesSent: 1, bytesReceived: 2 } };
    expect(parseLine(JSON.stringify(closed), 2)).not.toBeInstanceOf(SessionFormatError);
    expect(lineError({ ...closed, data: { ...closed.data, by: 'nobody' } }).reason).toMatch(/data.by/);
  });

  it('refuses lines that are not JSON objects', () => {
    expect((parseLine('{"seq":1,', 4) as SessionFormatError).reason).toBe('not valid JSON');
    expect((parseLine('[1]', 4) as SessionFormatError).reason).toMatch(/JSON object/);
    expect((parseLine('null', 4) as SessionFormatError).reason).toMatch(/JSON object/);
  });
});

describe('base64Length', () => {
  it('measures padded and unpadded base64', () => {
    expect(base64Length('')).toBe(0);
    expect(base64Length('aGk=')).toBe(2);
    expect(base64Length('aGk')).toBe(2);
    expect(base64Length('aGVsbG8=')).toBe(5);
    expect(base64Length('aGVsbG8h')).toBe(6);
    expect(base64Length('a')).toBe(-1);
    expect(base64Length('aG=')).toBe(-1);
    expect(base64Length('a-b_')).toBe(-1);
    expect(base64Length('====')).toBe(-1);
    expect(base64Length('aG==')).toBe(1);
    expect(base64Length('ab=a')).toBe(-1);
    expect(base64Length('=a==')).toBe(-1);
    expect(base64Length('aGk=\n')).toBe(-1);
  });
});
