import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { SESSION_VERSION } from '../../../shared/session-format';
import { readSession, streamSession, type SessionStreamItem } from './reader';
import { connection, gz, HEADER, sampleEvents, sessionText } from './test-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'framescope-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function corrupt(source: Uint8Array | string): Promise<ApiError> {
  const e: unknown = await readSession(source).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect((e as ApiError).code).toBe('corrupt_session');
  return e as ApiError;
}

describe('readSession', () => {
  const events = sampleEvents(500);
  const text = sessionText(events);
  const file = gz(text);

  it('reads every source kind: bytes, a Readable, a path', async () => {
    const path = join(dir, 'a.framescope');
    await writeFile(path, file);
    for (const source of [file, Readable.from([file.subarray(0, 100), file.subarray(100)]), path]) {
      const s = await readSession(source);
      expect(s.header).toEqual(HEADER);
      expect(s.connections).toEqual([connection(1), connection(2)]);
      expect(s.events).toEqual(events);
      expect(s.warning).toBeUndefined();
    }
  });

  it('reads a compressed stream split into 1-byte reads', async () => {
    const bytes = [...file].map((b) => Buffer.from([b]));
    expect((await readSession(Readable.from(bytes))).events).toEqual(events);
  });

  it('keeps the latest record of each connection, in order of first appearance', async () => {
    const lines = [JSON.stringify(HEADER), JSON.stringify({ connection: connection(2) }), JSON.stringify({ connection: connection(1) }),
      JSON.stringify({ connection: connection(2, { closedAt: 5 }) })];
    const s = await readSession(gz(lines.join('\n') + '\n'));
    expect(s.connections).toEqual([connection(2, { closedAt: 5 }), connection(1)]);
  });

  it('accepts a last line without newline, CRLF line ends and blank lines', async () => {
    expect((await readSession(gz(text.slice(0, -1)))).events).toEqual(events);
    expect((await readSession(gz(text.replace(/\n/g, '\r\n')))).events).toEqual(events);
    expect((await readSession(gz(text.replace(/\n/, '\n\n')))).events).toEqual(events);
  });

  it('keeps events of unknown names as generic events', async () => {
    const s = await readSession(file);
    const generic = s.events.filter((e) => e.name === 'quic:packet_sent');
    expect(generic.length).toBe(100);
    expect(generic[0]!.data).toEqual({ packet_type: 'initial', length: 1200 });
  });

  it('loads every whole line of a file truncated at any byte, and warns', async () => {
    const all = sampleEvents(60);
    const fullText = sessionText(all);
    const small = gz(fullText);
    let loadedSome = 0;
    for (let cut = 0; cut < small.length; cut++) {
      // What a perfect reader could see: the text that the cut stream still decompresses to.
      const visible = gunzipSync(small.subarray(0, cut), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
      const result: unknown = await readSession(small.subarray(0, cut)).catch((e: unknown) => e);
      if (result instanceof ApiError) {
        expect(result.code).toBe('corrupt_session');
        expect(visible.length).toBeLessThan(JSON.stringify(HEADER).length); // only while the header is cut
        continue;
      }
      const s = result as Awaited<ReturnType<typeof readSession>>;
      const wholeLines = fullText.slice(0, -1).split('\n').filter((_, i, lines) => lines.slice(0, i + 1).join('\n').length <= visible.length).length;
      expect(s.events.length).toBe(Math.max(0, wholeLines - 3));
      expect(s.events).toEqual(all.slice(0, s.events.length));
      expect(s.warning).toBe(`The file ends early: loaded ${s.events.length} events up to line ${wholeLines}`);
      if (s.events.length > 0) loadedSome++;
    }
    expect(loadedSome).toBeGreaterThan(0);
  });

  it('warns when the text ends in the middle of a line', async () => {
    const cutText = text.slice(0, text.length - 20);
    // The gzip stream is whole but the last line is cut: that is damage, not truncation of the file.
    const e = await corrupt(gz(cutText));
    expect(e.message).toMatch(/line 503: not valid JSON/);
  });

  it('says that a file cut before its header ends is not a session', async () => {
    expect((await corrupt(gz(''))).message).toMatch(/the file is empty/);
    expect((await corrupt(file.subarray(0, 12))).message).toMatch(/not a Framescope session/);
    expect((await corrupt(new Uint8Array(0))).message).toMatch(/not a Framescope session/);
  });

  it('refuses foreign files without returning anything', async () => {
    let seed = 7;
    const random = Buffer.from(Array.from({ length: 5000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255));
    expect((await corrupt(random)).message).toMatch(/not gzip data/);
    expect((await corrupt(Buffer.from(text))).message).toMatch(/not gzip data/);
    expect((await corrupt(gz('just some text\nand more\n'))).message).toMatch(/line 1: not a Framescope session/);
    expect((await corrupt(gzipSync(random))).message).toMatch(/not a Framescope session/);
    expect((await corrupt(gz('{"log":{"version":"1.2"}}\n'))).message).toMatch(/line 1: not a Framescope session/);
    expect((await corrupt(gz('{"format":"framescope-session",'))).message).toMatch(/line 1: not a Framescope session/);
  });

  it('refuses a newer version, saying which version is needed', async () => {
    const newer = gz(JSON.stringify({ ...HEADER, version: SESSION_VERSION + 1 }) + '\n');
    expect((await corrupt(newer)).message).toContain(`version ${SESSION_VERSION + 1}`);
  });

  it('refuses a damaged line in the middle, naming it', async () => {
    const lines = text.split('\n');
    lines[100] = lines[100]!.slice(0, 30);
    expect((await corrupt(gz(lines.join('\n')))).message).toMatch(/line 101: not valid JSON/);
    const bad = text.split('\n');
    bad[50] = JSON.stringify({ ...events[47], time: -1 });
    expect((await corrupt(gz(bad.join('\n')))).message).toMatch(/line 51: time must be/);
  });

  it('refuses seq that goes backwards or repeats', async () => {
    const swapped = [...events];
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    expect((await corrupt(gz(sessionText(swapped)))).message).toMatch(/line 15: seq 10 does not follow seq 11/);
    const repeated = [...events.slice(0, 5), events[4]!];
    expect((await corrupt(gz(sessionText(repeated)))).message).toMatch(/line 9: seq 4/);
  });

  it('refuses damaged compressed data after the header', async () => {
    const big = Buffer.from(gz(sessionText(sampleEvents(3000))));
    big[Math.floor(big.length / 2)]! ^= 0xff;
    big[Math.floor(big.length / 2) + 1]! ^= 0x5a;
    const e = await corrupt(big);
    expect(e.message).toMatch(/damaged|line \d+/);
  });

  it('refuses a line longer than the limit', async () => {
    const e: unknown = await readSession(file, { maxLineChars: 100 }).catch((err: unknown) => err);
    expect((e as ApiError).code).toBe('corrupt_session');
    expect((e as ApiError).message).toMatch(/longer than 100/);
  });

  it('reports a missing file as an io error', async () => {
    const e: unknown = await readSession(join(dir, 'missing.framescope')).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('io');
  });

  it('reports a failing stream as an io error', async () => {
    const failing = new Readable({ read() { this.destroy(new Error('disk on fire')); } });
    const e: unknown = await readSession(failing).catch((err: unknown) => err);
    expect((e as ApiError).code).toBe('io');
    expect((e as ApiError).message).toMatch(/disk on fire/);
  });
});

describe('streamSession', () => {
  it('yields the header, batches of lines in file order, then the end', async () => {
    const events = sampleEvents(20_000);
    const items: SessionStreamItem[] = [];
    for await (const item of streamSession(gz(sessionText(events)))) items.push(item);
    expect(items[0]).toEqual({ kind: 'header', header: HEADER });
    expect(items.at(-1)).toEqual({ kind: 'end', events: 20_000, lines: 20_003 });
    const lines = items.flatMap((i) => (i.kind === 'lines' ? i.lines : []));
    expect(lines.slice(0, 2)).toEqual([{ connection: connection(1) }, { connection: connection(2) }]);
    expect(lines.slice(2)).toEqual(events);
    expect(items.filter((i) => i.kind === 'lines').length).toBeGreaterThan(1);
  });

  it('stops reading when the consumer stops', async () => {
    const source = Readable.from([gz(sessionText(sampleEvents(20_000)))]);
    for await (const item of streamSession(source)) if (item.kind === 'lines') break;
    expect(source.destroyed).toBe(true);
  });
});
