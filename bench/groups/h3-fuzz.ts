/**
 * The HTTP/3 fuzz run (metrics `h3.fuzz_inputs`, `h3.fuzz_crashes`; the `h3` group runs it after the request
 * benchmarks, and `npx tsx bench/groups/h3-fuzz.ts` runs it alone). At least 1,000,000 random and mutated inputs
 * through:
 *
 * - `decodeFrame` (RFC 9114 §7.1) over every stream's bytes of a real exchange, mutated;
 * - `QpackDecoder.receiveEncoderStream` and `decodeFieldSection` (RFC 9204 §4.3, §4.5) on a decoder primed with a
 *   real encoder stream, the mutated instructions and sections from the same exchange;
 * - `H3Connection.streamData` in both roles: a peer's streams of a real exchange (control, QPACK, request, push),
 *   mutated and delivered in random pieces, with resets and STOP_SENDING mixed in.
 *
 * The corpus is what an H3Pair (protocols/http3/test-pair.ts) of our client and server wrote on each stream while
 * they exchanged requests with repeated headers, trailers and a push, so mutations start from valid traffic.
 *
 * A crash is anything but the typed outcome each API promises: from decodeFrame, anything but a frame, NeedMore or
 * H3Error(H3_FRAME_ERROR | H3_EXCESSIVE_LOAD); from the QPACK decoder, anything but QpackError or
 * QpackFieldSectionTooLargeError; from H3Connection, any exception, or a close with H3_INTERNAL_ERROR (a safety net
 * caught our bug) or with a code RFC 9114 / RFC 9204 do not define. The seed is random per run and printed;
 * `H3_FUZZ_SEED=<seed>` replays a run, `H3_FUZZ_INPUTS` scales it.
 */
import { pathToFileURL } from 'node:url';
import { toHex } from '../../shared/bytes';
import type { HeaderField } from '../../shared/events';
import { seededRandom } from '../../shared/seeded-random';
import { H3Connection, H3Error, H3ErrorCode, decodeFrame, type H3Command } from '../../electron/engine/protocols/http3';
import { QpackDecoder, QpackEncoder, QpackError, QpackFieldSectionTooLargeError } from '../../electron/engine/protocols/http3/qpack';
import { H3Pair } from '../../electron/engine/protocols/http3/test-pair';
import { NeedMore, Reader } from '../../electron/engine/protocols/quic';
import type { Metric } from '../metric';

const DEFINED_CODES = new Set<number>(Object.values(H3ErrorCode));

/** The bytes each side wrote on each stream during a real exchange. */
interface Corpus {
  /** [side that wrote, stream id, bytes] */
  readonly streams: readonly (readonly ['client' | 'server', number, Uint8Array])[];
  /** Encoder stream bytes (after the type byte) and field sections of one QPACK exchange. */
  readonly qpack: { readonly encoderStream: Uint8Array; readonly sections: readonly Uint8Array[] };
}

/** Requests with headers that repeat, so QPACK's dynamic table is used. */
function requestHeaders(i: number): HeaderField[] {
  return [
    [':method', i % 3 === 0 ? 'POST' : 'GET'],
    [':scheme', 'https'],
    [':authority', 'fuzz.example'],
    [':path', `/item/${i % 4}?q=${i}`],
    ['user-agent', 'framescope-fuzz/1'],
    ['accept', 'text/html,application/json'],
    ['cookie', `session=${'s'.repeat(20 + (i % 3))}`],
    ['x-request', String(i)],
  ];
}

