/**
 * The HTTP/2 fuzz run (metrics `h2.fuzz_inputs`, `h2.fuzz_crashes`; the `h2` group runs it after the request
 * benchmarks, and `npx tsx bench/groups/h2-fuzz.ts` runs it alone without touching bench/results). At least
 * 1,000,000 random and mutated-valid inputs through:
 *
 * - `decodeFrame` over a FrameReader, frame after frame, with a random SETTINGS_MAX_FRAME_SIZE;
 * - `FrameBuffer`, the same bytes pushed in random pieces (the receive path of the connection and the observer);
 * - `HpackDecoder.decode`, on a decoder first primed with the blocks before it in a real story (so mutations hit a
 *   filled dynamic table), sometimes after a SETTINGS_HEADER_TABLE_SIZE change;
 * - `H2ClientConnection.receive` after a request, in two random reads, then a late `onTimeout`;
 * - `H2FrameObserver.push` (the server tap's decoder), both directions of a paired observer, in random pieces.
 *
 * A crash is anything that is not the typed outcome each API promises, as in the fixed-seed fuzz tests
 * (protocols/http2/fuzz.test.ts, hpack/fuzz.test.ts): an exception out of an API that must not throw; from the
 * HPACK decoder, anything but HpackError / HpackHeaderListTooLargeError, or an HpackError from its internal
 * safety net; an INTERNAL_ERROR (a safety net caught an exception: our bug, not the peer's) in a MalformedFrame or
 * an `h2:error`, or an `h2:error` whose reason comes from a safety net (the connection turns the HPACK decoder's
 * "internal decoder error" into COMPRESSION_ERROR); a decoder that moves on NeedMore or does not move on a frame.
 *
 * The seed is random per run and printed; `H2_FUZZ_SEED=<seed> npx tsx bench/groups/h2-fuzz.ts` replays a run exactly
 * (each target draws from its own stream, so the input numbers of a crash stay valid). `H2_FUZZ_INPUTS` scales
 * the total.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toHex } from '../../shared/bytes';
import { seededRandom } from '../../shared/seeded-random';
import {
  CLIENT_PREFACE,
  decodeFrame,
  encodeFrameBytes,
  ErrorCode,
  FrameBuffer,
  FrameReader,
  H2ClientConnection,
  H2Error,
  H2FrameObserver,
  MalformedFrame,
  NeedMore,
  type H2CoreEvent,
} from '../../electron/engine/protocols/http2';
import { HpackDecoder, HpackEncoder, HpackError, HpackHeaderListTooLargeError, type HeaderField } from '../../electron/engine/protocols/http2/hpack';
import { SAMPLE_FRAMES } from '../../electron/engine/protocols/http2/frames/samples';
import type { Metric } from '../metric';

const TOTAL = Number(process.env['H2_FUZZ_INPUTS'] ?? 1_000_000);
const ROOT = resolve(import.meta.dirname, '..', '..');
const KNOWN_CODES = new Set<number>(Object.values(ErrorCode));

/** Share of the inputs each target gets. */
const TARGETS = {
  decodeFrame: 0.3,
  frameBuffer: 0.15,
  hpack: 0.25,
  clientReceive: 0.15,
  observer: 0.15,
} as const;
type Target = keyof typeof TARGETS;

/** One input that broke a promise. */
export interface FuzzCrash {
  readonly target: Target;
  readonly index: number;
  readonly what: string;
  readonly inputHex: string;
}

type Rng = () => number;
const int = (r: Rng, n: number): number => Math.floor(r() * n);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function randomBytes(r: Rng, max: number): Uint8Array {
  const b = new Uint8Array(int(r, max + 1));
  for (let i = 0; i < b.length; i++) b[i] = int(r, 256);
  return b;
}

