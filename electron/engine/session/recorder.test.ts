import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PendingEvent } from '../../../shared/events';
import { readSession } from './reader';
import { SessionRecorder } from './recorder';
import { connection, HEADER } from './test-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'framescope-recorder-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const note = (text: string, time = 1): PendingEvent => ({ time, conn: 0, vantage: 'client', name: 'app:note', data: { text } });

describe('SessionRecorder', () => {
  it('assigns seq from 0 and keeps data as given', () => {
    const r = new SessionRecorder(HEADER);
    const pending = note('a');
    const first = r.record(pending);
    const second = r.record(note('b'));
    expect([first.seq, second.seq, r.nextSeq]).toEqual([0, 1, 2]);
    expect(first.data).toBe(pending.data);
    expect(first).toMatchObject(pending);
    expect(r.events).toEqual([first, second]);
  });

  it('keeps the latest facts of each connection', () => {
    const r = new SessionRecorder(HEADER);
    r.setConnection(connection(1));
    r.setConnection(connection(2));
    r.setConnection(connection(1, { closedAt: 9 }));
    expect(r.connections).toEqual([connection(1, { closedAt: 9 }), connection(2)]);
    expect(r.connection(2)).toEqual(connection(2));
    expect(r.connection(3)).toBeUndefined();
  });

  it('saves to a path and a Writable, and the file reads back the same', async () => {
    const r = new SessionRecorder(HEADER);
    r.setConnection(connection(1));
    for (let i = 0; i < 1000; i++) r.record({ time: i, conn: 1, vantage: 'server', stream: 1, dir: 'sent', name: 'h1:body', raw: 'aGk=', data: { length: 2, offset: 2 * (i + 1) } });
    const path = join(dir, 's.framescope');
    const result = await r.saveTo(path);
    expect(result.events).toBe(1000);
    const loaded = await readSession(path);
    expect(loaded).toEqual({ header: HEADER, connections: [connection(1)], events: r.events });

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await r.saveTo(out);
    expect((await readSession(Buffer.concat(chunks))).events).toEqual(r.events);
  });

  it('saves the events recorded before saveTo was called', async () => {
    const r = new SessionRecorder(HEADER);
    for (let i = 0; i < 10; i++) r.record(note(String(i)));
    const saving = r.saveTo(join(dir, 'snapshot.framescope'));
    r.record(note('late'));
    expect((await saving).events).toBe(10);
  });

  it('continues the seq of a loaded session', async () => {
    const r = new SessionRecorder(HEADER);
    r.setConnection(connection(1));
    r.record(note('a'));
    r.record(note('b'));
    const path = join(dir, 'again.framescope');
    await r.saveTo(path);
    const again = SessionRecorder.fromLoaded(await readSession(path));
    expect(again.record(note('c')).seq).toBe(2);
    expect(again.connections).toEqual([connection(1)]);
  });
});
