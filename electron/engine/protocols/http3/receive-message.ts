/**
 * The receive side of request and push streams (RFC 9114 §4.1, §4.6, §7.2): frames through the frame-on-stream
 * rules and the message state machine, header sections through QPACK (pausing the stream while a section is
 * blocked, RFC 9204 §2.2.1), and the well-formedness checks of §4.1.2-§4.3 (H3_MESSAGE_ERROR on the stream).
 */
import type { H3HeadersRole } from './core-events';
import type { ConnectionCore } from './core-state';
import { connectionError, H3Error, H3ErrorCode, streamError } from './errors';
import { qpackFieldData, type SectionDetails } from './frame-events';
import type { FrameReaderItem } from './frame-reader';
import { frameNotAllowed, H3FrameType, type DecodedFrame } from './frames';
import { contentLength, requestProblem, responseStatus, trailersProblem } from './message-fields';
import { MessageState, nextMessageState } from './message-state';
import { parsePriority } from './priority';
import { onPushPromise } from './push';
import type { DecodedFieldSection } from './qpack';
import type { MessageStream } from './stream-records';

/** Bytes for a request or push stream: frames are read until the stream blocks, ends or runs out of bytes. */
export function receiveMessageData(core: ConnectionCore, s: MessageStream, bytes: Uint8Array, fin: boolean): void {
  if (s.recvClosed) return;
  s.reader!.push(bytes);
  if (fin) s.finReceived = true;
  pump(core, s);
}

/** Reads what can be read on a stream (again after it unblocks). */
export function pump(core: ConnectionCore, s: MessageStream): void {
  while (!s.recvClosed && !s.blocked && core.status !== 'closed') {
    const item = s.reader!.next();
    if (!item) break;
    onItem(core, s, item);
  }
  if (s.finReceived && !s.recvClosed && !s.blocked && core.status !== 'closed') onFin(core, s);
}

function onItem(core: ConnectionCore, s: MessageStream, item: FrameReaderItem): void {
  const fail = (e: H3Error): never => {
    throw e.at(s.id);
  };
  if (item.kind === 'frame-start') {
    if (item.header.typeCode === H3FrameType.DATA) {
      expect(s, 'data', H3FrameType.DATA);
      core.events.trace(
        'http3:frame_parsed',
        { frame_type: 'data', type_code: 0, length: item.header.length, stream_id: s.id, streamed: true },
        { stream: s.id, dir: 'received', raw: item.rawHeader },
      );
    } else {
      core.events.trace(
        'http3:frame_parsed',
        { frame_type: 'unknown', type_code: item.header.typeCode, length: item.header.length, stream_id: s.id, streamed: true },
        { stream: s.id, dir: 'received', raw: item.rawHeader },
      );
    }
    return;
  }
  if (item.kind === 'frame-chunk') {
    if (item.header.typeCode === H3FrameType.DATA && item.bytes.length > 0) onBody(core, s, item.bytes);
    return;
  }
  const d = item.decoded;
  const frame = d.frame;
  const typeCode = d.typeCode;
  const bad = frameNotAllowed(frame, s.kind, core.role, typeCode);
  if (bad) {
    core.traceParsed(s.id, d);
    fail(bad);
  }
  switch (frame.type) {
    case 'DATA':
      expect(s, 'data', typeCode);
      core.traceParsed(s.id, d);
      if (frame.data.length > 0) onBody(core, s, frame.data);
      return;
    case 'HEADERS': {
      expect(s, 'headers', typeCode);
      const section = decodeSection(core, s, d, frame.fieldSection);
      if (section) onHeaders(core, s, d, section, false);
      return;
    }
    case 'PUSH_PROMISE': {
      const section = decodeSection(core, s, d, frame.fieldSection);
      if (section) onPushPromise(core, s, d, frame.pushId, section, false);
      return;
    }
    default:
      // Reserved and unknown frames are ignored (§9); everything else was refused by frameNotAllowed.
      core.traceParsed(s.id, d);
  }
}

/** Checks a HEADERS or DATA frame against the message state machine (§4.1: H3_FRAME_UNEXPECTED otherwise). */
function expect(s: MessageStream, type: 'headers' | 'data', typeCode: number): void {
  const next = nextMessageState(s.recv, type === 'headers' ? { type, informational: false } : { type });
  if (typeof next === 'object') throw connectionError(H3ErrorCode.H3_FRAME_UNEXPECTED, `stream ${s.id}: ${next.error}`, typeCode, s.id);
}

/** Decodes a field section, or pauses the stream when it is blocked. Traces the frame when it is not decoded now. */
function decodeSection(core: ConnectionCore, s: MessageStream, d: DecodedFrame, fieldSection: Uint8Array): DecodedFieldSection | null {
  let result: DecodedFieldSection | 'blocked';
  try {
    result = core.qpack.decode(s.id, fieldSection);
  } catch (e) {
    core.traceParsed(s.id, d);
    throw e;
  }
  s.sectionsPending = result === 'blocked';
  if (result !== 'blocked') return result;
  s.blocked = d;
  core.traceParsed(s.id, d, { blocked: true });
  return null;
}