/** Byte-level mutations: flips, random bytes, inserts, deletes, truncation, big HPACK integers, duplicated slices, boundary values. */
function mutateBytes(r: Rng, src: Uint8Array, edits: number): Uint8Array {
  let b = Array.from(src);
  for (let k = 0; k < edits; k++) {
    const at = int(r, b.length + 1);
    switch (int(r, 8)) {
      case 0:
        if (b.length) b[at % b.length] = b[at % b.length]! ^ (1 << int(r, 8));
        break;
      case 1:
        if (b.length) b[at % b.length] = int(r, 256);
        break;
      case 2:
        b.splice(at, 0, int(r, 256));
        break;
      case 3:
        b.splice(at, 1 + int(r, 3));
        break;
      case 4:
        if (r() < 0.3) b = b.slice(0, at);
        break;
      case 5:
        b.splice(at, 0, ...[0xff, 0xff, 0xff, 0xff, 0x0f].slice(0, 1 + int(r, 5)));
        break;
      case 6:
        b.splice(at, 0, ...b.slice(int(r, b.length + 1), int(r, b.length + 1) + 8));
        break;
      default:
        if (b.length) b[at % b.length] = [0, 0xff, 0x80, 0x7f, 0x01][int(r, 5)]!;
    }
  }
  return Uint8Array.from(b);
}

/** Frame-aware mutations on a sequence of whole frames: edits in the 9-octet headers (length, type, flags, stream) as well as payloads. */
function mutateFrames(r: Rng, corpus: readonly Uint8Array[]): Uint8Array {
  if (r() < 0.15) return randomBytes(r, 160);
  const parts: Uint8Array[] = [];
  const n = 1 + int(r, 5);
  for (let i = 0; i < n; i++) parts.push(corpus[int(r, corpus.length)]!.slice());
  for (const p of parts) {
    if (r() < 0.5 || p.length < 9) continue;
    switch (int(r, 5)) {
      case 0: // length field: off by a little, or a boundary
        {
          const len = [0, 1, 4, 5, 8, 9, 16384, 16385, 0xffffff][int(r, 9)]!;
          const v = r() < 0.5 ? Math.max(0, ((p[0]! << 16) | (p[1]! << 8) | p[2]!) + int(r, 5) - 2) : len;
          p[0] = v >> 16;
          p[1] = v >> 8;
          p[2] = v;
        }
        break;
      case 1:
        p[3] = r() < 0.8 ? int(r, 11) : int(r, 256); // type
        break;
      case 2:
        p[4] = int(r, 256); // flags (PADDED, PRIORITY, END_HEADERS, ACK...)
        break;
      case 3:
        p[8] = [0, 1, 2, 3, 5, 0xff][int(r, 6)]!; // stream id
        if (r() < 0.2) p[5] = 0x80 | int(r, 128); // reserved bit / huge ids
        break;
      default:
        if (p.length > 9) p[9] = int(r, 256); // pad length, first payload octet
    }
  }
  let b = concat(parts);
  if (r() < 0.6) b = mutateBytes(r, b, 1 + int(r, 3));
  return r() < 0.15 ? b.subarray(0, int(r, b.length + 1)) : b;
}

function header(list: readonly (readonly [string, string])[]): HeaderField[] {
  return list.map(([n, v]) => [n, v] as const);
}

/** Valid frames a server sends to a client that requested stream 1 (and the samples of every type). */
function serverFrames(): Uint8Array[] {
  const enc = new HpackEncoder();
  const block = enc.encode(header([[':status', '200'], ['content-type', 'text/html'], ['content-length', '1024'], ['x-custom', 'value']]));
  const again = enc.encode(header([[':status', '200'], ['content-type', 'text/html'], ['x-custom', 'value2']]));
  const push = enc.encode(header([[':method', 'GET'], [':scheme', 'https'], [':authority', 'localhost'], [':path', '/style.css']]));
  const trailers = enc.encode(header([['grpc-status', '0']]));
  return [
    ...SAMPLE_FRAMES.map(encodeFrameBytes),
    encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [{ id: 3, value: 100 }, { id: 4, value: 65535 }, { id: 1, value: 4096 }] }),
    encodeFrameBytes({ type: 'SETTINGS', ack: true, settings: [] }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: true, headerBlock: block }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: false, headerBlock: again.subarray(0, 2) }),
    encodeFrameBytes({ type: 'CONTINUATION', streamId: 1, endHeaders: true, headerBlock: again.subarray(2) }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, headerBlock: trailers }),
    encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: false, data: new Uint8Array(100).fill(97) }),
    encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: true, data: new Uint8Array(0) }),
    encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: true, data: new Uint8Array(10), padLength: 20 }),
    encodeFrameBytes({ type: 'PUSH_PROMISE', streamId: 1, promisedStreamId: 2, endHeaders: true, headerBlock: push }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 2, endStream: false, endHeaders: true, headerBlock: block }),
    encodeFrameBytes({ type: 'WINDOW_UPDATE', streamId: 1, increment: 1000 }),
    encodeFrameBytes({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.REFUSED_STREAM }),
    encodeFrameBytes({ type: 'GOAWAY', lastStreamId: 1, errorCode: 0, debugData: new Uint8Array(0) }),
  ];
}

