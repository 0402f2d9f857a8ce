import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../../shared/events';
import { seededRandom } from '../../../../shared/seeded-random';
import { NeedMore, Reader } from '../quic';
import { H3Connection } from './connection';
import { H3Error, H3ErrorCode } from './errors';
import { decodeFrame, encodeFrameDecoded, reservedCode, type H3Frame } from './frames';
import { QpackEncoder } from './qpack';
import { concat } from './test-pair';

const REQUEST: HeaderField[] = [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', '/fuzz'], ['x-a', 'b']];
const KNOWN_CODES = new Set<number>(Object.values(H3ErrorCode));

function corpus(): { frames: Uint8Array[]; request: Uint8Array; control: Uint8Array; encoder: Uint8Array; push: Uint8Array } {
  const qpack = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 16 });
  const section = qpack.encode(0, REQUEST);
  const raw = (f: H3Frame) => encodeFrameDecoded(f).raw;
  const frames: H3Frame[] = [
    { type: 'SETTINGS', settings: [{ id: 1, value: 4096 }, { id: 7, value: 16 }, { id: reservedCode(2), value: 5 }] },
    { type: 'HEADERS', fieldSection: section.fieldSection },
    { type: 'DATA', data: new Uint8Array([1, 2, 3, 4, 5]) },
    { type: 'GOAWAY', id: 4 },
    { type: 'MAX_PUSH_ID', pushId: 3 },
    { type: 'CANCEL_PUSH', pushId: 1 },
    { type: 'PUSH_PROMISE', pushId: 0, fieldSection: section.fieldSection },
    { type: 'PRIORITY_UPDATE', element: 'request', elementId: 0, priorityFieldValue: 'u=2, i' },
    { type: 'UNKNOWN', typeCode: 0x21, kind: 'reserved', payload: new Uint8Array([0xff]) },
  ];
  const encoded = frames.map(raw);
  return {
    frames: encoded,
    request: concat([encoded[1]!, encoded[2]!, raw({ type: 'HEADERS', fieldSection: qpack.encode(0, [['x-trailer', '1']]).fieldSection })]),
    control: concat([new Uint8Array([0x00]), encoded[0]!, encoded[4]!, encoded[7]!, encoded[3]!]),
    encoder: concat([new Uint8Array([0x02]), section.encoderStreamBytes]),
    push: concat([new Uint8Array([0x01, 0x00]), raw({ type: 'HEADERS', fieldSection: new QpackEncoder({ maxTableCapacity: 0, maxBlockedStreams: 0 }).encode(0, [[':status', '200']]).fieldSection }), encoded[2]!]),
  };
}

function mutate(rand: () => number, input: Uint8Array): Uint8Array {
  const b = [...input];
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (b.length + 1));
    switch (Math.floor(rand() * 6)) {
      case 0:
        if (b.length) b[at % b.length] = Math.floor(rand() * 256);
        break;
      case 1:
        b.splice(at, 0, Math.floor(rand() * 256));
        break;
      case 2:
        b.splice(at, 1 + Math.floor(rand() * 4));
        break;
      case 3:
        b.length = Math.min(b.length, at);
        break;
      case 4:
        b.splice(at, 0, ...b.slice(0, Math.floor(rand() * 8)));
        break;
      default:
        if (b.length) b[at % b.length] = b[at % b.length]! ^ (1 << Math.floor(rand() * 8));
    }
  }
  return new Uint8Array(b);
}

describe('HTTP/3 fuzz (seeded)', () => {
  const c = corpus();

  it('frame decoder: 25,000 inputs give frames, NeedMore or H3Error, never anything else', () => {
    const rand = seededRandom(0x5eed);
    let frames = 0;
    let needMore = 0;
    let errors = 0;
    for (let i = 0; i < 25_000; i++) {
      const base = rand() < 0.1 ? new Uint8Array(Array.from({ length: Math.floor(rand() * 24) }, () => Math.floor(rand() * 256))) : c.frames[Math.floor(rand() * c.frames.length)]!;
      const input = mutate(rand, base);
      const r = new Reader(input);
      try {
        while (!r.atEnd) {
          decodeFrame(r, { maxPayload: () => 4096 });
          frames++;
        }
      } catch (e) {
        if (e instanceof NeedMore) needMore++;
        else if (e instanceof H3Error) {
          errors++;
          expect([H3ErrorCode.H3_FRAME_ERROR, H3ErrorCode.H3_EXCESSIVE_LOAD]).toContain(e.code);
        } else throw new Error(`input ${i} (${Buffer.from(input).toString('hex')}): ${String(e)}`);
      }
    }
    expect(frames + needMore + errors).toBeGreaterThan(25_000);
    expect(errors).toBeGreaterThan(100);
  });

  it("core streamData: 25,000 inputs end in typed stream errors or connection closes, never an exception", () => {
    const rand = seededRandom(0xf00d);
    let inputs = 0;
    let closes = 0;
    let conn: H3Connection | null = null;
    const outcomes = new Map<string, number>();
    while (inputs < 25_000) {
      if (!conn || conn.status === 'closed' || rand() < 0.02) {
        conn = new H3Connection({ role: rand() < 0.5 ? 'server' : 'client', grease: rand() < 0.5, settings: { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 4 }, maxPushId: 3 });
        conn.start();
        if (conn.role === 'client') conn.request(REQUEST, { endStream: rand() < 0.5 });
      }
      const client = conn.role === 'client';
      const pick = Math.floor(rand() * 5);
      const [id, base] =
        pick === 0 ? [client ? 3 : 2, c.control] : pick === 1 ? [client ? 7 : 6, c.encoder] : pick === 2 ? [client ? 11 : 10, c.push] : [client ? 0 : 4 * Math.floor(rand() * 3), c.request];
      const input = rand() < 0.3 ? base : mutate(rand, base);
      let at = 0;
      while (at < input.length || at === 0) {
        const n = 1 + Math.floor(rand() * 16);
        const last = at + n >= input.length;
        conn.streamData(id, input.subarray(at, at + n), last && rand() < 0.3);
        inputs++;
        at += n;
        if (last) break;
      }
      if (rand() < 0.05) conn.streamReset(id, H3ErrorCode.H3_REQUEST_CANCELLED);
      if (rand() < 0.02) conn.stopSending(id, H3ErrorCode.H3_REQUEST_CANCELLED);
      for (const cmd of conn.pollCommands()) {
        if (cmd.op !== 'close') continue;
        closes++;
        expect(KNOWN_CODES.has(cmd.code), `close code 0x${cmd.code.toString(16)}`).toBe(true);
        expect(cmd.code, cmd.reason).not.toBe(H3ErrorCode.H3_INTERNAL_ERROR);
        const name = Object.entries(H3ErrorCode).find(([, v]) => v === cmd.code)![0];
        outcomes.set(name, (outcomes.get(name) ?? 0) + 1);
      }
      conn.drainEvents();
    }
    expect(closes).toBeGreaterThan(100);
    // The mutations reach many different rules.
    expect(outcomes.size).toBeGreaterThanOrEqual(6);
  });
});
