/**
 * Server push (RFC 9114 §4.6): the client allows pushes with MAX_PUSH_ID (§7.2.7), the server promises one with
 * PUSH_PROMISE on a request stream (§7.2.5) and sends the response on a push stream (§6.2.2) that starts with the
 * push id; either side can cancel with CANCEL_PUSH (§7.2.3). Push ids over the maximum are H3_ID_ERROR; the same
 * push id promised twice with different requests is H3_GENERAL_PROTOCOL_ERROR.
 */
import type { HeaderField } from '../../../../shared/events';
import type { ConnectionCore, PushRecord } from './core-state';
import { connectionError, H3ErrorCode, H3UsageError, streamError } from './errors';
import { FrameReader } from './frame-reader';
import { H3FrameType, type DecodedFrame } from './frames';
import { requestProblem } from './message-fields';
import { MessageState } from './message-state';
import type { DecodedFieldSection } from './qpack';
import { details } from './receive-message';
import { newMessageStream, type MessageStream } from './stream-records';
import { H3StreamType } from './stream-types';
import { Writer } from '../quic';

/** The push record for an id, created on first use. */
function record(core: ConnectionCore, pushId: number): PushRecord {
  let r = core.pushes.get(pushId);
  if (!r) {
    r = { pushId, streamId: null, promised: null, cancelled: false };
    core.pushes.set(pushId, r);
  }
  return r;
}

/** Throws H3_ID_ERROR for a push id above our MAX_PUSH_ID (client side, §4.6, §7.2.3, §7.2.5). */
export function checkPushId(core: ConnectionCore, pushId: number, frameType: number, what: string): void {
  if (core.maxPushId === null || pushId > core.maxPushId) {
    throw connectionError(H3ErrorCode.H3_ID_ERROR, `${what} push id ${pushId} is above MAX_PUSH_ID ${core.maxPushId ?? '(none sent)'} (§4.6)`, frameType);
  }
}

/** Client: a PUSH_PROMISE on a request stream, with its decoded promised request. */
export function onPushPromise(core: ConnectionCore, s: MessageStream, d: DecodedFrame, pushId: number, section: DecodedFieldSection, wasBlocked: boolean): void {
  if (!wasBlocked) core.traceParsed(s.id, d, { section: details(section) });
  checkPushId(core, pushId, H3FrameType.PUSH_PROMISE, 'PUSH_PROMISE with');
  const headers = section.headers;
  const r = record(core, pushId);
  if (r.promised) {
    // §4.6: the same push id may be promised on several streams, with the same request each time.
    if (!sameHeaders(r.promised, headers)) {
      throw connectionError(H3ErrorCode.H3_GENERAL_PROTOCOL_ERROR, `push id ${pushId} promised twice with different requests (§4.6)`, H3FrameType.PUSH_PROMISE);
    }
    return;
  }
  const problem = requestProblem(headers);
  if (problem) throw streamError(H3ErrorCode.H3_MESSAGE_ERROR, s.id, `malformed promised request: ${problem}`, H3FrameType.PUSH_PROMISE);
  r.promised = headers;
  if (r.cancelled) return;
  core.events.push({ kind: 'push_promise', streamId: s.id, pushId, headers });
  // §4.6: a promised request that is not safe and cacheable, or has content, is cancelled.
  const method = headers.find(([n]) => n === ':method')?.[1];
  if (method !== 'GET' && method !== 'HEAD') cancelPush(core, pushId);
}

/** Client: a push stream's header is whole (§6.2.2). Returns the stream record, or null when it is dropped. */
export function openIncomingPush(core: ConnectionCore, streamId: number, pushId: number): MessageStream | null {
  checkPushId(core, pushId, 0, 'push stream for');
  const r = record(core, pushId);
  if (r.streamId !== null) throw connectionError(H3ErrorCode.H3_ID_ERROR, `a second push stream for push id ${pushId} (§6.2.2)`);
  r.streamId = streamId;
  if (r.cancelled) {
    core.commands.push({ op: 'stop_sending', streamId, code: H3ErrorCode.H3_REQUEST_CANCELLED });
    return null;
  }
  const s = newMessageStream(streamId, 'push', false, new FrameReader(), pushId);
  s.sendClosed = true;
  core.streams.set(streamId, s);
  core.events.push({ kind: 'push_stream', pushId, streamId });
  return s;
}

