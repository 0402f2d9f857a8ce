/**
 * The typed API between the engine (main process or web host) and the renderer. The preload script exposes
 * exactly this as `window.framescope`; the web host serves the same calls over a WebSocket.
 */
import type { ConnectionInfo, FieldSpan, SessionEvent } from './events';
import type { OptionValue, ScenarioInfo } from './scenario-types';

/** Network conditions between the raw client and the server (applied by net/; zero means none). */
export interface NetworkConditions {
  readonly delayMs: number;
  readonly lossPercent: number;
  readonly bandwidthKbps: number;
}

/** What the embedded server is doing, and how to reach and trust it. */
export interface ServerStatus {
  readonly running: boolean;
  readonly host: string;
  /** TLS port: h1 and (later) h2 by ALPN. */
  readonly tlsPort: number;
  /** Cleartext port: h1 and (later) h2c. */
  readonly clearPort: number;
  /** UDP port of QUIC (ALPN h3): the TLS port's number; 0 when QUIC is not listening. */
  readonly h3Port: number;
  /** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for pinning (e.g. Chromium's SPKI list). */
  readonly certPin: string;
  /** Where the certificate lives on disk. */
  readonly certPath: string;
  /** The ALPN protocols the TLS port offers, in preference order. */
  readonly alpn: readonly string[];
  /** The HTTP/2 settings the server announces (absent ones are nghttp2's defaults). */
  readonly h2Settings?: ServerSettingsPatch;
  /** Whether the TLS port and QUIC ask for client certificates (mTLS). */
  readonly clientAuth?: ClientAuthSetting;
  /** A client certificate (and key beside it) the server's test CA issued, for curl or a browser. */
  readonly clientCertPath?: string;
  readonly clientKeyPath?: string;
  readonly error?: string;
}

/**
 * How the embedded server asks for client certificates (RFC 8446 §4.3.2): not at all, asking but letting clients
 * without a good one in, or refusing them (certificate_required, §4.4.2.4); checked against the app's test CA, or
 * any certificate accepted.
 */
export interface ClientAuthSetting {
  readonly mode: 'off' | 'request' | 'require';
  readonly trust: 'test-ca' | 'any';
}

/** HTTP/2 settings of the embedded server a person can change (RFC 9113 §6.5.2); absent ones keep their value. */
export interface ServerSettingsPatch {
  readonly initialWindowSize?: number;
  readonly maxFrameSize?: number;
  readonly maxConcurrentStreams?: number;
  readonly headerTableSize?: number;
  readonly enablePush?: boolean;
  /** Client certificates on the TLS port and QUIC (not an HTTP/2 setting; changes new connections). */
  readonly clientAuth?: ClientAuthSetting['mode'];
  readonly clientCertTrust?: ClientAuthSetting['trust'];
}

/** A request to run a scenario. */
export interface RunRequest {
  readonly scenario: string;
  /** A URL to run against, e.g. "https://localhost:9443/"; absent means the embedded server. */
  readonly target?: string;
  readonly options?: Readonly<Record<string, OptionValue>>;
  /** How to trust a target's certificate: a PEM certificate or CA to trust, or no verification (shown as such). */
  readonly trust?: { readonly caPem?: string; readonly insecure?: boolean; readonly clientCertPem?: string; readonly clientKeyPem?: string };
}

/** Header facts of a session, live or loaded. */
export interface SessionInfo {
  readonly id: string;
  /** 'live' while a scenario records it; 'file' when it was opened from a file. */
  readonly source: 'live' | 'file';
  readonly scenario: string | null;
  /** ISO 8601 wall-clock time at which the session started. */
  readonly startedAt: string;
  readonly appVersion: string;
  readonly network: NetworkConditions;
  /** The file name, for sessions opened from a file. */
  readonly fileName?: string;
  /** Set when a file was truncated or damaged and only its whole part was loaded. */
  readonly warning?: string;
}

/** Omit over each member of a union (Omit on a union keeps only the keys all members share). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * An event as it travels to the renderer: everything but its bytes and field spans, which the inspector fetches
 * for the one event it shows (`eventDetail`). `rawLength` says how many bytes it carried, for the timeline.
 * Keeping the bulk off the wire lets a million events reach the renderer and stay in its memory.
 */
