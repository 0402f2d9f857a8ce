import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { readSession } from './reader';
import { connection, HEADER, sampleEvents, sessionText } from './test-fixtures';
import { openSessionWriter, SessionWriter } from './writer';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'framescope-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A Writable that keeps what it gets, acknowledging each chunk after `delayMs`, with a tiny buffer. */
function sink(delayMs = 0): { stream: Writable; bytes: () => Buffer; writes: () => number } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, callback) {
      chunks.push(chunk);
      if (delayMs > 0) setTimeout(callback, delayMs);
      else callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks), writes: () => chunks.length };
}

describe('SessionWriter', () => {
  it('writes the header, connection records and events as gzipped JSON lines', async () => {
    const events = sampleEvents(300);
    const out = sink();
    const writer = new SessionWriter(out.stream, HEADER);
    writer.writeConnection(connection(1));
    writer.writeConnection(connection(2));
    for (const e of events) writer.writeEvent(e);
    const result = await writer.close();
    expect(gunzipSync(out.bytes()).toString('utf8')).toBe(sessionText(events));
    expect(result).toEqual({ events: 300, bytes: out.bytes().length });
  });

  it('round-trips through readSession', async () => {
    const events = sampleEvents(5000);
    // Lines larger than a chunk take a path of their own.
    events[100] = { ...events[100]!, name: 'app:note', data: { text: 'x'.repeat(10_000) + 'é' } };
    const out = sink();
    const writer = new SessionWriter(out.stream, HEADER, { level: 6, chunkBytes: 1000 });
    writer.writeConnection(connection(1));
    writer.writeConnection(connection(2));
    for (const e of events) if (!writer.writeEvent(e)) await writer.drain();
    await writer.close();
    const s = await readSession(out.bytes());
    expect(s).toEqual({ header: HEADER, connections: [connection(1), connection(2)], events });
  });

  it('asks the caller to wait when the destination is slow, and holds little in memory', async () => {
    const out = sink(1);
    const writer = new SessionWriter(out.stream, HEADER, { level: 0, chunkBytes: 4096 });
    let waits = 0;
    for (const e of sampleEvents(20_000)) {
      if (!writer.writeEvent(e)) {
        waits++;
        await writer.drain();
      }
    }
    await writer.close();
    expect(waits).toBeGreaterThan(10);
    expect(out.writes()).toBeGreaterThan(10);
    expect((await readSession(out.bytes())).events.length).toBe(20_000);
  });

  it('rejects close with an io error when the destination fails, and refuses later writes', async () => {
    const failing = new Writable({ write(_c, _e, callback) { callback(new Error('disk full')); } });
    const writer = new SessionWriter(failing, HEADER, { chunkBytes: 100 });
    for (const e of sampleEvents(10)) writer.writeEvent(e);
    await new Promise((r) => setTimeout(r, 20));
    expect(() => writer.writeEvent(sampleEvents(1)[0]!)).toThrow(ApiError);
    const e: unknown = await writer.close().catch((err: unknown) => err);
    expect((e as ApiError).code).toBe('io');
    expect((e as ApiError).message).toMatch(/disk full/);
  });

  it('refuses writes after close', async () => {
    const writer = new SessionWriter(sink().stream, HEADER);
    await writer.close();
    expect(() => writer.writeEvent(sampleEvents(1)[0]!)).toThrow(/closed/);
    await expect(writer.close()).rejects.toThrow(/closed/);
  });
});

describe('openSessionWriter', () => {
  it('writes the file in place of an older one only when done', async () => {
    const path = join(dir, 'atomic.framescope');
    await writeFile(path, 'old');
    const writer = openSessionWriter(path, HEADER);
    for (const e of sampleEvents(100)) writer.writeEvent(e);
    expect(await readFile(path, 'utf8')).toBe('old');
    const result = await writer.close();
    expect(result.bytes).toBe((await stat(path)).size);
    expect((await readSession(path)).events).toEqual(sampleEvents(100));
    expect((await readdir(dir)).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('leaves no file behind on abort', async () => {
    const path = join(dir, 'aborted.framescope');
    const writer = openSessionWriter(path, HEADER);
    for (const e of sampleEvents(100)) writer.writeEvent(e);
    writer.abort();
    await new Promise((r) => setTimeout(r, 50));
    expect((await readdir(dir)).filter((n) => n.startsWith('aborted'))).toEqual([]);
  });

  it('rejects with an io error when the folder does not exist', async () => {
    const writer = openSessionWriter(join(dir, 'no', 'such', 'dir.framescope'), HEADER);
    const e: unknown = await writer.close().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('io');
  });
});