function buildCorpus(): Corpus {
  const settings = { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 8 };
  const pair = new H3Pair({ seed: 7, client: { settings, maxPushId: 4 }, server: { settings } }).start();
  for (let i = 0; i < 8; i++) {
    const id = pair.client.request(requestHeaders(i), { body: new TextEncoder().encode(`body ${i}`), endStream: i % 2 === 0 });
    if (i % 2 === 1) pair.client.end(id, [['x-trailer', String(i)]]);
  }
  pair.run();
  for (const e of pair.events.server) {
    if (e.kind !== 'headers' || e.role !== 'request') continue;
    const promised = e.streamId === 0 ? pair.server.push(e.streamId, [[':method', 'GET'], [':scheme', 'https'], [':authority', 'fuzz.example'], [':path', '/pushed.css']]) : null;
    pair.server.respond(e.streamId, [[':status', '200'], ['content-type', 'text/plain'], ['cache-control', 'no-store']], { body: new Uint8Array(300).fill(0x61) });
    if (promised !== null) pair.server.respond(promised.streamId, [[':status', '200'], ['content-type', 'text/css']], { body: new TextEncoder().encode('p{}') });
  }
  pair.run();
  const bytes = new Map<string, Uint8Array[]>();
  for (const side of ['client', 'server'] as const) {
    for (const c of pair.commands[side]) {
      if (c.op !== 'write') continue;
      const key = `${side}:${c.streamId}`;
      bytes.set(key, [...(bytes.get(key) ?? []), c.bytes]);
    }
  }
  const streams = [...bytes].map(([key, parts]) => {
    const [side, id] = key.split(':');
    return [side as 'client' | 'server', Number(id), Buffer.concat(parts)] as const;
  });
  const encoder = new QpackEncoder({ maxTableCapacity: 4096, maxBlockedStreams: 8 });
  const sections: Uint8Array[] = [];
  const encoderParts: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    const r = encoder.encode(4 * i, requestHeaders(i));
    encoderParts.push(r.encoderStreamBytes);
    sections.push(r.fieldSection);
  }
  return { streams, qpack: { encoderStream: Buffer.concat(encoderParts), sections } };
}

/** A random mutation of `input`: flipped, replaced, inserted, removed or cut bytes, a long varint, a copy. */
function mutated(rand: () => number, input: Uint8Array): Uint8Array {
  const pick = (n: number): number => Math.floor(rand() * n);
  if (pick(25) === 0) return Uint8Array.from({ length: pick(48) }, () => pick(256));
  const out = Array.from(input);
  for (let edits = 1 + pick(3); edits > 0; edits--) {
    const at = pick(out.length + 1);
    const op = pick(7);
    if (op === 0 && out.length) out[at % out.length] = out[at % out.length]! ^ (1 << pick(8));
    else if (op === 1 && out.length) out[at % out.length] = pick(256);
    else if (op === 2) out.splice(at, 0, pick(256));
    else if (op === 3) out.splice(at, 1 + pick(4));
    else if (op === 4) out.length = Math.min(out.length, at);
    else if (op === 5) out.splice(at, 0, 0xc0 | pick(64), pick(256), pick(256), pick(256), pick(256), pick(256), pick(256), pick(256)); // an 8-byte varint
    else out.splice(at, 0, ...out.slice(pick(out.length), pick(out.length) + 1 + pick(12)));
  }
  return Uint8Array.from(out);
}

