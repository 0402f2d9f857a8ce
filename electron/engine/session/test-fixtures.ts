/**
 * Small sessions for the session tests: a header, two connections and a mix of events, some with raw bytes
 * and field spans, one of a name this version does not know.
 */
import { gzipSync } from 'node:zlib';
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { SESSION_FORMAT, SESSION_VERSION, type SessionHeader } from '../../../shared/session-format';

/** A valid header. */
export const HEADER: SessionHeader = {
  format: SESSION_FORMAT,
  version: SESSION_VERSION,
  appVersion: '0.1.0',
  scenario: 'chunked',
  network: { delayMs: 0, lossPercent: 0, bandwidthKbps: 0 },
  startedAt: '2025-01-01T00:00:00.000Z',
};

/** A valid connection. */
export function connection(id: number, patch: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return {
    id,
    vantages: ['client', 'server'],
    protocol: 'h1',
    transport: 'tcp',
    client: { address: '127.0.0.1', port: 50000 + id },
    server: { address: '127.0.0.1', port: 8443 },
    tls: true,
    alpn: 'http/1.1',
    openedAt: 0,
    label: `h1 #${id}`,
    ...patch,
  };
}

/** `count` valid events over connections 1 and 2 (seq 0..count-1), mixing names, raw and fields. */
export function sampleEvents(count: number): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (let seq = 0; seq < count; seq++) {
    const conn = (seq % 2) + 1;
    const common = { seq, time: seq * 0.25, conn, vantage: seq % 3 === 0 ? 'server' : 'client', stream: 1 + (seq % 4), dir: 'sent' } as const;
    switch (seq % 5) {
      case 0:
        out.push({ ...common, name: 'h1:chunk', raw: 'NQ0KaGVsbG8NCg==', fields: [{ path: 'size', start: 0, end: 1 }, { path: 'data', start: 3, end: 8 }], data: { size: 5, sizeLine: '5', extensions: [], index: seq } });
        break;
      case 1:
        out.push({ ...common, name: 'h1:head', raw: 'R0VUIC8gSFRUUC8xLjENCg0K', data: { kind: 'request', method: 'GET', target: '/', version: 'HTTP/1.1', headers: [['Host', 'localhost']], framing: 'none' } });
        break;
      case 2:
        out.push({ ...common, name: 'app:note', data: { text: `note ${seq} — ünïcödé ✓ "quoted"\n` } });
        break;
      case 3:
        out.push({ ...common, name: 'quic:packet_sent', data: { packet_type: 'initial', length: 1200 } } as SessionEvent);
        break;
      default:
        out.push({ ...common, name: 'h1:body', raw: 'aGk=', data: { length: 2, offset: 2 } });
    }
  }
  return out;
}

/** The JSON lines of a session (header, connection records, events), newline-terminated. */
export function sessionText(events: readonly SessionEvent[], connections: readonly ConnectionInfo[] = [connection(1), connection(2)]): string {
  const lines = [JSON.stringify(HEADER), ...connections.map((c) => JSON.stringify({ connection: c })), ...events.map((e) => JSON.stringify(e))];
  return lines.join('\n') + '\n';
}

/** Gzipped session text. */
export function gz(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'));
}