/** Section details for traces. */
export function details(section: DecodedFieldSection): SectionDetails {
  return { headers: section.headers, fields: section.fields, requiredInsertCount: section.requiredInsertCount, base: section.base };
}

/** A section that was blocked is decoded now: trace it and go on with the stream. */
export function onUnblocked(core: ConnectionCore, section: DecodedFieldSection): void {
  const s = core.streams.get(section.streamId);
  if (!s || !s.blocked) return;
  const d = s.blocked;
  s.blocked = null;
  s.sectionsPending = false;
  core.events.trace(
    'qpack:section_unblocked',
    {
      stream_id: s.id,
      required_insert_count: section.requiredInsertCount,
      headers: section.headers,
      qpack: section.fields.map(qpackFieldData),
    },
    { stream: s.id, dir: 'received' },
  );
  if (d.frame.type === 'PUSH_PROMISE') onPushPromise(core, s, d, d.frame.pushId, section, true);
  else onHeaders(core, s, d, section, true);
  pump(core, s);
}

/** A decoded header section on a message stream: what it is, whether it is well-formed, and the app event. */
function onHeaders(core: ConnectionCore, s: MessageStream, d: DecodedFrame, section: DecodedFieldSection, wasBlocked: boolean): void {
  const headers = section.headers;
  let role: H3HeadersRole;
  let problem: string | null = null;
  if (s.recv === MessageState.Body) {
    role = 'trailers';
    problem = trailersProblem(headers);
  } else if (core.role === 'server') {
    role = 'request';
    problem = requestProblem(headers);
  } else {
    const status = responseStatus(headers);
    if (typeof status === 'string') problem = status;
    role = typeof status === 'number' && status < 200 ? 'informational' : 'response';
  }
  // A blocked section was traced at arrival and again as qpack:section_unblocked.
  if (!wasBlocked) core.traceParsed(s.id, d, { section: details(section), role });
  if (problem) throw streamError(H3ErrorCode.H3_MESSAGE_ERROR, s.id, `malformed ${role === 'trailers' ? 'trailers' : role}: ${problem}`, H3FrameType.HEADERS);
  const next = nextMessageState(s.recv, { type: 'headers', informational: role === 'informational' });
  s.recv = typeof next === 'object' ? s.recv : next;
  if (role === 'request' || role === 'response') {
    const cl = contentLength(headers);
    // A response to HEAD, or a 304, has a content-length but no content (RFC 9110 §8.6).
    const noContent = role === 'response' && (s.requestMethod === 'HEAD' || headers.some(([n, v]) => n === ':status' && v === '304'));
    s.contentLength = typeof cl === 'number' && !noContent ? cl : null;
  }
  if (role === 'request') {
    const p = headers.find(([n]) => n === 'priority');
    if (p) {
      const priority = parsePriority(p[1]);
      core.priorities.set(s.id, priority);
      core.events.push({ kind: 'priority', element: 'request', id: s.id, priority });
    }
  }
  core.events.push({ kind: 'headers', streamId: s.id, role, headers, ...(s.pushId !== undefined ? { pushId: s.pushId } : {}) });
}

/** DATA payload: counted against content-length (§4.1.2) and handed to the application. */
function onBody(core: ConnectionCore, s: MessageStream, data: Uint8Array): void {
  s.bodyReceived += data.length;
  if (s.contentLength !== null && s.bodyReceived > s.contentLength) {
    throw streamError(H3ErrorCode.H3_MESSAGE_ERROR, s.id, `more DATA (${s.bodyReceived} bytes) than content-length ${s.contentLength} (§4.1.2)`, H3FrameType.DATA);
  }
  s.recv = MessageState.Body;
  core.events.push({ kind: 'data', streamId: s.id, data, ...(s.pushId !== undefined ? { pushId: s.pushId } : {}) });
}

/** The stream ended: only after a whole frame (§7.1) and a whole message (§4.1). */
function onFin(core: ConnectionCore, s: MessageStream): void {
  if (!s.reader!.atBoundary) throw s.reader!.truncatedError();
  const next = nextMessageState(s.recv, { type: 'end' });
  if (typeof next === 'object') {
    const code = core.role === 'server' && s.kind === 'request' ? H3ErrorCode.H3_REQUEST_INCOMPLETE : H3ErrorCode.H3_MESSAGE_ERROR;
    throw streamError(code, s.id, next.error);
  }
  if (s.contentLength !== null && s.bodyReceived !== s.contentLength) {
    throw streamError(H3ErrorCode.H3_MESSAGE_ERROR, s.id, `${s.bodyReceived} bytes of DATA but content-length ${s.contentLength} (§4.1.2)`);
  }
  s.recv = next;
  s.recvClosed = true;
  core.events.push({ kind: 'end', streamId: s.id, ...(s.pushId !== undefined ? { pushId: s.pushId } : {}) });
  if (s.sendClosed) core.streams.delete(s.id);
}
