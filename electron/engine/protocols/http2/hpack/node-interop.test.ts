/**
 * Interop: header blocks from our encoder are decoded by Node's http2 (nghttp2). The HTTP/2 framing is written
 * by hand here (RFC 9113 §3.4 preface, §4.1 frame header), since framing is not this module's job.
 */
import http2 from 'node:http2';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HpackEncoder } from './encoder';
import type { HuffmanMode } from './string';
import type { HeaderField } from './types';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const TYPE_HEADERS = 0x1;
const TYPE_SETTINGS = 0x4;
const FLAG_END_STREAM = 0x1;
const FLAG_END_HEADERS = 0x4;
const FLAG_ACK = 0x1;

/** RFC 9113 §4.1: 24-bit length, type, flags, reserved bit + 31-bit stream id, then the payload. */
function frame(type: number, flags: number, streamId: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const head = Buffer.alloc(9);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(streamId & 0x7fffffff, 5);
  return Buffer.concat([head, payload]);
}

interface Seen {
  raw: Array<[string, string]>;
  sensitive: string[];
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function sendToNghttp2(requests: HeaderField[][], huffman: HuffmanMode, tableSizeAfter?: [number, number]): Promise<Seen[]> {
  const seen: Seen[] = [];
  const server = http2.createServer();
  const errors: unknown[] = [];
  server.on('sessionError', (e) => errors.push(e));
  let fail: (e: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    fail = reject;
    server.on('stream', (stream, headers, _flags, rawHeaders: string[]) => {
      const raw: Array<[string, string]> = [];
      for (let i = 0; i < rawHeaders.length; i += 2) raw.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
      const sensitive = ((headers as unknown as Record<symbol, string[] | undefined>)[http2.sensitiveHeaders]) ?? [];
      seen.push({ raw, sensitive: [...sensitive] });
      stream.respond({ ':status': 200 });
      stream.end();
      if (seen.length === requests.length) resolve();
    });
    server.on('session', (session) => {
      session.on('goaway', (code) => reject(new Error(`server sent GOAWAY ${code}`)));
      session.on('error', reject);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  const { port } = server.address() as AddressInfo;
  const socket = net.connect(port, '127.0.0.1');
  cleanups.push(() => socket.destroy());
  let inbox = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    inbox = Buffer.concat([inbox, chunk]);
    while (inbox.length >= 9) {
      const len = inbox.readUIntBE(0, 3);
      if (inbox.length < 9 + len) break;
      const type = inbox[3]!;
      const flags = inbox[4]!;
      if (type === TYPE_SETTINGS && !(flags & FLAG_ACK)) socket.write(frame(TYPE_SETTINGS, FLAG_ACK, 0));
      if (type === 0x7) fail(new Error(`server sent GOAWAY with error code ${inbox.readUInt32BE(13)}`));
      inbox = inbox.subarray(9 + len);
    }
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(Buffer.concat([PREFACE, frame(TYPE_SETTINGS, 0, 0)]));

  const encoder = new HpackEncoder({ huffman });
  requests.forEach((list, i) => {
    if (tableSizeAfter && i === tableSizeAfter[0]) encoder.setMaxTableSize(tableSizeAfter[1]);
    const block = encoder.encode(list);
    socket.write(frame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, 1 + 2 * i, block));
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out with ${seen.length} streams; ${String(errors[0] ?? '')}`)), 5000);
  });
  cleanups.push(() => clearTimeout(timer));
  await Promise.race([done, timeout]);
  return seen;
}

function request(path: string, extra: HeaderField[]): HeaderField[] {
  return [[':method', 'GET'], [':scheme', 'http'], [':authority', 'framescope.test'], [':path', path], ...extra];
}

const REQUESTS: HeaderField[][] = [
  request('/', [
    ['user-agent', 'framescope/0.1 (hpack interop)'],
    ['accept', '*/*'],
    ['x-request-id', 'req-0001'],
    ['authorization', 'Bearer s3cr3t'],
  ]),
  request('/api/items?page=2', [
    ['user-agent', 'framescope/0.1 (hpack interop)'],
    ['accept', 'application/json'],
    ['x-request-id', 'req-0002'],
    ['cookie', 'sid=42'],
    ['x-binary-ish', 'tab\there ~ {braces} | pipes \\ backslash'],
  ]),
  request('/api/items?page=3', [
    ['user-agent', 'framescope/0.1 (hpack interop)'],
    ['accept', 'application/json'],
    ['x-request-id', 'req-0003'],
    ['x-long', 'L'.repeat(3000)],
  ]),
  request('/', [
    ['user-agent', 'framescope/0.1 (hpack interop)'],
    ['accept', '*/*'],
    ['x-request-id', 'req-0001'],
    ['x-empty', ''],
  ]),
  request('/again', [
    ['user-agent', 'framescope/0.1 (hpack interop)'],
    ['x-request-id', 'req-0005'],
  ]),
];

describe('interop: Node http2 (nghttp2) decodes our encoder', () => {
  for (const huffman of ['auto', 'always', 'never'] as HuffmanMode[]) {
    it(`huffman '${huffman}': the server sees exactly our headers, sharing one dynamic table`, async () => {
      const seen = await sendToNghttp2(REQUESTS, huffman);
      expect(seen.map((s) => s.raw)).toEqual(REQUESTS.map((r) => r.map(([n, v]) => [n, v])));
      // Never-indexed literals (RFC 7541 §6.2.3) reach nghttp2 as such.
      expect(seen[0]!.sensitive).toContain('authorization');
      expect(seen[1]!.sensitive).toContain('cookie');
      expect(seen[2]!.sensitive).toEqual([]);
    });
  }

  it('size updates at the start of a block (shrink to 0 and back)', async () => {
    const seen = await sendToNghttp2(REQUESTS, 'auto', [2, 0]);
    expect(seen.map((s) => s.raw)).toEqual(REQUESTS.map((r) => r.map(([n, v]) => [n, v])));
    const again = await sendToNghttp2(REQUESTS, 'auto', [3, 256]);
    expect(again.map((s) => s.raw)).toEqual(REQUESTS.map((r) => r.map(([n, v]) => [n, v])));
  });
});
