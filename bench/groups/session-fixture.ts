/**
 * A synthetic, deterministic session shaped like a busy h1 recording, for the session benchmark.
 *
 * The mix: 100 connections (2/3 over TLS), interleaved at random as if they ran at once. Each connection
 * opens (tcp:connected, tls:handshake_done, both vantages) and then runs exchanges, one stream index each:
 * request and response heads (h1:head, raw head bytes and a field span per line), then a body that is
 * chunked two times in three (5-40 h1:chunk events of 20-60 byte SSE/JSON-like payloads, with size and data
 * spans) or else Content-Length (2-10 h1:body pieces of 32-64 bytes), then h1:message_end on both sides.
 * Every wire item is seen twice, as 'sent' by one vantage and 'received' by the other, like a real session
 * of our client against our server. One exchange in eight adds an app:note. Connections close (tcp:closed)
 * when their exchanges are done; the session stops at exactly `count` events.
 *
 * Measured on the 1M-event session: 74.7% h1:chunk, 10.0% h1:head, 9.9% h1:body, 5.0% h1:message_end, 0.3%
 * app:note, <0.1% tcp:/tls: events; 98% carry raw (51 bytes on average), 85% carry field spans; 25,000
 * streams over 12.5 s of session time; 331 bytes per event as a JSON line.
 */
import type { ConnectionInfo, PendingEvent } from '../../shared/events';
import type { SessionHeader } from '../../shared/session-format';
import { SESSION_FORMAT, SESSION_VERSION } from '../../shared/session-format';
import { seededRandom as mulberry32 } from '../../shared/seeded-random';

/** A session to bench with: header, connections and events (without seq). */
export interface SyntheticSession {
  readonly header: SessionHeader;
  readonly connections: ConnectionInfo[];
  readonly events: PendingEvent[];
}

const WORDS = ['tick', 'alpha', 'bravo', 'stream', 'chunk', 'frame', 'window', 'update', 'ping', 'data', 'hello', 'world', 'ok', 'late', 'early', 'retry'];

