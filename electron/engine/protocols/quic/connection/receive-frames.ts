/**
 * What each frame of a received packet does to the connection (RFC 9000 §19). The packet type was already
 * checked against the frame (§12.4, Table 3); role rules are checked here (a server never receives
 * HANDSHAKE_DONE or NEW_TOKEN: PROTOCOL_VIOLATION).
 */
import type { Frame } from '../frames/types';
import type { ProtectedPacket } from '../packet/types';
import { QuicError, TransportErrorCode } from '../wire/errors';
import type { QuicConnection } from './connection';
import type { PacketSpace } from './packet-space';

/** Applies one frame received in `ps` (packet `p`) to `conn`. Throws QuicError / TlsError on violations. */
export function handleFrame(conn: QuicConnection, ps: PacketSpace, f: Frame, p: ProtectedPacket, now: number): void {
  switch (f.type) {
    case 'padding':
    case 'ping':
      return;
    case 'ack':
      conn.onAck(ps.space, f.ranges, f.ackDelay, now);
      return;
    case 'crypto':
      conn.onCrypto(ps, f.offset, f.data, now);
      return;
    case 'stream':
      conn.streams.onStream(f);
      return;
    case 'reset_stream':
      conn.streams.onResetStream(f.streamId, f.applicationErrorCode, f.finalSize);
      return;
    case 'stop_sending':
      conn.streams.onStopSending(f.streamId, f.applicationErrorCode);
      return;
    case 'max_data':
      conn.streams.onMaxData(f.maximumData);
      return;
    case 'max_stream_data':
      conn.streams.onMaxStreamData(f.streamId, f.maximumStreamData);
      return;
    case 'max_streams':
      conn.streams.onMaxStreams(f.bidirectional, f.maximumStreams);
      return;
    case 'data_blocked':
    case 'streams_blocked':
      return; // informational (§19.12, §19.14)
    case 'stream_data_blocked':
      conn.streams.onStreamDataBlocked(f.streamId);
      return;
    case 'new_token':
      // §19.7: a server receiving NEW_TOKEN treats it as PROTOCOL_VIOLATION; a client may keep it (we do not use tokens)
      if (conn.role === 'server') throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, 'NEW_TOKEN sent by a client', 'remote', 0x07);
      return;
    case 'new_connection_id':
      conn.peerIds.onNew(f, conn.peerScid !== null && conn.peerScid.length === 0);
      return;
    case 'retire_connection_id':
      if (conn.localIds.retire(f.sequenceNumber, p.dcid)) conn.localIds.issue(true);
      return;
    case 'path_challenge':
      conn.pathResponses.push(f.data);
      return;
    case 'path_response':
      return; // we never migrate, so never challenge
    case 'connection_close':
      conn.onPeerClose({ initiator: 'remote', error: new QuicError(Number(f.errorCode), f.reason, 'remote', Number(f.frameType)), reason: f.reason }, now);
      return;
    case 'application_close':
      conn.onPeerClose({ initiator: 'remote', error: null, applicationCode: f.errorCode, reason: f.reason }, now);
      return;
    case 'handshake_done':
      // §19.20: a server receiving HANDSHAKE_DONE treats it as PROTOCOL_VIOLATION
      if (conn.role === 'server') throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, 'HANDSHAKE_DONE sent by a client', 'remote', 0x1e);
      conn.onConfirmed();
      return;
  }
}
