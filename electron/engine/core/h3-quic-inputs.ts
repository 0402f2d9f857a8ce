/**
 * What a QUIC connection's application events mean to an HTTP/3 core running over it (RFC 9114 §3, §6; the
 * transport inputs of protocols/http3/transport.ts): stream openings, bytes, RESET_STREAM, STOP_SENDING and the
 * connection's close. Shared by the embedded server (server/h3-handler.ts) and the raw client (client/h3-client.ts).
 */
import { H3ErrorCode, type H3Connection } from '../protocols/http3';
import type { QuicAppEvent } from '../protocols/quic/connection/events';

/**
 * Hands one QUIC application event to the HTTP/3 core as its transport input. A close without an application
 * code (a transport error, or an idle timeout) reaches the core as the transport error code, or H3_NO_ERROR.
 * Returns false for events that are not transport inputs (e.g. 'writable'), which the caller handles itself.
 */
export function deliverToH3(h3: H3Connection, e: QuicAppEvent): boolean {
  switch (e.kind) {
    case 'stream_opened':
      h3.streamOpened(e.streamId);
      return true;
    case 'stream_data':
      h3.streamData(e.streamId, e.data, e.fin);
      return true;
    case 'stream_reset':
      h3.streamReset(e.streamId, e.errorCode);
      return true;
    case 'stop_sending':
      h3.stopSending(e.streamId, e.errorCode);
      return true;
    case 'closed': {
      const code = e.applicationCode ?? (e.error ? BigInt(e.error.code) : BigInt(H3ErrorCode.H3_NO_ERROR));
      h3.transportClosed(code, e.reason, e.initiator === 'remote' ? 'remote' : 'local');
      return true;
    }
    default:
      return false;
  }
}