export type WireEvent = OmitEach<SessionEvent, 'raw' | 'fields'> & { readonly rawLength?: number };

/** The bytes and field spans of one event (see WireEvent). */
export interface EventDetail {
  readonly sessionId: string;
  readonly seq: number;
  /** Base64, as in the session file. */
  readonly raw?: string;
  readonly fields?: readonly FieldSpan[];
}

/** What the renderer receives from the engine, in order. */
export type EngineMessage =
  /** A new session begins (live run or opened file): the renderer clears what it shows. */
  | { readonly kind: 'session'; readonly session: SessionInfo }
  /**
   * A batch of connections (new or updated) and events. `sent` is the number of events the engine has sent
   * for this session so far, including this batch, so a receiver can prove that nothing was dropped.
   */
  | {
      readonly kind: 'batch';
      readonly sessionId: string;
      readonly connections: readonly ConnectionInfo[];
      readonly events: readonly WireEvent[];
      readonly sent: number;
    }
  /** Whether a scenario is running, and how the last one ended. */
  | { readonly kind: 'run'; readonly state: RunState }
  | { readonly kind: 'server'; readonly status: ServerStatus };

/** Whether a scenario is running. */
export interface RunState {
  readonly running: boolean;
  readonly scenario: string | null;
  readonly lastResult?: { readonly ok: boolean; readonly error?: string };
}

/** Outcome of saving a session. */
export interface SaveResult {
  readonly fileName: string;
  readonly events: number;
  readonly bytes: number;
  /** Where it was written, when the host wrote it to disk (Electron, CLI). */
  readonly path?: string;
}

/** A session file handed in by the renderer (web host upload). */
export interface SessionUpload {
  readonly fileName: string;
  /** The file's bytes, base64. */
  readonly base64: string;
}

/** The whole API the renderer may use. Every method may reject with an ApiError (see errors.ts). */
export interface FramescopeApi {
  /** The lessons, in the order to show them. */
  listScenarios(): Promise<readonly ScenarioInfo[]>;
  /** Starts a scenario; resolves when it has started (events follow on subscribe). */
  run(request: RunRequest): Promise<SessionInfo>;
  /** Stops the running scenario, closing its connections. */
  stop(): Promise<void>;
  /** Raw mode: sends typed bytes (as text, with \r\n line ends) on the open raw connection. */
  sendRaw(text: string): Promise<void>;
  serverStatus(): Promise<ServerStatus>;
  runState(): Promise<RunState>;
  /**
   * Receives engine messages. The engine first replays the current session (a 'session' message and its
   * batches) so a late subscriber sees everything. Returns an unsubscribe function.
   */
  subscribe(listener: (message: EngineMessage) => void): () => void;
  /** Saves the current session: a dialog in Electron, a download in the web host. */
  saveSession(): Promise<SaveResult>;
  /** Opens a session file: a dialog in Electron, a file picker and upload in the web host. */
  openSession(upload?: SessionUpload): Promise<SessionInfo>;
  /**
   * Saves the TLS key log of the current session in SSLKEYLOGFILE form (for Wireshark or tshark): a dialog in
   * Electron, a download in the web host. `events` counts the lines.
   */
  saveKeylog(): Promise<SaveResult>;
  /**
   * Changes the embedded server's HTTP/2 settings: new connections announce them, open ones get a SETTINGS
   * frame. Resolves with the new server status.
   */
  setServerSettings(settings: ServerSettingsPatch): Promise<ServerStatus>;
  /** The bytes and field spans of one event of a session (events reach the renderer without them). */
  eventDetail(sessionId: string, seq: number): Promise<EventDetail>;
}

/** The methods a transport forwards as request/response calls (subscribe is a stream, not a call). */
export type ApiMethod = Exclude<keyof FramescopeApi, 'subscribe'>;

/** The argument names of each call, for hosts that validate them. */
export const API_METHODS: readonly ApiMethod[] = [
  'listScenarios',
  'run',
  'stop',
  'sendRaw',
  'serverStatus',
  'runState',
  'saveSession',
  'openSession',
  'saveKeylog',
  'setServerSettings',
  'eventDetail',
];