/**
 * Whole valid conversations, one direction each: what a server sends a client that opened streams 1 and 3
 * (SETTINGS first, responses with CONTINUATION, trailers, padding, a push, window updates, PING, GOAWAY), and what
 * a client sends (preface, SETTINGS, requests, a body). Mutating these reaches deep states that frames picked at
 * random rarely do (a connection usually dies on the first frame that does not fit).
 */
function conversations(): { server: Uint8Array[]; client: Uint8Array[] } {
  const enc = new HpackEncoder();
  const resp = (extra: string): Uint8Array => enc.encode(header([[':status', '200'], ['content-type', 'text/plain'], ['x-extra', extra], ['cache-control', 'no-cache']]));
  const push = enc.encode(header([[':method', 'GET'], [':scheme', 'https'], [':authority', 'localhost'], [':path', '/pushed.css']]));
  const r1 = resp('one');
  const r3 = resp('three, and a longer value to split');
  const settings = encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [{ id: 3, value: 100 }, { id: 4, value: 65535 }, { id: 1, value: 4096 }, { id: 5, value: 16384 }] });
  const ack = encodeFrameBytes({ type: 'SETTINGS', ack: true, settings: [] });
  const f = encodeFrameBytes;
  const server = [
    concat([settings, ack, f({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: true, headerBlock: r1 }), f({ type: 'DATA', streamId: 1, endStream: false, data: new Uint8Array(300).fill(98) }), f({ type: 'DATA', streamId: 1, endStream: true, data: new Uint8Array(0) })]),
    concat([
      settings,
      f({ type: 'WINDOW_UPDATE', streamId: 0, increment: 100000 }),
      f({ type: 'HEADERS', streamId: 3, endStream: false, endHeaders: false, headerBlock: r3.subarray(0, 4), padLength: 3 }),
      f({ type: 'CONTINUATION', streamId: 3, endHeaders: true, headerBlock: r3.subarray(4) }),
      f({ type: 'PUSH_PROMISE', streamId: 3, promisedStreamId: 2, endHeaders: true, headerBlock: push }),
      f({ type: 'DATA', streamId: 3, endStream: false, data: new Uint8Array(40).fill(99), padLength: 10 }),
      f({ type: 'HEADERS', streamId: 2, endStream: false, endHeaders: true, headerBlock: r1 }),
      f({ type: 'DATA', streamId: 2, endStream: true, data: new Uint8Array(5) }),
      f({ type: 'HEADERS', streamId: 3, endStream: true, endHeaders: true, headerBlock: enc.encode(header([['grpc-status', '0']])) }),
      f({ type: 'PING', ack: false, opaque: new Uint8Array(8).fill(7) }),
      f({ type: 'GOAWAY', lastStreamId: 3, errorCode: 0, debugData: new Uint8Array(0) }),
    ]),
    concat([settings, f({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: true, headerBlock: enc.encode(header([[':status', '103'], ['link', '</s.css>; rel=preload']])) }), f({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, headerBlock: r1 }), f({ type: 'RST_STREAM', streamId: 3, errorCode: ErrorCode.REFUSED_STREAM })]),
  ];
  const cenc = new HpackEncoder();
  const req = (path: string): Uint8Array => cenc.encode(header([[':method', 'POST'], [':scheme', 'https'], [':authority', 'localhost:8443'], [':path', path], ['content-type', 'text/plain']]));
  const q = req('/echo');
  const client = [
    concat([CLIENT_PREFACE, f({ type: 'SETTINGS', ack: false, settings: [{ id: 2, value: 0 }, { id: 4, value: 1 << 20 }] }), f({ type: 'WINDOW_UPDATE', streamId: 0, increment: 1 << 20 }), f({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: true, headerBlock: q }), f({ type: 'DATA', streamId: 1, endStream: true, data: new Uint8Array(64).fill(65) }), ack]),
    concat([CLIENT_PREFACE, f({ type: 'SETTINGS', ack: false, settings: [{ id: 1, value: 256 }] }), ack, f({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: false, headerBlock: req('/a').subarray(0, 2) }), f({ type: 'CONTINUATION', streamId: 1, endHeaders: true, headerBlock: req('/a').subarray(2) }), f({ type: 'PRIORITY_UPDATE', prioritizedStreamId: 3, priorityFieldValue: 'u=1, i' }), f({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.CANCEL }), f({ type: 'GOAWAY', lastStreamId: 0, errorCode: 0, debugData: new Uint8Array(0) })]),
  ];
  return { server, client };
}

