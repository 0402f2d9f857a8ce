/**
 * Frames on the peer's control stream (RFC 9114 §6.2.1, §7.2): SETTINGS first and once (§7.2.4), then GOAWAY
 * (§5.2), MAX_PUSH_ID (§7.2.7), CANCEL_PUSH (§7.2.3), PRIORITY_UPDATE (RFC 9218 §7.2) and ignored reserved frames.
 */
import type { ConnectionCore } from './core-state';
import { connectionError, H3ErrorCode } from './errors';
import { frameNotAllowed, frameTypeName, H3FrameType, type DecodedFrame } from './frames';
import { parsePriority } from './priority';
import { onCancelPush } from './push';
import { peerSettings } from './settings';
import type { IncomingUniStream } from './stream-records';
import { StreamIds } from './stream-types';

/** One whole frame on the peer's control stream. */
export function onControlFrame(core: ConnectionCore, u: IncomingUniStream, d: DecodedFrame): void {
  core.traceParsed(u.id, d);
  const f = d.frame;
  if (!u.settingsReceived) {
    // §6.2.1: SETTINGS is the first frame of each control stream.
    if (f.type !== 'SETTINGS') {
      throw connectionError(H3ErrorCode.H3_MISSING_SETTINGS, `the first frame on the control stream is ${frameTypeName(d.typeCode)}, not SETTINGS (§6.2.1)`, d.typeCode, u.id);
    }
  } else if (f.type === 'SETTINGS') {
    // §7.2.4: a second SETTINGS frame is H3_FRAME_UNEXPECTED.
    throw connectionError(H3ErrorCode.H3_FRAME_UNEXPECTED, 'a second SETTINGS frame on the control stream (§7.2.4)', d.typeCode, u.id);
  }
  const bad = frameNotAllowed(f, 'control', core.role, d.typeCode);
  if (bad) throw bad.at(u.id);
  switch (f.type) {
    case 'SETTINGS': {
      u.settingsReceived = true;
      const peer = peerSettings(f.settings);
      core.peer = peer;
      core.qpack.applyPeerSettings(peer);
      core.events.push({ kind: 'settings', settings: f.settings });
      return;
    }
    case 'GOAWAY':
      return onGoaway(core, f.id);
    case 'MAX_PUSH_ID': {
      // §7.2.7: MAX_PUSH_ID must not go down.
      if (core.maxPushId !== null && f.pushId < core.maxPushId) {
        throw connectionError(H3ErrorCode.H3_ID_ERROR, `MAX_PUSH_ID went down from ${core.maxPushId} to ${f.pushId} (§7.2.7)`, d.typeCode);
      }
      core.maxPushId = f.pushId;
      core.events.push({ kind: 'max_push_id', maxPushId: f.pushId });
      return;
    }
    case 'CANCEL_PUSH':
      return onCancelPush(core, f.pushId);
    case 'PRIORITY_UPDATE': {
      if (f.element === 'request' && !(StreamIds.clientInitiated(f.elementId) && StreamIds.bidirectional(f.elementId))) {
        // RFC 9218 §7.2: the id must name a client-initiated bidirectional stream.
        throw connectionError(H3ErrorCode.H3_ID_ERROR, `PRIORITY_UPDATE for stream ${f.elementId}, not a request stream (RFC 9218 §7.2)`, d.typeCode);
      }
      if (f.element === 'push' && (core.maxPushId === null || f.elementId > core.maxPushId)) {
        throw connectionError(H3ErrorCode.H3_ID_ERROR, `PRIORITY_UPDATE for push ${f.elementId}, above MAX_PUSH_ID (RFC 9218 §7.2)`, d.typeCode);
      }
      // RFC 9218 §7: the value is complete; parameters left out take their defaults.
      const priority = parsePriority(f.priorityFieldValue);
      if (f.element === 'request') core.priorities.set(f.elementId, priority);
      core.events.push({ kind: 'priority', element: f.element, id: f.elementId, priority });
      return;
    }
    default:
      return; // reserved and unknown frames: ignored (§9)
  }
}

/** GOAWAY received (§5.2). */
function onGoaway(core: ConnectionCore, id: number): void {
  if (core.role === 'client' && !(StreamIds.clientInitiated(id) && StreamIds.bidirectional(id))) {
    // §5.2: from a server, the id is a client-initiated bidirectional stream id.
    throw connectionError(H3ErrorCode.H3_ID_ERROR, `GOAWAY with stream id ${id}, not a client-initiated bidirectional stream (§5.2)`, H3FrameType.GOAWAY);
  }
  if (core.goawayReceived !== null && id > core.goawayReceived) {
    // §5.2: the id must not increase.
    throw connectionError(H3ErrorCode.H3_ID_ERROR, `GOAWAY id went up from ${core.goawayReceived} to ${id} (§5.2)`, H3FrameType.GOAWAY);
  }
  core.goawayReceived = id;
  if (core.status === 'open') core.status = 'closing';
  core.events.push({ kind: 'goaway', id, initiator: 'remote' });
  if (core.role !== 'client') return;
  // §5.2: requests on streams at or above the id were not and will not be processed: safe to retry.
  for (const s of [...core.streams.values()]) {
    if (s.kind !== 'request' || !s.local || s.id < id) continue;
    core.events.push({ kind: 'request_refused', streamId: s.id, reason: `the server's GOAWAY ${id} says stream ${s.id} was not processed (§5.2)` });
    core.abortStream(s, H3ErrorCode.H3_REQUEST_CANCELLED, 'local');
  }
}
