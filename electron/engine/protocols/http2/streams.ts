/**
 * The streams of a connection (RFC 9113 §5): each stream's state, windows and queued data, stream id
 * allocation (§5.1.1), and requests waiting for a MAX_CONCURRENT_STREAMS slot (§5.1.2).
 */
import type { HeaderField } from '../../../../shared/events';
import { ReceiveWindow, SendWindow } from './flow-control';
import type { PriorityFields } from './frames/types';
import { type ClosedCause, StreamState, isActive } from './stream-state';

/** HEADERS waiting to be sent when a stream may open. */
export interface PendingHeaders {
  readonly headers: readonly HeaderField[];
  readonly endStream: boolean;
  readonly priority?: PriorityFields;
}

/** One stream and everything the connection keeps about it. */
export interface H2Stream {
  readonly id: number;
  state: StreamState;
  /** How it closed, once closed (decides what later frames mean, §5.1). */
  closedCause?: ClosedCause;
  /** Initiated by this endpoint (odd ids for a client). */
  readonly local: boolean;
  readonly send: SendWindow;
  readonly recv: ReceiveWindow;
  /** DATA waiting for window, oldest first. */
  readonly queue: Uint8Array[];
  /** Octets in queue. */
  queued: number;
  /** END_STREAM goes with the last queued octet. */
  endQueued: boolean;
  /** A request waiting for a concurrency slot. */
  pendingHeaders: PendingHeaders | null;
  /** A final (non-1xx) response or push response has arrived: later HEADERS are trailers. */
  finalHeaders: boolean;
}

/** Stream ids, lookups and the queue of requests waiting for a slot. */
export class StreamTable {
  private readonly streams = new Map<number, H2Stream>();
  /** Streams not closed yet, so per-request work does not grow with every stream the connection ever had. */
  private readonly notClosed = new Set<H2Stream>();
  /** The next id this side will use (§5.1.1: odd for clients, even for servers, increasing). */
  nextLocalId: number;
  /** The largest id the peer has used (opened or promised). */
  highestRemoteId = 0;
  /** Ids of local streams whose HEADERS wait for a MAX_CONCURRENT_STREAMS slot, in order. */
  readonly waiting: number[] = [];

  /** @param role which ids this side uses */
  constructor(readonly role: 'client' | 'server') {
    this.nextLocalId = role === 'client' ? 1 : 2;
  }

  /** True for ids this side initiates. */
  isLocalId(id: number): boolean {
    return (id % 2 === 1) === (this.role === 'client');
  }

  /** The stream, if it was ever created. */
  get(id: number): H2Stream | undefined {
    return this.streams.get(id);
  }

  /** Creates a stream in the idle state with its windows. */
  create(id: number, send: SendWindow, recv: ReceiveWindow): H2Stream {
    const s: H2Stream = {
      id,
      state: StreamState.Idle,
      local: this.isLocalId(id),
      send,
      recv,
      queue: [],
      queued: 0,
      endQueued: false,
      pendingHeaders: null,
      finalHeaders: false,
    };
    this.streams.set(id, s);
    this.notClosed.add(s);
    if (!s.local && id > this.highestRemoteId) this.highestRemoteId = id;
    return s;
  }

  /**
   * True when an id not in the table is still idle (§5.1.1): above every id of its initiator so far. Lower
   * unknown ids were skipped and are implicitly closed.
   */
  isIdle(id: number): boolean {
    const s = this.streams.get(id);
    if (s) return s.state === StreamState.Idle;
    return this.isLocalId(id) ? id >= this.nextLocalId : id > this.highestRemoteId;
  }

  /** A stream reached the closed state (terminal, §5.1): it stays for lookups but leaves the live set. */
  closed(s: H2Stream): void {
    this.notClosed.delete(s);
  }

  /** Streams in open or half-closed states initiated by `local` (true) or the peer (false) (§5.1.2). */
  activeCount(local: boolean): number {
    let n = 0;
    for (const s of this.notClosed) if (s.local === local && isActive(s.state)) n++;
    return n;
  }

  /** Every stream, in id order. */
  all(): H2Stream[] {
    return [...this.streams.values()].sort((a, b) => a.id - b.id);
  }

  /** Every stream not closed yet, in id order. */
  live(): H2Stream[] {
    return [...this.notClosed].sort((a, b) => a.id - b.id);
  }

  /** Streams with DATA or END_STREAM still to send, in id order (closed streams have nothing queued). */
  withQueuedData(): H2Stream[] {
    const out: H2Stream[] = [];
    for (const s of this.notClosed) if (s.queued > 0 || s.endQueued) out.push(s);
    return out.length > 1 ? out.sort((a, b) => a.id - b.id) : out;
  }
}