/** Valid frames a client sends (after the preface). */
function clientFrames(): Uint8Array[] {
  const enc = new HpackEncoder();
  const get = (path: string): Uint8Array => enc.encode(header([[':method', 'GET'], [':scheme', 'https'], [':authority', 'localhost:8443'], [':path', path], ['user-agent', 'framescope/0.1']]));
  const a = get('/bytes?n=1024');
  const b = get('/bytes?n=2048');
  return [
    encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [{ id: 2, value: 0 }, { id: 4, value: 0x3fffffff }] }),
    encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [{ id: 1, value: 0 }] }),
    encodeFrameBytes({ type: 'SETTINGS', ack: true, settings: [] }),
    encodeFrameBytes({ type: 'WINDOW_UPDATE', streamId: 0, increment: 0x3fff0000 }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, headerBlock: a }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 3, endStream: false, endHeaders: false, headerBlock: b.subarray(0, 3) }),
    encodeFrameBytes({ type: 'CONTINUATION', streamId: 3, endHeaders: true, headerBlock: b.subarray(3) }),
    encodeFrameBytes({ type: 'DATA', streamId: 3, endStream: true, data: new Uint8Array(50).fill(1) }),
    encodeFrameBytes({ type: 'PRIORITY_UPDATE', prioritizedStreamId: 5, priorityFieldValue: 'u=2' }),
    encodeFrameBytes({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.CANCEL }),
    encodeFrameBytes({ type: 'PING', ack: false, opaque: new Uint8Array(8) }),
    encodeFrameBytes({ type: 'GOAWAY', lastStreamId: 0, errorCode: 0, debugData: new Uint8Array(0) }),
  ];
}