/** What one fuzz run found. */
export interface FuzzReport {
  readonly inputs: number;
  readonly crashes: number;
  readonly firstCrash: string | null;
  readonly seed: number;
  readonly ms: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/** Runs `total` inputs (split over the three targets) from `seed`. */
export function fuzzH3(total: number, seed: number): FuzzReport {
  const corpus = buildCorpus();
  const rand = seededRandom(seed);
  const outcomes: Record<string, number> = {};
  const count = (k: string): void => void (outcomes[k] = (outcomes[k] ?? 0) + 1);
  let inputs = 0;
  let crashes = 0;
  let firstCrash: string | null = null;
  const crash = (target: string, input: Uint8Array, why: unknown): void => {
    crashes++;
    firstCrash ??= `${target}, input ${inputs} (${toHex(input.subarray(0, 64))}…): ${why instanceof Error ? (why.stack ?? why.message) : String(why)}`;
  };
  const t0 = performance.now();

  // 1. the frame decoder, over request and control stream bytes (a uni stream's type byte dropped)
  const frameInputs = corpus.streams.map(([, id, b]) => (id % 4 >= 2 ? b.subarray(1) : b));
  const frameShare = Math.floor(total * 0.35);
  for (let i = 0; i < frameShare; i++, inputs++) {
    const input = mutated(rand, frameInputs[Math.floor(rand() * frameInputs.length)]!);
    const r = new Reader(input);
    try {
      while (!r.atEnd) decodeFrame(r, { maxPayload: () => 16_384 });
      count('frame: whole');
    } catch (e) {
      if (e instanceof NeedMore) count('frame: need more');
      else if (e instanceof H3Error && (e.code === H3ErrorCode.H3_FRAME_ERROR || e.code === H3ErrorCode.H3_EXCESSIVE_LOAD)) count('frame: H3_FRAME_ERROR/EXCESSIVE_LOAD');
      else crash('decodeFrame', input, e);
    }
  }

  // 2. QPACK: a decoder primed with (a mutation of) the encoder stream, then mutated field sections
  const qpackShare = Math.floor(total * 0.3);
  let decoder: QpackDecoder | null = null;
  for (let i = 0; i < qpackShare; i++, inputs++) {
    if (!decoder || rand() < 0.01) {
      decoder = new QpackDecoder({ maxTableCapacity: 4096, maxBlockedStreams: 8 });
      const primer = rand() < 0.7 ? corpus.qpack.encoderStream : mutated(rand, corpus.qpack.encoderStream);
      try {
        decoder.receiveEncoderStream(primer);
      } catch (e) {
        if (!(e instanceof QpackError)) crash('receiveEncoderStream', primer, e);
        decoder = null;
        continue;
      }
    }
    const section = mutated(rand, corpus.qpack.sections[Math.floor(rand() * corpus.qpack.sections.length)]!);
    try {
      const r = decoder.decodeFieldSection(4 * Math.floor(rand() * 64), section);
      count(r === 'blocked' ? 'qpack: blocked' : 'qpack: decoded');
    } catch (e) {
      if (e instanceof QpackError) {
        count(`qpack: ${e.codeName}`);
        decoder = null; // a decoder refuses input after its error
      }
      else if (e instanceof QpackFieldSectionTooLargeError) count('qpack: too large');
      else crash('decodeFieldSection', section, e);
    }
  }

  // 3. the connection core in both roles, fed the other side's streams, mutated, in random pieces
  let conn: H3Connection | null = null;
  const checkCommands = (c: H3Connection, input: Uint8Array): void => {
    for (const cmd of c.pollCommands() as H3Command[]) {
      if (cmd.op !== 'close') continue;
      if (!DEFINED_CODES.has(cmd.code) || cmd.code === H3ErrorCode.H3_INTERNAL_ERROR) crash('H3Connection close', input, `close 0x${cmd.code.toString(16)}: ${cmd.reason}`);
      else count(`conn: close 0x${cmd.code.toString(16)}`);
    }
    c.drainEvents();
  };
  while (inputs < total) {
    if (!conn || conn.status === 'closed' || rand() < 0.01) {
      const role = rand() < 0.5 ? 'client' : 'server';
      conn = new H3Connection({ role, settings: { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 8 }, maxPushId: 4, grease: rand() < 0.5 });
      conn.start();
      if (role === 'client') for (let i = 0; i < 3; i++) conn.request(requestHeaders(i), { endStream: true });
      conn.pollCommands();
      conn.drainEvents();
    }
    const peer = conn.role === 'client' ? 'server' : 'client';
    const fromPeer = corpus.streams.filter(([side]) => side === peer);
    const [, id, base] = fromPeer[Math.floor(rand() * fromPeer.length)]!;
    const input = rand() < 0.2 ? base : mutated(rand, base);
    try {
      let at = 0;
      do {
        const n = 1 + Math.floor(rand() * 64);
        conn.streamData(id, input.subarray(at, at + n), at + n >= input.length && rand() < 0.5);
        at += n;
        inputs++;
      } while (at < input.length && conn.status !== 'closed');
      if (rand() < 0.03) conn.streamReset(id, H3ErrorCode.H3_REQUEST_CANCELLED);
      if (rand() < 0.02) conn.stopSending(id, H3ErrorCode.H3_REQUEST_CANCELLED);
      checkCommands(conn, input);
    } catch (e) {
      crash('H3Connection.streamData', input, e);
      conn = null;
    }
  }
  return { inputs, crashes, firstCrash, seed, ms: performance.now() - t0, outcomes };
}

/** The fuzz metrics of the `h3` group. */
export async function runH3Fuzz(): Promise<Record<string, Metric>> {
  const total = Number(process.env['H3_FUZZ_INPUTS'] ?? 1_000_000);
  const seed = Number(process.env['H3_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  const r = fuzzH3(total, seed);
  if (r.firstCrash) console.log(`  h3 fuzz: first crash: ${r.firstCrash}`);
  const top = Object.entries(r.outcomes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join('; ');
  return {
    'h3.fuzz_inputs': { value: r.inputs, unit: 'inputs', goal: 1_000_000, better: 'higher', note: `seed ${r.seed} (H3_FUZZ_SEED replays it), ${(r.ms / 1000).toFixed(1)} s; outcomes: ${top}` },
    'h3.fuzz_crashes': { value: r.crashes, unit: 'crashes', goal: 0, better: 'lower', note: r.firstCrash ? `first: ${r.firstCrash.slice(0, 400)}` : 'none' },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runH3Fuzz().then((m) => console.log(JSON.stringify(m, null, 2)));
}
