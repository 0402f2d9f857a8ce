/**
 * Flow control (RFC 9113 §5.2, §6.9): one send and one receive window for the connection (stream 0) and for
 * each stream. Send windows start at the peer's SETTINGS_INITIAL_WINDOW_SIZE (connection: 65,535) and follow its
 * changes (§6.9.2, may go negative); receive windows start at ours and are reopened by WINDOW_UPDATE frames we
 * send, when the policy says so. Only DATA is flow controlled, padding included (§6.1, §6.9.1).
 */
import { ErrorCode, type H2Error, H2UsageError, connectionError, streamError } from './errors';

/** The initial window of every flow-control window until SETTINGS change it (§6.9.2). */
export const DEFAULT_WINDOW = 65535;

/** A window may never exceed 2^31-1 (§6.9.1). */
export const MAX_WINDOW = 0x7fffffff;

/**
 * When this side reopens its receive windows:
 * - 'immediate': a WINDOW_UPDATE after every DATA frame, for what it consumed;
 * - 'half': once half of the window is consumed, back up to the full size;
 * - 'manual': never by itself (frame scripts and lessons send WINDOW_UPDATE themselves).
 */
export type WindowUpdatePolicy = 'immediate' | 'half' | 'manual';

/** Which window: the connection's or a stream's, the one we send into or the one the peer sends into. */
export interface WindowId {
  readonly scope: 'connection' | 'stream';
  readonly side: 'send' | 'receive';
  /** 0 for the connection. */
  readonly streamId: number;
}

/** Told about every change of a window: its new size, the change, and why. */
export type WindowListener = (id: WindowId, window: number, delta: number, cause: string) => void;

abstract class FlowWindow implements WindowId {
  readonly scope: 'connection' | 'stream';
  abstract readonly side: 'send' | 'receive';

  /** @param streamId 0 for the connection  @param window initial size  @param listener told about each change */
  constructor(
    readonly streamId: number,
    protected _window: number,
    protected readonly listener?: WindowListener,
  ) {
    this.scope = streamId === 0 ? 'connection' : 'stream';
  }

  /** The window now (may be negative for send windows, §6.9.2). */
  get window(): number {
    return this._window;
  }

  protected change(delta: number, cause: string): void {
    this._window += delta;
    this.listener?.(this, this._window, delta, cause);
  }

  /** FLOW_CONTROL_ERROR in this window's scope. */
  protected error(reason: string): H2Error {
    return this.scope === 'connection'
      ? connectionError(ErrorCode.FLOW_CONTROL_ERROR, reason)
      : streamError(ErrorCode.FLOW_CONTROL_ERROR, this.streamId, reason);
  }
}

/** A window we send DATA into; the peer opens it with WINDOW_UPDATE and SETTINGS_INITIAL_WINDOW_SIZE. */
export class SendWindow extends FlowWindow {
  readonly side = 'send' as const;

  /** How much may be sent now (0 when the window is exhausted or negative). */
  get available(): number {
    return Math.max(0, this._window);
  }

  /** DATA of `n` octets (padding included) was sent. Sending past the window is API misuse. */
  consume(n: number, cause = 'sent DATA'): void {
    if (n > this.available) throw new H2UsageError(`sending ${n} octets into a window of ${this._window}`);
    if (n > 0) this.change(-n, cause);
  }

  /** A WINDOW_UPDATE arrived. Above 2^31-1 is FLOW_CONTROL_ERROR on the stream or the connection (§6.9.1). */
  increase(increment: number, cause = 'received WINDOW_UPDATE'): H2Error | null {
    if (this._window + increment > MAX_WINDOW) return this.error(`WINDOW_UPDATE of ${increment} takes the window from ${this._window} past 2^31-1`);
    this.change(increment, cause);
    return null;
  }

  /**
   * The peer changed SETTINGS_INITIAL_WINDOW_SIZE by `delta` (§6.9.2): the window follows, and may go negative.
   * Past 2^31-1 it is a connection error FLOW_CONTROL_ERROR.
   */
  adjust(delta: number, cause = 'peer changed SETTINGS_INITIAL_WINDOW_SIZE'): H2Error | null {
    if (this._window + delta > MAX_WINDOW) {
      return connectionError(ErrorCode.FLOW_CONTROL_ERROR, `SETTINGS_INITIAL_WINDOW_SIZE change of ${delta} takes stream ${this.streamId}'s window past 2^31-1`);
    }
    if (delta !== 0) this.change(delta, cause);
    return null;
  }
}

/** A window the peer sends DATA into; we reopen it with WINDOW_UPDATE as the policy says. */
export class ReceiveWindow extends FlowWindow {
  readonly side = 'receive' as const;

  /**
   * @param streamId 0 for the connection  @param target the size the policy keeps it at (our initial window)
   * @param policy when to send WINDOW_UPDATE  @param listener told about each change
   */
  constructor(
    streamId: number,
    private target: number,
    readonly policy: WindowUpdatePolicy,
    listener?: WindowListener,
  ) {
    super(streamId, target, listener);
  }

  /** DATA of `n` octets (padding included) arrived. More than the window is FLOW_CONTROL_ERROR (§6.9.1). */
  consume(n: number, cause = 'received DATA'): H2Error | null {
    if (n > this._window) return this.error(`peer sent ${n} octets of DATA into a window of ${this._window}`);
    if (n > 0) this.change(-n, cause);
    return null;
  }

  /** The WINDOW_UPDATE increment the policy wants sent now, or 0. */
  pendingUpdate(): number {
    const missing = this.target - this._window;
    if (missing <= 0) return 0;
    switch (this.policy) {
      case 'immediate':
        return missing;
      case 'half':
        return this._window <= this.target / 2 ? missing : 0;
      case 'manual':
        return 0;
    }
  }

  /** We sent a WINDOW_UPDATE of `increment` (by policy or by hand); a window past 2^31-1 is not tracked beyond it. */
  grow(increment: number, cause = 'sent WINDOW_UPDATE'): void {
    const room = MAX_WINDOW - this._window;
    this.change(Math.min(increment, room), cause);
  }

  /** We changed our SETTINGS_INITIAL_WINDOW_SIZE by `delta`: the window and the policy's target follow (§6.9.2). */
  adjust(delta: number, cause = 'we changed SETTINGS_INITIAL_WINDOW_SIZE'): void {
    this.target += delta;
    if (delta !== 0) this.change(delta, cause);
  }

  /** Makes the policy keep the window at `target` from now on (e.g. a larger connection window). */
  setTarget(target: number): void {
    this.target = target;
  }
}
