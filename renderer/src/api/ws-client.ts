/**
 * A WebSocket connection to the web host speaking shared/ws-protocol.ts: calls with ids and their replies,
 * and pushed engine messages. Reconnects with exponential backoff; calls pending when the socket closes are
 * rejected with an ApiError, as are calls made while it is down; calls made while it connects go out when it opens.
 */
import type { ApiMethod, EngineMessage } from '../../../shared/api';
import { ApiError, toApiError } from '../../../shared/errors';
import type { WsCall, WsReply } from '../../../shared/ws-protocol';

/** The state of the socket, for the status bar. */
export type TransportState = 'connecting' | 'open' | 'closed';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: ApiError) => void;
  /** True once the call went out on the current socket. */
  sent: boolean;
  readonly call: WsCall;
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5000;

/** A reconnecting WebSocket client for the Framescope API. */
export class WsClient {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private backoff = MIN_BACKOFF_MS;
  private readonly pending = new Map<number, Pending>();
  private readonly pushListeners = new Set<(message: EngineMessage) => void>();
  private readonly stateListeners = new Set<(state: TransportState) => void>();
  private state: TransportState = 'connecting';
  private closedForGood = false;

  /** @param url the API's WebSocket URL, e.g. ws://127.0.0.1:5299/api */
  constructor(private readonly url: string) {
    this.connect();
  }

  /** Calls an API method and resolves with its result, or rejects with an ApiError. */
  call(method: ApiMethod, args: readonly unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.state === 'closed') {
        reject(new ApiError('io', 'Not connected to Framescope; reconnecting.'));
        return;
      }
      const id = this.nextId++;
      const entry: Pending = { resolve, reject, sent: false, call: { id, method, args } };
      this.pending.set(id, entry);
      this.flush();
    });
  }

  /** Listens to pushed engine messages; returns an unsubscribe function. */
  onPush(listener: (message: EngineMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /** Listens to the socket's state; called at once with the current state. Returns an unsubscribe function. */
  onState(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  /** Closes the socket and stops reconnecting (tests, page unload). */
  dispose(): void {
    this.closedForGood = true;
    this.socket?.close();
    this.rejectAll(new ApiError('io', 'The connection to Framescope was closed.'));
  }

  private setState(state: TransportState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private connect(): void {
    if (this.closedForGood) return;
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch (error) {
      this.scheduleReconnect();
      console.error('framescope: cannot open WebSocket', error);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.backoff = MIN_BACKOFF_MS;
      this.setState('open');
      this.flush();
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setState('closed');
      this.rejectAll(new ApiError('io', 'The connection to Framescope was lost; it will reconnect.'));
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and handles it.
    };
  }

  private scheduleReconnect(): void {
    if (this.closedForGood) return;
    const delay = this.backoff;
    this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff * 2);
    setTimeout(() => this.connect(), delay);
  }

  /** Sends every call not yet sent, when the socket is open. */
  private flush(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const entry of this.pending.values()) {
      if (entry.sent) continue;
      entry.sent = true;
      socket.send(JSON.stringify(entry.call));
    }
  }

  /** Rejects every pending call. */
  private rejectAll(error: ApiError): void {
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(error);
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let reply: WsReply;
    try {
      reply = JSON.parse(data) as WsReply;
    } catch {
      console.error('framescope: a WebSocket message is not JSON');
      return;
    }
    if (!reply || typeof reply !== 'object') return;
    if ('push' in reply) {
      for (const listener of this.pushListeners) {
        try {
          listener(reply.push);
        } catch (error) {
          console.error('framescope: an engine message listener threw', error);
        }
      }
      return;
    }
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    this.pending.delete(reply.id);
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(toApiError(reply.error));
  }
}
