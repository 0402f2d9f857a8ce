/**
 * The engine: the embedded server, the raw client and the current session, behind the typed API of shared/api.ts.
 * Hosts (Electron main, the web host, the CLI, tests) wrap it; it never imports electron.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { EngineMessage, EventDetail, FramescopeApi, NetworkConditions, RunRequest, RunState, SaveResult, ServerSettingsPatch, ServerStatus, SessionInfo, SessionUpload } from '../../shared/api';
import { ApiError, toApiError } from '../../shared/errors';
import type { ConnectionInfo, PendingEvent, SessionEvent, Vantage } from '../../shared/events';
import { findScenario, SCENARIOS } from '../../shared/scenarios';
import type { ScenarioInfo } from '../../shared/scenario-types';
import type { SessionHeader } from '../../shared/session-format';
import { SESSION_FORMAT, SESSION_VERSION } from '../../shared/session-format';
import { resolveOptions, validateRawText, validateRunRequest } from '../../shared/validate';
import { H1ClientConnection } from './client/h1-client';
import { H2ClientSession } from './client/h2-client';
import { H3ClientSession } from './client/h3-client';
import { upgradeToH2c } from './client/h2c-upgrade';
import { parseTarget, type ClientTarget } from './client/target';
import { EventBatcher, replayMessages } from './core/batcher';
import { SessionClock } from './core/clock';
import { ConnectionRegistry, type FourTuple } from './core/connection-registry';
import type { ConnectionFacts, EventSink } from './core/event-sink';
import { abortableSleep, type EmbeddedMtls, type ScenarioContext } from './scenarios/context';
import { RUNNERS } from './scenarios';
import { EmbeddedServer, type EmbeddedServerOptions } from './server/embedded-server';
import { readSession, type SessionSource } from './session/reader';
import { SessionRecorder } from './session/recorder';

/** The app version written into session headers. */
export const APP_VERSION = '0.1.0';

const NO_CONDITIONS: NetworkConditions = { delayMs: 0, lossPercent: 0, bandwidthKbps: 0 };

/** Options of an engine. */
export interface EngineOptions extends EmbeddedServerOptions {
  /** Flush period of event batches (ms). */
  readonly batchIntervalMs?: number;
}

interface ActiveRun {
  readonly scenario: string;
  readonly abort: AbortController;
  readonly connections: Set<H1ClientConnection | H2ClientSession | H3ClientSession>;
  raw: H1ClientConnection | undefined;
}

interface CurrentSession {
  readonly info: SessionInfo;
  readonly clock: SessionClock;
  readonly registry: ConnectionRegistry;
  readonly recorder: SessionRecorder;
  readonly batcher: EventBatcher;
}

/** The engine behind every host. Implements the API (less the host-specific file dialogs) and the event sink. */
export class Engine implements EventSink {
  readonly server: EmbeddedServer;
  private session: CurrentSession;
  private readonly listeners = new Set<(message: EngineMessage) => void>();
  private active: ActiveRun | undefined;
  private lastResult: RunState['lastResult'];
  /** Key-log lines of the raw client's TLS connections (SSLKEYLOGFILE format). */
  readonly keylog: string[] = [];

  /** @param options server ports, data folder, batching */
  constructor(private readonly options: EngineOptions) {
    this.server = new EmbeddedServer(options, this);
    this.session = this.newSession({ source: 'live', scenario: null });
  }

  /** Starts the embedded server. */
  async start(): Promise<ServerStatus> {
    const status = await this.server.start();
    this.broadcast({ kind: 'server', status });
    return status;
  }

  /** Stops any run and the server. */
  async dispose(): Promise<void> {
    await this.stop();
    this.session.batcher.flush();
    await this.server.stop();
  }

  // ---- EventSink -------------------------------------------------------------------------------------------

  /** Session time now. */
  now(): number {
    return this.session.clock.time();
  }

  /** Records an event in the current session and queues it for subscribers. */
  emit(event: PendingEvent): void {
    const recorded = this.session.recorder.record(event);
    this.session.batcher.event(recorded);
  }

  /** Registers a connection of the current session. */
  openConnection(tuple: FourTuple, vantage: Vantage, facts: ConnectionFacts): ConnectionInfo {
    const info = this.session.registry.claim(tuple, vantage, facts);
    this.session.recorder.setConnection(info);
    this.session.batcher.connection(info);
    return info;
  }

