/**
 * Frame scripts: HTTP/2 frames written by a person, one per line, sent as written — legal or not — so they can
 * see how a server reacts (the hand-built client of the lessons, made interactive). The grammar:
 *
 *   SETTINGS [ACK] [NAME=value ...]            e.g. SETTINGS INITIAL_WINDOW_SIZE=0
 *   HEADERS stream=N [END_STREAM] [NO_END_HEADERS] [PRIORITY dep=N weight=W [exclusive]] [pad=N] name=value ...
 *   CONTINUATION stream=N [END_HEADERS] name=value ...
 *   DATA stream=N [END_STREAM] [pad=N] ["text" | bytes=N]
 *   PRIORITY stream=N dep=N weight=W [exclusive]
 *   RST_STREAM stream=N CODE                    e.g. RST_STREAM stream=1 CANCEL
 *   PING [ACK] [hex=0011223344556677]
 *   GOAWAY [CODE] [last=N] ["debug text"]
 *   WINDOW_UPDATE [stream=N] INCREMENT
 *   PRIORITY_UPDATE stream=N "u=1, i"
 *   WAIT MS                                     a pause before the next line
 *
 * Blank lines and lines starting with # are ignored. Header fields are `name=value` (values may be quoted);
 * HEADERS gets END_HEADERS unless NO_END_HEADERS is given. Mistakes are reported with their line number.
 */
import { ApiError } from '../../../shared/errors';
import type { HeaderField } from '../../../shared/events';
import { ErrorCode, SettingId, type Frame } from '../protocols/http2';

/** One step of a script: a frame to send (header lists still to be HPACK-encoded), or a pause. */
export type ScriptStep =
  | { readonly kind: 'wait'; readonly ms: number; readonly line: number }
  | { readonly kind: 'frame'; readonly line: number; readonly text: string; readonly frame: Frame; readonly headers?: readonly HeaderField[] };

/** Splits a line into words, keeping "quoted text" (and name="quoted value") as one word without the quotes. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /([^\s"=]+=)?"((?:[^"\\]|\\.)*)"|\S+/g;
  for (const m of line.matchAll(re)) {
    if (m[2] !== undefined) out.push((m[1] ?? '') + '\u0000' + m[2].replace(/\\(.)/g, '$1'));
    else out.push(m[0]);
  }
  return out;
}

const QUOTED = '\u0000';

function fail(line: number, message: string): never {
  throw new ApiError('bad_argument', `frame script line ${line}: ${message}`);
}

function int(line: number, text: string, what: string, max = 0x7fffffff): number {
  const n = /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > max) fail(line, `${what} must be a whole number from 0 to ${max}, not "${text}"`);
  return n;
}

function errorCode(line: number, text: string): number {
  if (text in ErrorCode) return ErrorCode[text as keyof typeof ErrorCode];
  if (/^(0x[0-9a-f]+|\d+)$/i.test(text)) return int(line, text, 'an error code', 0xffffffff);
  return fail(line, `unknown error code "${text}" (try ${Object.keys(ErrorCode).slice(0, 4).join(', ')}, …)`);
}

/** Parses a whole script. Throws ApiError('bad_argument') naming the first bad line. */
export function parseFrameScript(script: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  script.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const [head, ...rest] = words(text);
    const type = head!.toUpperCase();
    if (type === 'WAIT') {
      steps.push({ kind: 'wait', ms: int(line, rest[0] ?? '', 'WAIT', 60_000), line });
      return;
    }
    steps.push(parseFrame(line, text, type, rest));
  });
  return steps;
}

interface Parsed {
  stream?: number;
  flags: Set<string>;
  pairs: [string, string][];
  bare: string[];
  quoted: string[];
}

function split(line: number, args: readonly string[]): Parsed {
  const p: Parsed = { flags: new Set(), pairs: [], bare: [], quoted: [] };
  for (const w of args) {
    if (w.startsWith(QUOTED)) {
      p.quoted.push(w.slice(1));
      continue;
    }
    const eq = w.indexOf('=', w.startsWith(':') ? 1 : 0);
    if (eq > 0) {
      const name = w.slice(0, eq);
      const value = w.slice(eq + 1).replace(QUOTED, '');
      if (name === 'stream') p.stream = int(line, value, 'stream', 0x7fffffff);
      else p.pairs.push([name, value]);
    } else if (/^[A-Z_]+$/.test(w)) p.flags.add(w);
    else p.bare.push(w);
  }
  return p;
}

