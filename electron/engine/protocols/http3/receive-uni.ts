/**
 * Unidirectional streams from the peer (RFC 9114 §6.2, RFC 9204 §4.2): the stream type decides what the rest is.
 * One control, QPACK encoder and QPACK decoder stream each (a second one is H3_STREAM_CREATION_ERROR); push streams
 * only towards clients; reserved types ignored; unknown types refused with STOP_SENDING H3_STREAM_CREATION_ERROR.
 */
import type { ConnectionCore } from './core-state';
import { connectionError, H3ErrorCode } from './errors';
import { FrameReader } from './frame-reader';
import { NeedMore, Reader } from '../quic';
import { onControlFrame } from './receive-control';
import { onUnblocked, receiveMessageData } from './receive-message';
import { openIncomingPush } from './push';
import type { IncomingUniStream } from './stream-records';
import { isCritical, uniStreamKind, type H3StreamKind } from './stream-types';

/** Control frames other than DATA and unknown ones stay small: 16 KiB at most (H3_EXCESSIVE_LOAD otherwise). */
const CONTROL_FRAME_LIMIT = 16384;

/** Bytes of a unidirectional stream the peer opened. */
export function receiveUni(core: ConnectionCore, u: IncomingUniStream, bytes: Uint8Array, fin: boolean): void {
  if (u.kind === null) {
    const joined = new Uint8Array(u.head.length + bytes.length);
    joined.set(u.head);
    joined.set(bytes, u.head.length);
    u.head = joined;
    const rest = readHeader(core, u);
    if (rest === null) {
      // §6.2: a stream may end or be reset before its type arrives; that is not an error.
      if (fin) core.uniIn.delete(u.id);
      return;
    }
    bytes = rest;
  }
  if (u.discard) return;
  if (fin && isCritical(u.kind!)) {
    throw connectionError(H3ErrorCode.H3_CLOSED_CRITICAL_STREAM, `the peer closed its ${u.kind} stream ${u.id} (§6.2.1, RFC 9204 §4.2)`, undefined, u.id);
  }
  switch (u.kind) {
    case 'control':
      return receiveControl(core, u, bytes);
    case 'qpack_encode': {
      const result = core.qpack.onEncoderStream(bytes);
      for (const section of result.unblocked) onUnblocked(core, section);
      for (const e of result.tooLarge) {
        const s = core.streams.get(e.streamId);
        if (s) {
          const err = connectionError(H3ErrorCode.H3_EXCESSIVE_LOAD, e.message, undefined, s.id);
          core.traceError(err);
          core.abortStream(s, err.code, 'local', false);
        }
      }
      return;
    }
    case 'qpack_decode':
      return core.qpack.onDecoderStream(bytes);
    case 'push': {
      const s = core.streams.get(u.id);
      if (s) receiveMessageData(core, s, bytes, fin);
      return;
    }
    default:
      return;
  }
}

/** Reads the stream type (and a push stream's push id) from the head bytes; returns the bytes after it, or null. */
function readHeader(core: ConnectionCore, u: IncomingUniStream): Uint8Array | null {
  const r = new Reader(u.head);
  let code: bigint;
  try {
    code = r.varintBig('stream type');
  } catch (e) {
    if (e instanceof NeedMore) return null;
    throw e;
  }
  const typeEnd = r.offset;
  const kind = uniStreamKind(code);
  if (kind === 'push') {
    if (core.role === 'server') {
      core.traceStreamType(u.id, 'remote', kind, { typeCode: 1, raw: u.head.slice(0, typeEnd), outcome: 'H3_STREAM_CREATION_ERROR' });
      // §6.2.2: only servers push.
      throw connectionError(H3ErrorCode.H3_STREAM_CREATION_ERROR, `the client opened push stream ${u.id}; only servers push (§6.2.2)`, undefined, u.id);
    }
    let pushId: number;
    try {
      pushId = Number(r.varintBig('push id'));
    } catch (e) {
      if (e instanceof NeedMore) return null;
      throw e;
    }
    u.kind = kind;
    core.traceStreamType(u.id, 'remote', kind, { typeCode: 1, pushId, raw: u.head.slice(0, r.offset) });
    const s = openIncomingPush(core, u.id, pushId);
    if (!s) u.discard = true;
    return rest(u, r.offset);
  }
  u.kind = kind;
  const raw = u.head.slice(0, typeEnd);
  const typeCode = Number(code);
  if (kind === 'reserved') {
    core.traceStreamType(u.id, 'remote', kind, { typeCode, raw, outcome: 'ignored (reserved type, §6.2.3)' });
    u.discard = true;
    return rest(u, typeEnd);
  }
  if (kind === 'unknown') {
    // §6.2: abort reading an unknown stream type, with H3_STREAM_CREATION_ERROR.
    core.traceStreamType(u.id, 'remote', kind, { typeCode, raw, outcome: 'STOP_SENDING H3_STREAM_CREATION_ERROR (§6.2)' });
    core.commands.push({ op: 'stop_sending', streamId: u.id, code: H3ErrorCode.H3_STREAM_CREATION_ERROR });
    u.discard = true;
    return rest(u, typeEnd);
  }
  core.traceStreamType(u.id, 'remote', kind, { typeCode, raw });
  claimCritical(core, u.id, kind);
  if (kind === 'control') u.reader = new FrameReader({ maxPayload: () => CONTROL_FRAME_LIMIT });
  return rest(u, typeEnd);
}

function rest(u: IncomingUniStream, offset: number): Uint8Array {
  const out = u.head.subarray(offset);
  u.head = new Uint8Array(0);
  return out;
}

/** §6.2.1, RFC 9204 §4.2: one control, encoder and decoder stream per peer. */
function claimCritical(core: ConnectionCore, id: number, kind: H3StreamKind): void {
  const existing = core.peerCritical.get(kind);
  if (existing !== undefined) {
    throw connectionError(H3ErrorCode.H3_STREAM_CREATION_ERROR, `a second ${kind} stream (${id}; the first was ${existing}) (§6.2.1, RFC 9204 §4.2)`, undefined, id);
  }
  core.peerCritical.set(kind, id);
}

function receiveControl(core: ConnectionCore, u: IncomingUniStream, bytes: Uint8Array): void {
  u.reader!.push(bytes);
  for (let item = u.reader!.next(); item && core.status !== 'closed'; item = u.reader!.next()) {
    if (item.kind === 'frame') onControlFrame(core, u, item.decoded);
    else if (item.kind === 'frame-start') {
      // A large unknown frame: §6.2.1 still wants SETTINGS first.
      if (!u.settingsReceived) throw connectionError(H3ErrorCode.H3_MISSING_SETTINGS, `the first frame on the control stream is type 0x${item.header.typeCode.toString(16)}, not SETTINGS (§6.2.1)`, item.header.typeCode, u.id);
      core.events.trace(
        'http3:frame_parsed',
        { frame_type: 'unknown', type_code: item.header.typeCode, length: item.header.length, stream_id: u.id, streamed: true },
        { stream: u.id, dir: 'received', raw: item.rawHeader },
      );
    }
  }
}