/** CANCEL_PUSH received (§7.2.3). */
export function onCancelPush(core: ConnectionCore, pushId: number): void {
  if (core.role === 'client') checkPushId(core, pushId, H3FrameType.CANCEL_PUSH, 'CANCEL_PUSH for');
  else if (core.maxPushId === null || pushId > core.maxPushId) {
    throw connectionError(H3ErrorCode.H3_ID_ERROR, `CANCEL_PUSH for push id ${pushId}, above MAX_PUSH_ID ${core.maxPushId ?? '(none)'} (§7.2.3)`, H3FrameType.CANCEL_PUSH);
  }
  const r = record(core, pushId);
  if (r.cancelled) return;
  r.cancelled = true;
  if (core.role === 'server' && r.streamId !== null) {
    // The client does not want it: stop sending the push stream.
    const s = core.streams.get(r.streamId);
    if (s && !s.sendClosed) {
      s.sendClosed = true;
      core.commands.push({ op: 'reset', streamId: s.id, code: H3ErrorCode.H3_REQUEST_CANCELLED });
      core.streams.delete(s.id);
    }
  }
  core.events.push({ kind: 'push_cancelled', pushId, initiator: 'remote' });
}

/** Either side cancels a push: CANCEL_PUSH on the control stream, and the push stream stopped if it exists. */
export function cancelPush(core: ConnectionCore, pushId: number): void {
  const r = record(core, pushId);
  if (r.cancelled) return;
  r.cancelled = true;
  core.sendFrame(core.controlStreamId!, { type: 'CANCEL_PUSH', pushId });
  const s = r.streamId !== null ? core.streams.get(r.streamId) : undefined;
  if (s) {
    if (core.role === 'client' && !s.recvClosed) {
      s.recvClosed = true;
      core.commands.push({ op: 'stop_sending', streamId: s.id, code: H3ErrorCode.H3_REQUEST_CANCELLED });
      if (s.sectionsPending || s.blocked || s.recv !== MessageState.Complete) core.qpack.cancelStream(s.id);
      core.discarded.add(s.id);
    } else if (core.role === 'server' && !s.sendClosed) {
      s.sendClosed = true;
      core.commands.push({ op: 'reset', streamId: s.id, code: H3ErrorCode.H3_REQUEST_CANCELLED });
    }
    core.streams.delete(s.id);
  }
  core.events.push({ kind: 'push_cancelled', pushId, initiator: 'local' });
}

/**
 * Server: promises a push on a request stream (PUSH_PROMISE with the promised request) and opens its push stream.
 * Returns the push id and the push stream id; answer it with respond() on the push stream.
 */
export function serverPush(core: ConnectionCore, requestStreamId: number, headers: readonly HeaderField[]): { pushId: number; streamId: number } {
  if (core.role !== 'server') throw new H3UsageError('only a server pushes');
  const s = core.streams.get(requestStreamId);
  if (!s || s.kind !== 'request' || s.sendClosed) throw new H3UsageError(`stream ${requestStreamId} is not a request stream we can still send on`);
  const pushId = core.nextPushId;
  if (core.maxPushId === null || pushId > core.maxPushId) throw new H3UsageError(`push id ${pushId} is above the client's MAX_PUSH_ID ${core.maxPushId ?? '(none)'}`);
  if (core.goawayReceived !== null && pushId >= core.goawayReceived) throw new H3UsageError(`the client's GOAWAY allows push ids below ${core.goawayReceived}`);
  const problem = requestProblem(headers);
  if (problem) throw new H3UsageError(`promised request: ${problem}`);
  core.nextPushId++;
  const encoded = core.qpack.encode(requestStreamId, headers);
  core.sendFrame(requestStreamId, { type: 'PUSH_PROMISE', pushId, fieldSection: encoded.fieldSection }, false, {
    section: { headers, fields: encoded.fields, requiredInsertCount: encoded.requiredInsertCount, base: encoded.base },
  });
  const r = record(core, pushId);
  r.promised = headers;
  const streamId = core.openStream(false);
  r.streamId = streamId;
  const head = new Writer(16).varint(H3StreamType.PUSH).varint(pushId).finish();
  core.traceStreamType(streamId, 'local', 'push', { typeCode: H3StreamType.PUSH, pushId, raw: head });
  core.write(streamId, head, false);
  const push = newMessageStream(streamId, 'push', true, null, pushId);
  core.streams.set(streamId, push);
  return { pushId, streamId };
}

function sameHeaders(a: readonly HeaderField[], b: readonly HeaderField[]): boolean {
  return a.length === b.length && a.every(([n, v], i) => b[i]![0] === n && b[i]![1] === v);
}