function option(p: Parsed, name: string): string | undefined {
  const i = p.pairs.findIndex(([n]) => n === name);
  if (i < 0) return undefined;
  return p.pairs.splice(i, 1)[0]![1];
}

function needStream(line: number, p: Parsed, type: string): number {
  if (p.stream === undefined) fail(line, `${type} needs stream=N`);
  return p.stream;
}

function parseFrame(line: number, text: string, type: string, args: readonly string[]): ScriptStep {
  const p = split(line, args);
  const padText = option(p, 'pad');
  const pad = padText === undefined ? {} : { padLength: int(line, padText, 'pad', 255) };
  const frame = (f: Frame, headers?: readonly HeaderField[]): ScriptStep => ({ kind: 'frame', line, text, frame: f, ...(headers ? { headers } : {}) });
  switch (type) {
    case 'SETTINGS': {
      const settings = p.pairs.map(([name, value]) => {
        const id = name.toUpperCase() in SettingId ? SettingId[name.toUpperCase() as keyof typeof SettingId] : /^(0x[0-9a-f]+|\d+)$/i.test(name) ? Number(name) : fail(line, `unknown setting "${name}"`);
        return { id, value: int(line, value, name, 0xffffffff) };
      });
      return frame({ type: 'SETTINGS', ack: p.flags.has('ACK'), settings });
    }
    case 'HEADERS':
    case 'CONTINUATION': {
      const streamId = needStream(line, p, type);
      const dep = option(p, 'dep');
      const weight = option(p, 'weight');
      const headers = p.pairs as HeaderField[];
      const priority = p.flags.has('PRIORITY') || dep !== undefined ? { exclusive: p.bare.includes('exclusive'), dependency: int(line, dep ?? '0', 'dep'), weight: int(line, weight ?? '16', 'weight', 256) } : undefined;
      if (type === 'CONTINUATION') return frame({ type, streamId, endHeaders: p.flags.has('END_HEADERS'), headerBlock: new Uint8Array() }, headers);
      return frame({ type, streamId, endStream: p.flags.has('END_STREAM'), endHeaders: !p.flags.has('NO_END_HEADERS'), headerBlock: new Uint8Array(), ...(priority ? { priority } : {}), ...pad }, headers);
    }
    case 'DATA': {
      const streamId = needStream(line, p, type);
      const n = option(p, 'bytes');
      const data = n !== undefined ? new Uint8Array(int(line, n, 'bytes', 16_777_215)).fill(0x61) : Buffer.from(p.quoted.join(' '), 'utf8');
      return frame({ type, streamId, endStream: p.flags.has('END_STREAM'), data: new Uint8Array(data), ...pad });
    }
    case 'PRIORITY':
      return frame({ type, streamId: needStream(line, p, type), exclusive: p.bare.includes('exclusive'), dependency: int(line, option(p, 'dep') ?? '0', 'dep'), weight: int(line, option(p, 'weight') ?? '16', 'weight', 256) });
    case 'RST_STREAM': {
      const code = [...p.flags][0] ?? p.bare[0] ?? 'CANCEL';
      return frame({ type, streamId: needStream(line, p, type), errorCode: errorCode(line, code) });
    }
    case 'PING': {
      const hex = option(p, 'hex') ?? '0001020304050607';
      if (!/^[0-9a-f]{16}$/i.test(hex)) fail(line, 'PING hex= must be 8 bytes (16 hex digits)');
      return frame({ type, ack: p.flags.has('ACK'), opaque: new Uint8Array(Buffer.from(hex, 'hex')) });
    }
    case 'GOAWAY': {
      const code = [...p.flags][0] ?? p.bare[0] ?? 'NO_ERROR';
      return frame({ type, lastStreamId: int(line, option(p, 'last') ?? '0', 'last'), errorCode: errorCode(line, code), debugData: new Uint8Array(Buffer.from(p.quoted.join(' '), 'utf8')) });
    }
    case 'WINDOW_UPDATE':
      return frame({ type, streamId: p.stream ?? 0, increment: int(line, p.bare[0] ?? fail(line, 'WINDOW_UPDATE needs an increment'), 'increment') });
    case 'PRIORITY_UPDATE':
      return frame({ type, prioritizedStreamId: needStream(line, p, type), priorityFieldValue: p.quoted[0] ?? p.bare.join(' ') ?? 'u=3' });
    default:
      return fail(line, `unknown frame type "${type}" (SETTINGS, HEADERS, CONTINUATION, DATA, PRIORITY, RST_STREAM, PING, GOAWAY, WINDOW_UPDATE, PRIORITY_UPDATE, WAIT)`);
  }
}