/** Header-block stories (hpack-test-case): the wire blocks of other encoders, and ours over the raw lists. */
function hpackStories(): Uint8Array[][] {
  const dir = join(ROOT, 'test-vectors', 'hpack');
  const stories: Uint8Array[][] = [];
  const read = (file: string): { wire?: string; headers: Record<string, string>[] }[] =>
    (JSON.parse(readFileSync(file, 'utf8')) as { cases: { wire?: string; headers: Record<string, string>[] }[] }).cases;
  for (const impl of ['nghttp2', 'go-hpack', 'python-hpack', 'nghttp2-change-table-size']) {
    let files: string[] = [];
    try {
      files = readdirSync(join(dir, impl)).filter((f) => f.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const f of files.slice(0, 8)) {
      const cases = read(join(dir, impl, f)).slice(0, 16);
      stories.push(cases.filter((c) => c.wire).map((c) => Uint8Array.from(Buffer.from(c.wire!, 'hex'))));
    }
  }
  try {
    const raw = readdirSync(join(dir, 'raw-data')).filter((f) => f.endsWith('.json')).sort().slice(0, 6);
    raw.forEach((f, i) => {
      const enc = new HpackEncoder({ huffman: (['auto', 'always', 'never'] as const)[i % 3], maxTableSize: i % 2 ? 4096 : 256 });
      stories.push(read(join(dir, 'raw-data', f)).slice(0, 16).map((c) => enc.encode(c.headers.map((h) => Object.entries(h)[0]! as [string, string]))));
    });
  } catch {
    // no raw lists: the other stories suffice
  }
  const filtered = stories.filter((s) => s.length > 0);
  if (filtered.length === 0) throw new Error(`no HPACK stories under ${dir}`);
  return filtered;
}

interface Tally {
  inputs: number;
  crashes: FuzzCrash[];
}

function crash(t: Tally, target: Target, index: number, input: Uint8Array, what: string): void {
  if (t.crashes.length < 50) t.crashes.push({ target, index, what, inputHex: toHex(input.subarray(0, 512)) });
  else t.crashes.push({ target, index, what, inputHex: '' });
}

/** What a MalformedFrame may carry: a typed H2Error with a known code, blamed on the peer, not from a safety net. */
function badMalformed(m: MalformedFrame): string | null {
  if (!(m.error instanceof H2Error)) return `MalformedFrame without an H2Error: ${String(m.error)}`;
  if (m.error.code === ErrorCode.INTERNAL_ERROR) return `INTERNAL_ERROR (a safety net): ${m.error.reason}`;
  if (!KNOWN_CODES.has(m.error.code)) return `unknown error code ${m.error.code}`;
  if (m.error.initiator !== 'remote') return `malformed input blamed on us: ${m.error.reason}`;
  return null;
}

/** An h2:error from a safety net, or a close for an unknown reason. */
function badEvent(e: H2CoreEvent): string | null {
  if (e.kind === 'trace' && e.name === 'h2:error' && e.data.code === 'INTERNAL_ERROR') return `h2:error INTERNAL_ERROR: ${e.data.reason}`;
  // the HPACK decoder's safety net wraps its own exceptions as HpackError("internal decoder error"), which the
  // connection and the observer would otherwise pass on as the peer's COMPRESSION_ERROR
  if (e.kind === 'trace' && e.name === 'h2:error' && /internal decoder error|decoder failure|observer failure/.test(e.data.reason)) return `h2:error from a safety net: ${e.data.reason}`;
  if (e.kind === 'closed' && e.error && !(KNOWN_CODES.has(e.error.code) || e.error.initiator === 'remote')) return `closed with code ${e.error.code}`;
  return null;
}

function fuzzDecodeFrame(r: Rng, n: number, corpus: readonly Uint8Array[], t: Tally): void {
  for (let i = 0; i < n; i++) {
    const input = mutateFrames(r, corpus);
    const max = r() < 0.5 ? 16384 : r() < 0.5 ? 0xffffff : 9 + int(r, 200);
    t.inputs++;
    try {
      const reader = new FrameReader(input);
      for (let guard = 0; guard < 10_000; guard++) {
        const before = reader.pos;
        const res = decodeFrame(reader, max);
        if (res instanceof NeedMore) {
          if (reader.pos !== before) crash(t, 'decodeFrame', i, input, 'NeedMore moved the reader');
          break;
        }
        if (res instanceof MalformedFrame) {
          const bad = badMalformed(res);
          if (bad) crash(t, 'decodeFrame', i, input, bad);
          if (!res.raw) break;
          continue;
        }
        if (reader.pos <= before) {
          crash(t, 'decodeFrame', i, input, 'a frame did not move the reader');
          break;
        }
      }
    } catch (e) {
      crash(t, 'decodeFrame', i, input, `threw ${String(e)}`);
    }
  }
}

function fuzzFrameBuffer(r: Rng, n: number, corpus: readonly Uint8Array[], t: Tally): void {
  for (let i = 0; i < n; i++) {
    const input = mutateFrames(r, corpus);
    t.inputs++;
    try {
      const buf = new FrameBuffer();
      let off = 0;
      let stop = false;
      while (off < input.length && !stop) {
        const piece = 1 + int(r, r() < 0.3 ? 4 : 64);
        buf.push(input.subarray(off, off + piece));
        off += piece;
        for (;;) {
          const res = buf.next(16384);
          if (res instanceof NeedMore) break;
          if (res instanceof MalformedFrame) {
            const bad = badMalformed(res);
            if (bad) crash(t, 'frameBuffer', i, input, bad);
            if (!res.raw) {
              stop = true;
              break;
            }
          }
        }
      }
    } catch (e) {
      crash(t, 'frameBuffer', i, input, `threw ${String(e)}`);
    }
  }
}

function fuzzHpack(r: Rng, n: number, stories: readonly Uint8Array[][], t: Tally): void {
  for (let i = 0; i < n; i++) {
    const decoder = new HpackDecoder({ maxTableSize: 4096, maxHeaderListSize: [1024, 65536][int(r, 2)]! });
    let block: Uint8Array;
    if (r() < 0.2) {
      block = randomBytes(r, 64);
    } else {
      const story = stories[int(r, stories.length)]!;
      const upto = int(r, story.length);
      try {
        for (let k = 0; k < upto; k++) decoder.decode(story[k]!);
      } catch {
        // a valid story that does not decode is caught by the unit tests; here it only primes the table
      }
      block = mutateBytes(r, story[upto]!, 1 + int(r, 4));
      if (r() < 0.25) block = mutateBytes(r, block, 1 + int(r, 4));
    }
    if (r() < 0.2) decoder.setMaxTableSize([0, 64, 256, 4096][int(r, 4)]!);
    t.inputs++;
    try {
      decoder.decode(block);
    } catch (e) {
      if (e instanceof HpackError) {
        if (/internal/i.test(e.reason)) crash(t, 'hpack', i, block, `safety net: ${e.reason}`);
        else if (!(e.offset >= 0 && e.offset <= block.length)) crash(t, 'hpack', i, block, `offset ${e.offset} outside the block`);
      } else if (!(e instanceof HpackHeaderListTooLargeError)) {
        crash(t, 'hpack', i, block, `threw ${String(e)}`);
      }
    }
  }
}

const SERVER_SETTINGS = encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [] });
const REQUEST: HeaderField[] = [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':authority', 'localhost'],
  [':path', '/'],
];

