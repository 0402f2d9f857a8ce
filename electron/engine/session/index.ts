/**
 * Session files: the recorder that holds a session in memory, and streaming `.framescope` writing and reading.
 */
export { SessionRecorder, type PendingSessionEvent } from './recorder';
export { readSession, streamSession, type LoadedSession, type ReadSessionOptions, type SessionSource, type SessionStreamItem } from './reader';
export {
  DEFAULT_CHUNK_BYTES,
  DEFAULT_GZIP_LEVEL,
  openSessionWriter,
  SessionWriter,
  type SessionWriteResult,
  type SessionWriterOptions,
} from './writer';
