/**
 * A client and a server QUIC core paired in memory over a SimulatedLink with a fake clock (ARCHITECTURE.md
 * convention 1): the loop sends what each core has, delivers what is due, and jumps the clock to the next
 * deadline. Also certificates and default configs for tests.
 */
import { selfSignedCert, type TestCert } from '../../tls13/handshake/test-pair';
import { QuicConnection } from '../connection/connection';
import type { QuicClientConfig, QuicServerConfig } from '../connection/config';
import type { QuicAppEvent, QuicCoreEvent, QuicTrace } from '../connection/events';
import { seededBytes, SimulatedLink, type End, type LinkOptions } from './link';

let cached: Promise<TestCert> | null = null;

/** A self-signed P-256 certificate for localhost (made once per test file). */
export function testCert(): Promise<TestCert> {
  cached ??= selfSignedCert('localhost');
  return cached;
}

/** A client config trusting `cert`. */
export function clientConfig(cert: TestCert, extra: Partial<QuicClientConfig> = {}): QuicClientConfig {
  return { role: 'client', alpn: ['h3'], serverName: 'localhost', trust: { kind: 'pinned-cert', pem: cert.certPem }, validationTimeMs: Date.now(), randomBytes: seededBytes(11), ...extra };
}

/** A server config with `cert`. */
export function serverConfig(cert: TestCert, extra: Partial<QuicServerConfig> = {}): QuicServerConfig {
  return { role: 'server', alpn: ['h3'], identity: cert, randomBytes: seededBytes(22), ...extra };
}

/** Events collected per side. */
export interface SideEvents {
  readonly traces: QuicTrace[];
  readonly app: QuicAppEvent[];
}

/** The pair and its loop. */
export class QuicPair {
  /** Fake clock, ms. */
  now = 1000;
  private stuck = 0;
  readonly link: SimulatedLink;
  readonly events: Record<End, SideEvents> = { client: { traces: [], app: [] }, server: { traces: [], app: [] } };
  /** Called with each side's application events as they are drained. */
  onAppEvent: ((side: End, e: QuicAppEvent) => void) | null = null;
  /** Keep trace items (turn off for big transfers). */
  keepTraces = true;
  /** The fake time of each kept trace item, per side (same order as events[side].traces). */
  readonly times: Record<End, number[]> = { client: [], server: [] };

  /** @param client the client core  @param server the server core  @param link options */
  constructor(
    readonly client: QuicConnection,
    readonly server: QuicConnection,
    link: LinkOptions = {},
  ) {
    this.link = new SimulatedLink(link);
  }

  /** Creates a pair from configs. */
  static create(clientCfg: QuicClientConfig, serverCfg: QuicServerConfig, link: LinkOptions = {}): QuicPair {
    return new QuicPair(new QuicConnection(clientCfg), new QuicConnection(serverCfg), link);
  }

  private core(side: End): QuicConnection {
    return side === 'client' ? this.client : this.server;
  }

  private drain(side: End): void {
    for (const e of this.core(side).drainEvents() as QuicCoreEvent[]) {
      if (e.kind === 'trace') {
        if (this.keepTraces) {
          this.events[side].traces.push(e);
          this.times[side].push(this.now);
        }
      } else {
        this.events[side].app.push(e);
        this.onAppEvent?.(side, e);
      }
    }
  }

  /** One round: transmit, deliver due datagrams, fire due timers. */
  private round(): void {
    for (const { to, data } of this.link.due(this.now)) {
      this.core(to).receive(data, this.now);
      this.drain(to);
    }
    for (const side of ['client', 'server'] as const) {
      const c = this.core(side);
      const t = c.nextDeadline();
      if (t !== null && t <= this.now) {
        c.onTimeout(this.now);
        this.drain(side);
      }
    }
    this.flush();
  }

  /** Sends everything both cores have to send now. */
  flush(): void {
    for (const side of ['client', 'server'] as const) {
      const c = this.core(side);
      for (let d = c.pollTransmit(this.now); d; d = c.pollTransmit(this.now)) this.link.send(side, d, this.now);
      this.drain(side);
    }
  }

  /** The next time something happens, or null when everything is quiet. */
  private nextTime(): number | null {
    const ts = [this.link.nextDelivery(), this.client.nextDeadline(), this.server.nextDeadline()].filter((t): t is number => t !== null);
    return ts.length ? Math.min(...ts) : null;
  }

  /** Runs until `done()` or the fake clock passes `maxMs` from now. Returns true when done() became true. */
  runUntil(done: () => boolean, maxMs = 60_000): boolean {
    const end = this.now + maxMs;
    this.flush();
    for (let i = 0; i < 5_000_000; i++) {
      this.round();
      if (done()) return true;
      const hasSend = false;
      const next = this.nextTime();
      if (next === null && !hasSend) {
        // nothing scheduled: one more round in case sending was unblocked, then stop
        this.round();
        if (done()) return true;
        if (this.nextTime() === null) return false;
        continue;
      }
      if (next! > end) return false;
      if (next! <= this.now) {
        if (++this.stuck > 100_000) throw new Error(`simulation stuck at ${this.now}: client deadline ${this.client.nextDeadline()}, server deadline ${this.server.nextDeadline()}, link ${this.link.nextDelivery()}`);
      } else this.stuck = 0;
      this.now = Math.max(this.now, next!);
    }
    return false;
  }

  /** Runs until both handshakes completed (client: TLS done; server: confirmed). */
  handshake(maxMs = 10_000): boolean {
    return this.runUntil(() => this.client.isHandshakeConfirmed && this.server.isHandshakeConfirmed, maxMs);
  }

  /** Trace items of one name on one side. */
  traces<N extends QuicTrace['name']>(side: End, name: N): Extract<QuicTrace, { name: N }>[] {
    return this.events[side].traces.filter((t): t is Extract<QuicTrace, { name: N }> => t.name === name);
  }
}