function fuzzClient(r: Rng, n: number, corpus: readonly Uint8Array[], talks: readonly Uint8Array[], t: Tally): void {
  for (let i = 0; i < n; i++) {
    const client = new H2ClientConnection({ pushPolicy: r() < 0.5 ? 'accept' : 'refuse', windowUpdatePolicy: r() < 0.5 ? 'immediate' : 'manual' });
    const input = r() < 0.5 ? mutateBytes(r, talks[int(r, talks.length)]!, 1 + int(r, 4)) : concat([r() < 0.9 ? SERVER_SETTINGS : new Uint8Array(0), mutateFrames(r, corpus)]);
    t.inputs++;
    try {
      client.start(0);
      client.request(REQUEST);
      client.request(REQUEST, { endStream: r() < 0.7 });
      const cut = int(r, input.length + 1);
      client.receive(input.subarray(0, cut), 1);
      client.receive(input.subarray(cut), 2);
      client.pollTransmit();
      if (r() < 0.1) client.onTimeout(60_000);
      for (const e of client.drainEvents()) {
        const bad = badEvent(e);
        if (bad) {
          crash(t, 'clientReceive', i, input, bad);
          break;
        }
      }
    } catch (e) {
      crash(t, 'clientReceive', i, input, `threw ${String(e)}`);
    }
  }
}

