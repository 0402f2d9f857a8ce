/**
 * Turns HTTP/1.1 parser items into trace events (shared/events.ts): 'h1:head', 'h1:chunk', 'h1:body',
 * 'h1:message_end', 'h1:error', with `raw` in base64 and `stream` = the exchange index.
 */
import { toBase64 } from '../../../../shared/bytes';
import type { Direction, PendingEvent, Vantage } from '../../../../shared/events';
import type { Http1EventItem } from './items';

/** What the caller knows about an item that the parser does not: when, on which connection, seen by whom. */
export interface H1EventContext {
  /** Session time, ms. */
  readonly time: number;
  readonly conn: number;
  readonly vantage: Vantage;
  readonly dir: Direction;
}

/** The trace event of a parser item ('upgrade' items have none: the caller acts on them). */
export function itemToEvent(item: Http1EventItem, common: H1EventContext): PendingEvent {
  const base = { time: common.time, conn: common.conn, vantage: common.vantage, dir: common.dir, stream: item.exchange, raw: toBase64(item.raw) };
  switch (item.type) {
    case 'head':
      return { ...base, name: 'h1:head', data: item.data, fields: item.fields };
    case 'chunk':
      return { ...base, name: 'h1:chunk', data: item.data, fields: item.fields };
    case 'body':
      return { ...base, name: 'h1:body', data: item.data };
    case 'end':
      return { ...base, name: 'h1:message_end', data: item.data, fields: item.fields };
    case 'error':
      return { ...base, name: 'h1:error', data: item.data };
    default:
      return assertNever(item);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected HTTP/1.1 item ${JSON.stringify(value)}`);
}
