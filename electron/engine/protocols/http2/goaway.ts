/**
 * GOAWAY bookkeeping (RFC 9113 §6.8): what we sent and received, the rule that a later GOAWAY never raises the
 * last stream id, and the debug data as text.
 */
import { ErrorCode, type H2Error, connectionError } from './errors';
import type { GoawayFrame } from './frames/types';

/** The GOAWAYs of one connection. */
export class GoawayState {
  /** The last GOAWAY the peer sent, or null. */
  received: GoawayFrame | null = null;
  /** True once we sent one. */
  sent = false;

  /** True when either side has said it is going away: no new streams, the connection drains. */
  get draining(): boolean {
    return this.received !== null || this.sent;
  }

  /**
   * A GOAWAY arrived. "Endpoints MUST NOT increase the value they send in the last stream identifier" (§6.8):
   * a raise is a connection error PROTOCOL_ERROR.
   */
  receive(f: GoawayFrame): H2Error | null {
    const last = this.received?.lastStreamId;
    if (last !== undefined && f.lastStreamId > last) {
      return connectionError(ErrorCode.PROTOCOL_ERROR, `GOAWAY raised the last stream id from ${last} to ${f.lastStreamId} (§6.8)`);
    }
    this.received = f;
    return null;
  }
}

/** GOAWAY debug data as Latin-1 text (at most `max` octets). */
export function debugText(bytes: Uint8Array, max = 1024): string {
  let s = '';
  for (let i = 0; i < Math.min(bytes.length, max); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Text as GOAWAY debug data (Latin-1, at most `max` octets). */
export function debugBytes(text: string, max = 1024): Uint8Array {
  const n = Math.min(text.length, max);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