  /** Updates a connection's facts. */
  updateConnection(id: number, patch: Partial<Omit<ConnectionInfo, 'id'>>): void {
    const info = this.session.registry.update(id, patch);
    if (!info) return;
    this.session.recorder.setConnection(info);
    this.session.batcher.connection(info);
  }

  // ---- API -------------------------------------------------------------------------------------------------

  /** The lessons. */
  listScenarios(): readonly ScenarioInfo[] {
    return SCENARIOS;
  }

  /** Server status. */
  serverStatus(): ServerStatus {
    return this.server.status();
  }

  /** Changes the embedded server's HTTP/2 and client-certificate settings (validated by the caller) and tells every subscriber. */
  setServerSettings(patch: ServerSettingsPatch): ServerStatus {
    const { clientAuth, clientCertTrust, ...h2 } = patch;
    if (Object.keys(h2).length > 0) this.server.updateH2Settings(h2);
    if (clientAuth !== undefined || clientCertTrust !== undefined) {
      const now = this.server.clientAuthSetting();
      this.server.setClientAuth({ mode: clientAuth ?? now.mode, trust: clientCertTrust ?? now.trust });
    }
    const status = this.server.status();
    this.broadcast({ kind: 'server', status });
    return status;
  }

  /** Whether a scenario runs. */
  runState(): RunState {
    return { running: this.active !== undefined, scenario: this.active?.scenario ?? null, ...(this.lastResult ? { lastResult: this.lastResult } : {}) };
  }

