/**
 * Reads `.framescope` session files as a stream: gunzip → lines → validated records, without ever holding the
 * whole file as one string. A truncated file loads what is whole and says so; a corrupt or foreign file rejects
 * with ApiError('corrupt_session') naming the line and the reason, and returns nothing.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import { isConnectionLine, type SessionHeader, type SessionLine } from '../../../shared/session-format';
import { SessionFormatError } from '../../../shared/session-validate';
import { gunzipSource, SourceReadError, type SessionSource } from './gunzip-source';
import { SessionLineDecoder } from './line-decoder';

export type { SessionSource } from './gunzip-source';

/** Options of readSession and streamSession. */
export interface ReadSessionOptions {
  /** The longest line to accept, in characters (default 64 Mi). */
  readonly maxLineChars?: number;
}

/** A session loaded from a file. */
export interface LoadedSession {
  readonly header: SessionHeader;
  /** The latest record of each connection, in order of first appearance. */
  readonly connections: ConnectionInfo[];
  readonly events: SessionEvent[];
  /** Set when the file was truncated and only its whole part was loaded. */
  readonly warning?: string;
}

/** What streamSession yields: the header first, then batches of lines in file order, then the end. */
export type SessionStreamItem =
  | { readonly kind: 'header'; readonly header: SessionHeader }
  | { readonly kind: 'lines'; readonly lines: readonly SessionLine[] }
  | { readonly kind: 'end'; readonly events: number; readonly lines: number; readonly warning?: string };

/** Reads a whole session into memory. Rejects with ApiError ('corrupt_session' or 'io') and nothing else. */
export async function readSession(source: SessionSource, opts?: ReadSessionOptions): Promise<LoadedSession> {
  let header: SessionHeader | null = null;
  const connections = new Map<number, ConnectionInfo>();
  const events: SessionEvent[] = [];
  let warning: string | undefined;
  for await (const item of streamSession(source, opts)) {
    if (item.kind === 'lines') {
      for (const line of item.lines) {
        if (isConnectionLine(line)) connections.set(line.connection.id, line.connection);
        else events.push(line);
      }
    } else if (item.kind === 'header') header = item.header;
    else warning = item.warning;
  }
  if (header === null) throw new ApiError('internal', 'session stream ended without a header');
  return warning === undefined
    ? { header, connections: [...connections.values()], events }
    : { header, connections: [...connections.values()], events, warning };
}

/**
 * Streams a session for very large files: the header, then batches of records (connection records and events,
 * in file order), then an 'end' item with counts and the truncation warning if any. Each batch has been
 * validated, but a later line may still prove the file corrupt: the iterator then throws ApiError after having
 * yielded earlier batches, so a caller that must not show a partial session should use readSession.
 */
export async function* streamSession(source: SessionSource, opts?: ReadSessionOptions): AsyncGenerator<SessionStreamItem, void, undefined> {
  const run = gunzipSource(source);
  const decoder = new SessionLineDecoder(opts?.maxLineChars);
  const text = new StringDecoder('utf8');
  let bytesOut = 0;
  let headerSent = false;
  try {
    try {
      for await (const chunk of run.output as AsyncIterable<Buffer>) {
        bytesOut += chunk.length;
        decoder.push(text.write(chunk));
        if (!headerSent && decoder.header !== null) {
          headerSent = true;
          yield { kind: 'header', header: decoder.header };
        }
        const lines = decoder.take();
        if (lines.length > 0) yield { kind: 'lines', lines };
      }
      decoder.push(text.end());
      const warning = decoder.finish(run.isWhole(bytesOut));
      if (!headerSent && decoder.header !== null) {
        headerSent = true;
        yield { kind: 'header', header: decoder.header };
      }
      const lines = decoder.take();
      if (lines.length > 0) yield { kind: 'lines', lines };
      const end = { kind: 'end', events: decoder.events, lines: decoder.lines } as const;
      yield warning === null ? end : { ...end, warning };
    } catch (e) {
      throw toReadError(e, decoder);
    }
  } finally {
    run.dispose();
  }
}

/** Maps whatever stopped the read to the ApiError a person sees. */
function toReadError(e: unknown, decoder: SessionLineDecoder): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof SessionFormatError) return new ApiError('corrupt_session', `Cannot open this session file: ${e.message}.`);
  if (e instanceof SourceReadError) return new ApiError('io', `Could not read the session file: ${e.message}`);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    const reason = decoder.lines === 0 && decoder.header === null
      ? 'not a Framescope session (it is not gzip data)'
      : `the compressed data is damaged after line ${decoder.lines} (${(e as Error).message})`;
    return new ApiError('corrupt_session', `Cannot open this session file: ${reason}.`);
  }
  if (typeof code === 'string' && code.startsWith('E')) return new ApiError('io', `Could not read the session file: ${(e as Error).message}`);
  return new ApiError('internal', e instanceof Error ? e.message : String(e));
}