function fuzzObserver(r: Rng, n: number, server: readonly Uint8Array[], client: readonly Uint8Array[], talks: { server: Uint8Array[]; client: Uint8Array[] }, t: Tally): void {
  for (let i = 0; i < n; i++) {
    const sent = new H2FrameObserver({ dir: 'sent', expectPreface: false });
    const received = new H2FrameObserver({ dir: 'received', expectPreface: true });
    H2FrameObserver.pair(sent, received);
    const fromClient = r() < 0.5;
    let input: Uint8Array;
    if (r() < 0.5) {
      const talk = fromClient ? talks.client : talks.server;
      input = mutateBytes(r, talk[int(r, talk.length)]!, 1 + int(r, 4));
    } else {
      const body = mutateFrames(r, fromClient ? client : server);
      input = fromClient ? concat([r() < 0.9 ? CLIENT_PREFACE : randomBytes(r, 24), body]) : body;
    }
    const other = mutateFrames(r, fromClient ? server : client);
    t.inputs++;
    try {
      const target = fromClient ? received : sent;
      const peer = fromClient ? sent : received;
      if (!fromClient) received.push(CLIENT_PREFACE);
      let off = 0;
      let k = 0;
      while (off < input.length) {
        const piece = 1 + int(r, r() < 0.3 ? 8 : 200);
        target.push(input.subarray(off, off + piece));
        off += piece;
        if (k++ % 2 === 0 && k < 8) peer.push(other.subarray((k - 1) * 20, k * 20));
      }
      for (const e of [...target.drainEvents(), ...peer.drainEvents()]) {
        const bad = badEvent(e);
        if (bad) {
          crash(t, 'observer', i, input, bad);
          break;
        }
      }
    } catch (e) {
      crash(t, 'observer', i, input, `threw ${String(e)}`);
    }
  }
}

/** Runs the fuzz targets; returns the metrics. */
export async function runFuzz(): Promise<Record<string, Metric>> {
  const seed = process.env['H2_FUZZ_SEED'] ? Number(process.env['H2_FUZZ_SEED']) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  console.log(`  fuzz seed ${seed} (replay: H2_FUZZ_SEED=${seed} npx tsx bench/groups/h2-fuzz.ts)`);
  const server = serverFrames();
  const client = clientFrames();
  const stories = hpackStories();
  const talks = conversations();
  const tallies = new Map<Target, Tally & { ms: number }>();
  const started = performance.now();
  let salt = 0;
  for (const [target, share] of Object.entries(TARGETS) as [Target, number][]) {
    const r = seededRandom((seed + 0x9e3779b9 * ++salt) >>> 0);
    const n = Math.ceil(TOTAL * share);
    const t = { inputs: 0, crashes: [] as FuzzCrash[], ms: 0 };
    const t0 = performance.now();
    if (target === 'decodeFrame') fuzzDecodeFrame(r, n, [...server, ...client], t);
    else if (target === 'frameBuffer') fuzzFrameBuffer(r, n, [...server, ...client], t);
    else if (target === 'hpack') fuzzHpack(r, n, stories, t);
    else if (target === 'clientReceive') fuzzClient(r, n, server, talks.server, t);
    else fuzzObserver(r, n, server, client, talks, t);
    t.ms = performance.now() - t0;
    tallies.set(target, t);
    await new Promise((res) => setImmediate(res));
  }
  const seconds = (performance.now() - started) / 1000;
  const inputs = [...tallies.values()].reduce((s, t) => s + t.inputs, 0);
  const crashes = [...tallies.values()].flatMap((t) => t.crashes);
  for (const c of crashes.slice(0, 10)) console.log(`  CRASH ${c.target} #${c.index}: ${c.what}\n    input ${c.inputHex}`);
  const per = [...tallies].map(([k, t]) => `${k} ${t.inputs.toLocaleString('en-US')} in ${(t.ms / 1000).toFixed(1)} s${t.crashes.length ? ` (${t.crashes.length} crashes)` : ''}`).join('; ');
  return {
    'h2.fuzz_inputs': {
      value: inputs,
      unit: 'inputs',
      goal: 1_000_000,
      better: 'higher',
      note: `seed ${seed}, ${seconds.toFixed(1)} s: ${per}`,
    },
    'h2.fuzz_crashes': {
      value: crashes.length,
      unit: 'crashes',
      goal: 0,
      better: 'lower',
      note: crashes.length ? `first: ${crashes[0]!.target} #${crashes[0]!.index}: ${crashes[0]!.what}` : 'no exception, no safety-net INTERNAL_ERROR, no NeedMore that moved',
    },
  };
}

// Run alone (replaying a seed, or hunting with more inputs): prints the figures, leaves bench/results alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runFuzz().then((metrics) => {
    for (const [name, m] of Object.entries(metrics)) console.log(`${name} = ${m.value} ${m.unit}${m.note ? ` (${m.note})` : ''}`);
    process.exitCode = metrics['h2.fuzz_crashes']!.value > 0 ? 1 : 0;
  });
}