  /** Subscribes to engine messages, first replaying the current session. */
  subscribe(listener: (message: EngineMessage) => void): () => void {
    this.session.batcher.flush();
    for (const m of replayMessages(this.session.info, this.session.recorder.connections, this.session.recorder.events)) listener(m);
    listener({ kind: 'server', status: this.server.status() });
    listener({ kind: 'run', state: this.runState() });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a scenario in a new session. Resolves with the session once it has started; `finished` on the
   * returned object resolves when the run ends (used by the CLI and tests).
   */
  async run(request: unknown): Promise<SessionInfo & { finished: Promise<RunState['lastResult']> }> {
    const req: RunRequest = validateRunRequest(request);
    const info = findScenario(req.scenario);
    const runner = RUNNERS[req.scenario];
    if (!info || !runner) throw new ApiError('unknown_scenario', `no scenario "${req.scenario}" (try: ${SCENARIOS.map((s) => s.id).join(', ')})`);
    if (this.active) throw new ApiError('busy', `"${this.active.scenario}" is still running; stop it first`);
    const options = resolveOptions(info, req.options);
    const target = this.resolveTarget(req.target, options['tls'] !== false, req.trust);
    this.replaceSession(this.newSession({ source: 'live', scenario: info.id, target: `${target.scheme}://${target.authority}${target.path}` }));
    const active: ActiveRun = { scenario: info.id, abort: new AbortController(), connections: new Set(), raw: undefined };
    this.active = active;
    this.broadcast({ kind: 'run', state: this.runState() });
    const started = this.now();
    this.emit({ name: 'app:scenario_started', time: started, conn: 0, vantage: 'client', data: { scenario: info.id, target: `${target.scheme}://${target.authority}`, options } });
    const ctx = this.contextFor(active, target, options, req.target !== undefined);
    const finished = runner(ctx).then(
      () => ({ ok: true }),
      (err: unknown) => {
        const e = toApiError(err);
        return e.code === 'cancelled' ? { ok: false, error: 'stopped' } : { ok: false, error: e.message };
      },
    ).then(async (result: { ok: boolean; error?: string }) => {
      for (const c of active.connections) c.destroy();
      await Promise.all([...active.connections].map((c) => c.whenClosed()));
      this.emit({ name: 'app:scenario_finished', time: this.now(), conn: 0, vantage: 'client', data: { scenario: info.id, ok: result.ok, durationMs: this.now() - started, ...(result.error ? { error: result.error } : {}) } });
      this.session.batcher.flush();
      this.active = undefined;
      this.lastResult = result;
      this.broadcast({ kind: 'run', state: this.runState() });
      return result;
    });
    return { ...this.session.info, finished };
  }

  /** Stops the running scenario, if any, and waits for it to wind down. */
  async stop(): Promise<void> {
    const active = this.active;
    if (!active) return;
    active.abort.abort();
    for (const c of active.connections) c.destroy();
    await new Promise<void>((resolve) => {
      const check = (m: EngineMessage): void => {
        if (m.kind === 'run' && !m.state.running) {
          this.listeners.delete(check);
          resolve();
        }
      };
      if (!this.active) resolve();
      else this.listeners.add(check);
    });
  }

  /** Raw mode: writes typed text (LF becomes CRLF) on the open raw connection. */
  sendRaw(text: unknown): void {
    const value = validateRawText(text);
    const raw = this.active?.raw;
    if (!raw || raw.isClosed) throw new ApiError('not_running', 'no raw connection is open: run "raw-request" first');
    raw.write(Buffer.from(value.replace(/\r?\n/g, '\r\n'), 'latin1'));
  }

  /**
   * The TLS key log of the current session in SSLKEYLOGFILE form: the raw client's and the embedded server's
   * lines (each secret once), so Wireshark or tshark can decrypt a capture of it.
   */
  keylogText(): string {
    const lines = [...new Set([...this.keylog, ...this.server.keylog])];
    return lines.length === 0 ? '' : `# SSLKEYLOGFILE written by Framescope ${APP_VERSION}\n${lines.join('\n')}\n`;
  }

  /** Writes the key log to a file; resolves with what was written. */
  async saveKeylogTo(path: string): Promise<SaveResult> {
    const text = this.keylogText();
    await writeFile(path, text, { mode: 0o600 });
    return { fileName: basename(path), events: text.split('\n').filter((l) => l && !l.startsWith('#')).length, bytes: Buffer.byteLength(text), path };
  }

  /** Writes the current session to a file path or stream. */
  async saveSessionTo(target: string | Writable): Promise<SaveResult & { fileName: string }> {
    this.session.batcher.flush();
    const result = await this.session.recorder.saveTo(target);
    return { fileName: this.suggestedFileName(), events: result.events, bytes: result.bytes, ...(typeof target === 'string' ? { path: target } : {}) };
  }

  /** A file name for the current session: scenario and start time. */
  suggestedFileName(): string {
    const stamp = this.session.info.startedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
    return `${this.session.info.scenario ?? 'session'}-${stamp}.framescope`;
  }

  /** Opens a session file (path, stream or bytes) as the current session. A bad file changes nothing. */
  async openSessionFrom(source: SessionSource, fileName: string): Promise<SessionInfo> {
    if (this.active) throw new ApiError('busy', 'stop the running scenario before opening a file');
    const loaded = await readSession(source);
    const session = this.newSession({
      source: 'file',
      scenario: loaded.header.scenario,
      fileName,
      startedAt: loaded.header.startedAt,
      appVersion: loaded.header.appVersion,
      network: loaded.header.network,
      ...(loaded.warning ? { warning: loaded.warning } : {}),
    });
    this.replaceSession({ ...session, recorder: SessionRecorder.fromLoaded(loaded) }, false);
    for (const m of replayMessages(session.info, loaded.connections, loaded.events)) this.broadcast(m);
    session.batcher.sent = loaded.events.length;
    return session.info;
  }

  /** Opens an uploaded session (web host). */
  openUpload(upload: SessionUpload): Promise<SessionInfo> {
    const bytes = Buffer.from(upload.base64, 'base64');
    return this.openSessionFrom(bytes, upload.fileName);
  }

  /** The bytes and field spans of one event of the current session (the renderer gets events without them). */
  eventDetail(sessionId: string, seq: number): EventDetail {
    if (sessionId !== this.session.info.id) throw new ApiError('bad_argument', 'that session is no longer open');
    const events = this.session.recorder.events;
    const event = events[seq]?.seq === seq ? events[seq] : events.find((e) => e.seq === seq);
    if (!event) throw new ApiError('bad_argument', `no event ${seq} in this session`);
    return { sessionId, seq, ...(event.raw !== undefined ? { raw: event.raw } : {}), ...(event.fields ? { fields: event.fields } : {}) };
  }

  /** The events of the current session (for the CLI and tests). */
  currentEvents(): readonly SessionEvent[] {
    return this.session.recorder.events;
  }

  /** The connections of the current session. */
  currentConnections(): readonly ConnectionInfo[] {
    return this.session.recorder.connections;
  }

  /** The current session's facts. */
  currentSession(): SessionInfo {
    return this.session.info;
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private resolveTarget(url: string | undefined, tls: boolean, trust: RunRequest['trust']): ClientTarget {
    const clientCert = trust?.clientCertPem && trust.clientKeyPem ? { clientCert: { certPem: trust.clientCertPem, keyPem: trust.clientKeyPem } } : {};
    if (url) return parseTarget(url, { ...(trust?.caPem ? { ca: trust.caPem } : {}), ...(trust?.insecure ? { insecure: true } : {}), ...clientCert });
    const status = this.server.status();
    if (!status.running) throw new ApiError('not_running', 'the embedded server is not running');
    return tls
      ? parseTarget(`https://localhost:${status.tlsPort}/`, { ca: this.server.certificatePem(), ...clientCert })
      : parseTarget(`http://127.0.0.1:${status.clearPort}/`);
  }

  private contextFor(active: ActiveRun, target: ClientTarget, options: Record<string, string | number | boolean>, userTarget: boolean): ScenarioContext {
    return {
      sink: this,
      target,
      options,
      signal: active.abort.signal,
      note: (text) => this.emit({ name: 'app:note', time: this.now(), conn: 0, vantage: 'client', data: { text } }),
      sleep: (ms) => abortableSleep(ms, active.abort.signal),
      connectH1: async (to = target) => {
        const c = await H1ClientConnection.open(to, this, { signal: active.abort.signal, keylog: (line) => this.keylog.push(line) });
        active.connections.add(c);
        return c;
      },
      connectH2: async (options = {}, to = target) => {
        const c = await H2ClientSession.open(to, this, { signal: active.abort.signal, keylog: (line) => this.keylog.push(line), ...options });
        active.connections.add(c);
        return c;
      },
      connectH3: async (options = {}, to = target) => {
        const c = await H3ClientSession.open(to, this, { signal: active.abort.signal, keylog: (line) => this.keylog.push(line), ...options });
        active.connections.add(c);
        return c;
      },
      upgradeH2c: async (to, path) => {
        const outcome = await upgradeToH2c(to, this, path, { signal: active.abort.signal });
        if (outcome.kind === 'upgraded') active.connections.add(outcome.session);
        return outcome;
      },
      targetFor: (tls) => (userTarget ? target : this.resolveTarget(undefined, tls, undefined)),
      embeddedMtls: userTarget ? null : this.embeddedMtls(),
      keylog: (line) => this.keylog.push(line),
      setRawConnection: (c) => {
        active.raw = c;
      },
    };
  }

  /** The embedded server's mTLS for a scenario: its client-certificate setting (announced) and the test client certificate. */
  private embeddedMtls(): EmbeddedMtls | null {
    const files = this.server.clientAuthFiles();
    if (!files) return null;
    return {
      set: (setting) => {
        const previous = this.server.setClientAuth(setting);
        this.broadcast({ kind: 'server', status: this.server.status() });
        return previous;
      },
      clientCert: { certPem: files.client.certPem, keyPem: files.client.keyPem },
      clientCertPath: files.client.certPath,
    };
  }

  private newSession(fields: Partial<SessionInfo> & Pick<SessionInfo, 'source' | 'scenario'> & { target?: string }): CurrentSession {
    const clock = new SessionClock();
    const { target, ...rest } = fields;
    const info: SessionInfo = {
      id: randomUUID(),
      startedAt: clock.startedAt.toISOString(),
      appVersion: APP_VERSION,
      network: NO_CONDITIONS,
      ...rest,
    };
    const header: SessionHeader = {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      appVersion: info.appVersion,
      scenario: info.scenario,
      network: info.network,
      startedAt: info.startedAt,
      ...(target ? { target } : {}),
    };
    return {
      info,
      clock,
      registry: new ConnectionRegistry(),
      recorder: new SessionRecorder(header),
      batcher: new EventBatcher(info.id, (m) => this.broadcast(m), this.options.batchIntervalMs),
    };
  }

  private replaceSession(next: CurrentSession, announce = true): void {
    // key-log lines belong to the session whose connections they decrypt
    this.keylog.length = 0;
    this.server.keylog.length = 0;
    this.session.batcher.flush();
    this.session.batcher.dispose();
    this.session = next;
    if (announce) this.broadcast({ kind: 'session', session: next.info });
  }

  private broadcast(message: EngineMessage): void {
    for (const l of [...this.listeners]) {
      try {
        l(message);
      } catch {
        // a failing subscriber must not stop the engine or the others
      }
    }
  }
}

/** The API methods an engine serves directly (file dialogs and downloads are the hosts' part). */
export type EngineApi = Pick<FramescopeApi, 'listScenarios' | 'run' | 'stop' | 'sendRaw' | 'serverStatus' | 'runState'>;