/** Makes `count` events over `connections` connections, the same every time for the same arguments. */
export function syntheticSession(count = 1_000_000, connections = 100, seed = 1): SyntheticSession {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const header: SessionHeader = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    appVersion: '0.1.0',
    scenario: 'bench-synthetic',
    network: { delayMs: 0, lossPercent: 0, bandwidthKbps: 0 },
    startedAt: '2025-01-01T00:00:00.000Z',
  };
  const infos: ConnectionInfo[] = [];
  const scripts: Generator<PendingEvent[], void, number>[] = [];
  for (let id = 1; id <= connections; id++) {
    const tls = id % 3 !== 0;
    const port = 50000 + id;
    infos.push({
      id,
      vantages: ['client', 'server'],
      protocol: 'h1',
      transport: 'tcp',
      client: { address: '127.0.0.1', port },
      server: { address: '127.0.0.1', port: tls ? 8443 : 8080 },
      tls,
      ...(tls ? { alpn: 'http/1.1', tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', serverName: 'localhost' } : {}),
      openedAt: 0,
      label: `h1 #${id} 127.0.0.1:${port} → :${tls ? 8443 : 8080}`,
    });
    scripts.push(connectionScript(id, tls, port, int, rand));
  }
  const events: PendingEvent[] = [];
  let time = 0;
  let alive = scripts.map((_, i) => i);
  while (events.length < count && alive.length > 0) {
    const pick = alive[int(0, alive.length - 1)]!;
    time += rand() * 0.05;
    const next = scripts[pick]!.next(Math.round(time * 1000) / 1000);
    if (next.done) alive = alive.filter((i) => i !== pick);
    else for (const e of next.value) if (events.length < count) events.push(e);
  }
  return { header, connections: infos, events };
}

/** Yields groups of events (one wire item seen by both ends); receives the current time. */
function* connectionScript(
  conn: number,
  tls: boolean,
  port: number,
  int: (lo: number, hi: number) => number,
  rand: () => number,
): Generator<PendingEvent[], void, number> {
  let time: number = yield [];
  const both = (make: (vantage: 'client' | 'server', dir: 'sent' | 'received') => PendingEvent, sender: 'client' | 'server'): PendingEvent[] => {
    const receiver = sender === 'client' ? 'server' : 'client';
    return [make(sender, 'sent'), make(receiver, 'received')];
  };
  const local = { address: '127.0.0.1', port }, remote = { address: '127.0.0.1', port: tls ? 8443 : 8080 };
  time = yield [
    { time, conn, vantage: 'client', name: 'tcp:connected', data: { local, remote } },
    { time, conn, vantage: 'server', name: 'tcp:connected', data: { local: remote, remote: local } },
  ];
  if (tls) {
    const data = { version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', alpn: 'http/1.1', alpnOffered: ['h2', 'http/1.1'], serverName: 'localhost' };
    time = yield [{ time, conn, vantage: 'client', name: 'tls:handshake_done', data }, { time, conn, vantage: 'server', name: 'tls:handshake_done', data }];
  }
  const exchanges = int(200, 400);
  let sent = 0;
  for (let stream = 1; stream <= exchanges; stream++) {
    const chunked = rand() < 2 / 3;
    const path = `/${WORDS[int(0, WORDS.length - 1)]}/${int(1, 9999)}`;
    const reqHeaders: [string, string][] = [['Host', `localhost:${remote.port}`], ['User-Agent', 'framescope/0.1'], ['Accept', '*/*']];
    const req = head(`GET ${path} HTTP/1.1`, reqHeaders);
    time = yield both((vantage, dir) => ({
      time, conn, vantage, stream, dir, name: 'h1:head', raw: req.raw, fields: req.fields,
      data: { kind: 'request', method: 'GET', target: path, version: 'HTTP/1.1', headers: reqHeaders, framing: 'none' },
    }), 'client');
    const body = chunked ? [] : Array.from({ length: int(2, 10) }, () => payload(int(32, 64), int, stream));
    const length = body.reduce((n, b) => n + b.length, 0);
    const resHeaders: [string, string][] = [
      ['content-type', chunked ? 'text/event-stream' : 'application/json'],
      chunked ? ['transfer-encoding', 'chunked'] : ['content-length', String(length)],
      ['date', 'Wed, 01 Jan 2025 00:00:00 GMT'],
    ];
    const res = head('HTTP/1.1 200 OK', resHeaders);
    time = yield both((vantage, dir) => ({
      time, conn, vantage, stream, dir, name: 'h1:head', raw: res.raw, fields: res.fields,
      data: { kind: 'response', status: 200, reason: 'OK', version: 'HTTP/1.1', headers: resHeaders, framing: chunked ? 'chunked' : 'content-length', ...(chunked ? {} : { contentLength: length }) },
    }), 'server');
    let chunks = 0, bodyBytes = 0;
    if (chunked) {
      const n = int(5, 40);
      for (let index = 1; index <= n; index++) {
        const text = payload(int(20, 60), int, index);
        const sizeLine = text.length.toString(16);
        const bytes = `${sizeLine}\r\n${text}\r\n`;
        const raw = Buffer.from(bytes, 'latin1').toString('base64');
        const fields = [{ path: 'size', start: 0, end: sizeLine.length }, { path: 'data', start: sizeLine.length + 2, end: sizeLine.length + 2 + text.length }];
        time = yield both((vantage, dir) => ({ time, conn, vantage, stream, dir, name: 'h1:chunk', raw, fields, data: { size: text.length, sizeLine, extensions: [], index } }), 'server');
        chunks++;
        bodyBytes += text.length;
      }
    } else {
      for (const piece of body) {
        bodyBytes += piece.length;
        const offset = bodyBytes;
        const raw = Buffer.from(piece, 'latin1').toString('base64');
        time = yield both((vantage, dir) => ({ time, conn, vantage, stream, dir, name: 'h1:body', raw, data: { length: piece.length, offset } }), 'server');
      }
    }
    const endRaw = chunked ? Buffer.from('0\r\n\r\n').toString('base64') : undefined;
    time = yield both((vantage, dir) => ({
      time, conn, vantage, stream, dir, name: 'h1:message_end', ...(endRaw ? { raw: endRaw } : {}),
      data: { kind: 'response', bodyBytes, trailers: [], chunks },
    }), 'server');
    sent += req.bytes;
    if (stream % 8 === 0) time = yield [{ time, conn: 0, vantage: 'client', name: 'app:note', data: { text: `connection ${conn}: exchange ${stream} done` } }];
  }
  yield both((vantage) => ({ time, conn, vantage, name: 'tcp:closed', data: { by: vantage === 'client' ? 'local' : 'remote', bytesSent: sent, bytesReceived: sent * 3 } }), 'client');
}

/** Head bytes (base64) and a field span per line. */
function head(startLine: string, headers: readonly (readonly [string, string])[]): { raw: string; fields: { path: string; start: number; end: number }[]; bytes: number } {
  const lines = [startLine, ...headers.map(([n, v]) => `${n}: ${v}`)];
  const fields: { path: string; start: number; end: number }[] = [];
  let at = 0;
  lines.forEach((line, i) => {
    fields.push({ path: i === 0 ? 'startLine' : `headers.${i - 1}`, start: at, end: at + line.length });
    at += line.length + 2;
  });
  const text = lines.join('\r\n') + '\r\n\r\n';
  return { raw: Buffer.from(text, 'latin1').toString('base64'), fields, bytes: text.length };
}

/** SSE/JSON-like text of about `size` characters. */
function payload(size: number, int: (lo: number, hi: number) => number, n: number): string {
  let text = `data: {"n":${n},"t":${int(0, 99999)},"msg":"`;
  while (text.length < size - 3) text += WORDS[int(0, WORDS.length - 1)] + ' ';
  return text.slice(0, size - 3) + '"}\n';
}

