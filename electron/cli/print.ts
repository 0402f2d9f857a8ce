/**
 * Prints events the way `nghttp -v` prints frames: time, connection, vantage and direction, event, then the
 * fields that matter indented below (header lines, chunk sizes, errors).
 */
import type { SessionEvent } from '../../shared/events';
import { isKnownEvent } from '../../shared/events';
import { summarizeEvent } from '../../shared/event-summary';

function pad(n: number, width: number): string {
  return n.toFixed(3).padStart(width, ' ');
}

/** One event as text lines, nghttp -v style: `[  1.002] [conn 1 client] recv h1:chunk …`. */
export function formatEvent(event: SessionEvent): string {
  const seconds = pad(event.time / 1000, 8);
  const dir = event.dir === 'sent' ? 'send' : event.dir === 'received' ? 'recv' : '    ';
  const where = event.conn === 0 ? '[session]' : `[conn ${event.conn} ${event.vantage}]`;
  const stream = event.stream !== undefined ? ` #${event.stream}` : '';
  const lines = [`[${seconds}] ${where.padEnd(18)} ${dir} ${event.name}${stream}  ${summarizeEvent(event)}`];
  if (isKnownEvent(event)) {
    if (event.name === 'h1:head') {
      for (const [name, value] of event.data.headers) lines.push(`          ${name}: ${value}`);
    } else if (event.name === 'h1:message_end') {
      for (const [name, value] of event.data.trailers) lines.push(`          (trailer) ${name}: ${value}`);
    }
  }
  return lines.join('\n');
}
