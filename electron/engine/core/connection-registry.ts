/**
 * Gives connections their ids and matches the client's and the server's view of one TCP connection, so both
 * vantages share one `conn` id (ARCHITECTURE.md, Events).
 */
import type { ConnectionInfo, Endpoint, Vantage } from '../../../shared/events';

/** The four-tuple of a connection, client side first. */
export interface FourTuple {
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly transport: 'tcp' | 'udp';
}

function normalise(address: string): string {
  if (address.startsWith('::ffff:')) return address.slice(7);
  if (address === '::1' || address === 'localhost') return '127.0.0.1';
  return address;
}

function keyOf(tuple: FourTuple): string {
  return `${tuple.transport}|${normalise(tuple.client.address)}:${tuple.client.port}|${tuple.server.port}`;
}

/** Allocates connection ids and merges both ends' records of the same connection. */
export class ConnectionRegistry {
  private nextId = 1;
  private readonly byKey = new Map<string, number>();
  private readonly records = new Map<number, ConnectionInfo>();

  /**
   * Claims an id for one vantage of a connection. The second vantage of the same four-tuple gets the first one's
   * id; a four-tuple already seen from this vantage gets a fresh id (the port was reused).
   */
  claim(tuple: FourTuple, vantage: Vantage, base: Omit<ConnectionInfo, 'id' | 'vantages' | 'client' | 'server' | 'transport'>): ConnectionInfo {
    const key = keyOf(tuple);
    const existing = this.byKey.get(key);
    const record = existing === undefined ? undefined : this.records.get(existing);
    if (record && !record.vantages.includes(vantage)) {
      const merged: ConnectionInfo = { ...record, vantages: [...record.vantages, vantage].sort() as Vantage[] };
      this.records.set(record.id, merged);
      return merged;
    }
    const id = this.nextId++;
    const info: ConnectionInfo = { ...base, id, vantages: [vantage], client: tuple.client, server: tuple.server, transport: tuple.transport };
    this.byKey.set(key, id);
    this.records.set(id, info);
    return info;
  }

  /** Updates facts of a connection (ALPN, TLS, close time); returns the new record. */
  update(id: number, patch: Partial<Omit<ConnectionInfo, 'id'>>): ConnectionInfo | undefined {
    const current = this.records.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    this.records.set(id, next);
    return next;
  }

  /** The current record of a connection. */
  get(id: number): ConnectionInfo | undefined {
    return this.records.get(id);
  }
}
