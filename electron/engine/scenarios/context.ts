/**
 * What a scenario runner gets from the engine: where to connect, its options, a way to narrate, and
 * cancellation. Runners are plain async functions; the engine records everything they cause.
 */
import type { OptionValue } from '../../../shared/scenario-types';
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import { H1ClientConnection } from '../client/h1-client';
import type { H2ClientSession, H2ConnectOptions } from '../client/h2-client';
import type { H3ClientSession, H3ConnectOptions } from '../client/h3-client';
import type { UpgradeOutcome } from '../client/h2c-upgrade';
import type { ClientCertificate, ClientTarget } from '../client/target';
import type { ClientAuthSetting } from '../../../shared/api';

/** The engine's services for one scenario run. */
export interface ScenarioContext {
  readonly sink: EventSink;
  /** Where to connect: the embedded server (TLS or cleartext port per the `tls` option) or the user's URL. */
  readonly target: ClientTarget;
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly signal: AbortSignal;
  /** Narrates a step as an `app:note` event. */
  note(text: string): void;
  /** Waits, or rejects when the run is stopped. */
  sleep(ms: number): Promise<void>;
  /** Opens an HTTP/1.1 connection to the target (or to `target` when given); the engine closes it when the run stops. */
  connectH1(target?: ClientTarget): Promise<H1ClientConnection>;
  /** Opens an HTTP/2 connection (ALPN h2 over TLS, or h2c with prior knowledge for http targets). */
  connectH2(options?: H2ConnectOptions, target?: ClientTarget): Promise<H2ClientSession>;
  /**
   * Opens an HTTP/3 connection: QUIC (ALPN h3) to the UDP port of the target's number (https://host:port → UDP
   * port), or of `target` when given; the engine closes it when the run stops.
   */
  connectH3(options?: H3ConnectOptions, target?: ClientTarget): Promise<H3ClientSession>;
  /** HTTP/1.1 `Upgrade: h2c` on a new cleartext connection to `target` (see client/h2c-upgrade.ts). */
  upgradeH2c(target: ClientTarget, path: string): Promise<UpgradeOutcome>;
  /** The embedded server's (or the user's) target over the other transport: TLS when `tls`, else cleartext. */
  targetFor(tls: boolean): ClientTarget;
  /** Records a TLS key-log line (SSLKEYLOGFILE form) of a connection the scenario opened itself (QUIC). */
  keylog(line: string): void;
  /** Makes a connection the one `sendRaw` writes to. */
  setRawConnection(connection: H1ClientConnection | undefined): void;
  /** The embedded server's mTLS (null when the run targets another server). */
  readonly embeddedMtls: EmbeddedMtls | null;
}

/** What a scenario may do with the embedded server's client certificates (mTLS). */
export interface EmbeddedMtls {
  /** Changes how the server asks for client certificates (new connections); returns the previous setting. */
  set(setting: ClientAuthSetting): ClientAuthSetting;
  /** The client certificate the server's test CA issued, and its key. */
  readonly clientCert: ClientCertificate;
  /** Where that certificate is kept (for curl --cert). */
  readonly clientCertPath: string;
}

/** A scenario's behaviour. Resolves when done; rejects (ApiError) when it failed. */
export type ScenarioRunner = (ctx: ScenarioContext) => Promise<void>;

/** A number option (already validated by resolveOptions). */
export function num(ctx: ScenarioContext, key: string): number {
  return Number(ctx.options[key]);
}

/** Rejects with a clear message when a scenario's expectation does not hold. */
export function expect(condition: boolean, message: string): void {
  if (!condition) throw new ApiError('internal', message);
}

/** A sleep that a signal cancels. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ApiError('cancelled', 'stopped'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ApiError('cancelled', 'stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

