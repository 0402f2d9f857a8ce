/**
 * Seeded fuzz: 30,000 random and mutated inputs through the frame decoder and a client connection's receive.
 * Only typed results may come out (frames, NeedMore, MalformedFrame with an H2Error; GOAWAY / RST_STREAM), never
 * an exception.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../shared/seeded-random';
import { H2ClientConnection } from './connection';
import { ErrorCode, H2Error, NeedMore } from './errors';
import { decodeFrame, encodeFrameBytes, MalformedFrame } from './frames/codec';
import { SAMPLE_FRAMES } from './frames/samples';
import { FrameReader } from './frames/wire';
import { HpackEncoder } from './hpack';

const rng = seededRandom;

const KNOWN_CODES = new Set<number>(Object.values(ErrorCode));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Valid server-side frames a client might get after requesting stream 1. */
function serverCorpus(): Uint8Array[] {
  const enc = new HpackEncoder();
  const block = enc.encode([
    [':status', '200'],
    ['content-type', 'text/html'],
    ['x-custom', 'value'],
  ]);
  return [
    ...SAMPLE_FRAMES.map(encodeFrameBytes),
    encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: true, headerBlock: block }),
    encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: false, headerBlock: block.subarray(0, 3) }),
    encodeFrameBytes({ type: 'CONTINUATION', streamId: 1, endHeaders: true, headerBlock: block.subarray(3) }),
    encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: true, data: new Uint8Array(100) }),
    encodeFrameBytes({ type: 'PUSH_PROMISE', streamId: 1, promisedStreamId: 2, endHeaders: true, headerBlock: block }),
    encodeFrameBytes({ type: 'WINDOW_UPDATE', streamId: 1, increment: 1000 }),
  ];
}

function mutate(r: () => number, corpus: Uint8Array[]): Uint8Array {
  const pick = (): Uint8Array => corpus[Math.floor(r() * corpus.length)]!;
  const kind = r();
  if (kind < 0.2) {
    const b = new Uint8Array(Math.floor(r() * 120));
    for (let i = 0; i < b.length; i++) b[i] = Math.floor(r() * 256);
    return b;
  }
  const parts: Uint8Array[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) parts.push(pick());
  const b = concat(parts);
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits && b.length > 0; e++) {
    const at = Math.floor(r() * b.length);
    const op = r();
    if (op < 0.5) b[at] = b[at]! ^ (1 << Math.floor(r() * 8));
    else if (op < 0.8) b[at] = Math.floor(r() * 256);
    else if (at < 9) b[at] = [0, 0xff, 0x80, 0x7f][Math.floor(r() * 4)]!;
  }
  return r() < 0.2 ? b.subarray(0, Math.floor(r() * b.length)) : b;
}

describe('fuzz', () => {
  it('decodeFrame: 15,000 inputs give only frames, NeedMore or typed errors', () => {
    const r = rng(0x5eed);
    const corpus = serverCorpus();
    let frames = 0;
    let malformed = 0;
    for (let i = 0; i < 15_000; i++) {
      const input = mutate(r, corpus);
      const reader = new FrameReader(input);
      for (;;) {
        const before = reader.pos;
        const res = decodeFrame(reader, r() < 0.5 ? 16384 : 1 << 24);
        if (res instanceof NeedMore) {
          expect(reader.pos).toBe(before);
          break;
        }
        if (res instanceof MalformedFrame) {
          malformed++;
          expect(res.error).toBeInstanceOf(H2Error);
          expect(KNOWN_CODES.has(res.error.code)).toBe(true);
          expect(res.error.initiator).toBe('remote');
          if (!res.raw) break;
          continue;
        }
        frames++;
        expect(reader.pos).toBeGreaterThan(before);
      }
    }
    expect(frames).toBeGreaterThan(1000);
    expect(malformed).toBeGreaterThan(1000);
  });

  it('H2ClientConnection.receive: 15,000 inputs end in frames, RST_STREAM or GOAWAY, never a throw', () => {
    const r = rng(0xc0ffee);
    const corpus = serverCorpus();
    const serverSettings = encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [] });
    const outcomes = { closed: 0, open: 0 };
    for (let i = 0; i < 15_000; i++) {
      const client = new H2ClientConnection({ pushPolicy: r() < 0.5 ? 'accept' : 'refuse', windowUpdatePolicy: r() < 0.5 ? 'immediate' : 'manual' });
      client.start(0);
      client.request([
        [':method', 'GET'],
        [':scheme', 'http'],
        [':authority', 'x'],
        [':path', '/'],
      ]);
      const input = concat([r() < 0.9 ? serverSettings : new Uint8Array(0), mutate(r, corpus)]);
      const cut = Math.floor(r() * (input.length + 1));
      client.receive(input.subarray(0, cut), 1);
      client.receive(input.subarray(cut), 2);
      client.pollTransmit();
      for (const e of client.drainEvents()) {
        if (e.kind === 'closed' && e.error) expect(KNOWN_CODES.has(e.error.code) || e.error.initiator === 'remote').toBe(true);
        if (e.kind === 'trace' && e.name === 'h2:error') expect(e.data.code).not.toMatch(/^INTERNAL_ERROR$/);
      }
      outcomes[client.connectionStatus === 'closed' ? 'closed' : 'open']++;
    }
    expect(outcomes.closed).toBeGreaterThan(1000);
    expect(outcomes.open).toBeGreaterThan(100);
  });
});
