/**
 * Which frames may arrive on which stream (RFC 9114 §7.2, Table 1; RFC 9218 §7.2). A frame where it is not allowed
 * is a connection error of type H3_FRAME_UNEXPECTED; HTTP/2's frame types are never allowed (§7.2.8). Frame order
 * within a stream (SETTINGS first, HEADERS before DATA) is checked by the stream's state machine, not here.
 */
import { connectionError, H3ErrorCode, type H3Error } from '../errors';
import { frameTypeName, type H3Frame } from './types';

/** The kinds of stream frames travel on. */
export type FrameStreamKind = 'control' | 'request' | 'push';

/**
 * Returns the error for receiving `frame` on a stream of `kind` at an endpoint of `role`, or null when it is
 * allowed there. `typeCode` is the frame's type code, for the error.
 */
export function frameNotAllowed(frame: H3Frame, kind: FrameStreamKind, role: 'client' | 'server', typeCode: number): H3Error | null {
  const unexpected = (why: string): H3Error => connectionError(H3ErrorCode.H3_FRAME_UNEXPECTED, `${frameTypeName(typeCode)} ${why}`, typeCode);
  switch (frame.type) {
    case 'DATA':
    case 'HEADERS':
      // §7.2.1, §7.2.2: request and push streams only.
      return kind === 'control' ? unexpected('frame on the control stream (§7.2.1, §7.2.2)') : null;
    case 'CANCEL_PUSH':
    case 'SETTINGS':
    case 'GOAWAY':
      // §7.2.3, §7.2.4, §7.2.6: the control stream only.
      return kind === 'control' ? null : unexpected(`frame on a ${kind} stream: only allowed on the control stream`);
    case 'MAX_PUSH_ID':
      // §7.2.7: control stream, client to server.
      if (kind !== 'control') return unexpected(`frame on a ${kind} stream: only allowed on the control stream (§7.2.7)`);
      return role === 'client' ? unexpected('frame received by a client: only clients send it (§7.2.7)') : null;
    case 'PRIORITY_UPDATE':
      // RFC 9218 §7.2: control stream, client to server.
      if (kind !== 'control') return unexpected(`frame on a ${kind} stream: only allowed on the control stream (RFC 9218 §7.2)`);
      return role === 'client' ? unexpected('frame received by a client: only clients send it (RFC 9218 §7.2)') : null;
    case 'PUSH_PROMISE':
      // §7.2.5: request streams, server to client.
      if (kind !== 'request') return unexpected(`frame on a ${kind} stream: only allowed on request streams (§7.2.5)`);
      return role === 'server' ? unexpected('frame received by a server: a client must not send it (§7.2.5)') : null;
    case 'UNKNOWN':
      // §7.2.8: HTTP/2's frame types have no meaning here; reserved and unknown types are ignored (§9).
      return frame.kind === 'http2' ? unexpected('is an HTTP/2 frame type reserved in HTTP/3 (§7.2.8)') : null;
  }
}
