/**
 * Test support for running our HTTP/2 client against third-party servers: a folder of files with known bytes to
 * serve (nghttpd's htdocs, Caddy's file_server root), and a run of concurrent requests on one connection whose
 * bodies are compared byte for byte.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { H2ClientSession, type H2ConnectOptions } from '../client/h2-client';
import type { ClientTarget } from '../client/target';
import type { EventSink } from '../core/event-sink';

/** Sizes of the files served: below, at and above the default frame size and windows, and empty. */
export const PEER_FILE_SIZES = [0, 1, 1024, 16_384, 16_385, 70_000, 200_000] as const;

/** Deterministic content of a served file (so a shifted or dropped byte shows). */
export function peerFileBytes(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + (i >> 8) + size) & 0xff;
  return b;
}

/** Makes a folder of files `f<size>.bin` (and an index.html) to serve; returns its path. */
export function makePeerDocs(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const size of PEER_FILE_SIZES) writeFileSync(join(dir, `f${size}.bin`), peerFileBytes(size));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>framescope interop</title>\n');
  return dir;
}

/**
 * Opens one connection, requests every file `rounds` times at once (all streams in flight together), checks
 * each body byte for byte and the status, then closes with GOAWAY. Returns the session for further checks.
 */
export async function fetchAllFiles(target: ClientTarget, sink: EventSink, options: H2ConnectOptions = {}, rounds = 2): Promise<H2ClientSession> {
  const session = await H2ClientSession.open(target, sink, options);
  const paths = Array.from({ length: rounds }, () => PEER_FILE_SIZES.map((size) => ({ size, path: `/f${size}.bin` }))).flat();
  const responses = await Promise.all(paths.map((p) => session.request({ path: p.path })));
  responses.forEach((r, i) => {
    const want = paths[i]!;
    expect(r.status, want.path).toBe(200);
    expect(r.body.length, want.path).toBe(want.size);
    expect(Buffer.compare(Buffer.from(r.body), peerFileBytes(want.size)), `${want.path}: body differs`).toBe(0);
  });
  expect(new Set(responses.map((r) => r.streamId)).size).toBe(paths.length);
  await session.close();
  return session;
}

/** Client-vantage h2:frame events of one connection, by direction. */
export function clientFrames(events: readonly SessionEvent[], conn: number, dir: 'sent' | 'received'): { type: string; stream: number; flags: readonly string[] }[] {
  return events
    .filter((e) => e.name === 'h2:frame' && e.vantage === 'client' && e.conn === conn && e.dir === dir)
    .map((e) => {
      const d = e.data as { type: string; flags: readonly string[]; streamId: number };
      return { type: d.type, stream: d.streamId, flags: d.flags };
    });
}
