/**
 * The SETTINGS exchange (RFC 9113 §6.5): our settings as sent and as acknowledged, the peer's as received, the
 * SETTINGS ACK deadline (§6.5.3, SETTINGS_TIMEOUT), and conversions to and from the wire list.
 */
import { SettingId } from './frames/settings';
import type { Setting } from './frames/types';

/** The settings of one endpoint (RFC 9113 §6.5.2), by name. Unlimited values are Infinity. */
export interface H2Settings {
  readonly headerTableSize: number;
  readonly enablePush: boolean;
  readonly maxConcurrentStreams: number;
  readonly initialWindowSize: number;
  readonly maxFrameSize: number;
  readonly maxHeaderListSize: number;
  /** RFC 9218 §2.1: the endpoint does not use RFC 7540 priorities. */
  readonly noRfc7540Priorities: boolean;
}

/** The initial values every endpoint assumes before SETTINGS arrive (§6.5.2). */
export const DEFAULT_SETTINGS: H2Settings = {
  headerTableSize: 4096,
  enablePush: true,
  maxConcurrentStreams: Infinity,
  initialWindowSize: 65535,
  maxFrameSize: 16384,
  maxHeaderListSize: Infinity,
  noRfc7540Priorities: false,
};

const ORDER: ReadonlyArray<readonly [keyof H2Settings, number]> = [
  ['headerTableSize', SettingId.HEADER_TABLE_SIZE],
  ['enablePush', SettingId.ENABLE_PUSH],
  ['maxConcurrentStreams', SettingId.MAX_CONCURRENT_STREAMS],
  ['initialWindowSize', SettingId.INITIAL_WINDOW_SIZE],
  ['maxFrameSize', SettingId.MAX_FRAME_SIZE],
  ['maxHeaderListSize', SettingId.MAX_HEADER_LIST_SIZE],
  ['noRfc7540Priorities', SettingId.NO_RFC7540_PRIORITIES],
];

/** The wire list of the given settings (only those set; Infinity is left out, booleans are 0/1). */
export function settingsToList(s: Partial<H2Settings>): Setting[] {
  const out: Setting[] = [];
  for (const [key, id] of ORDER) {
    const v = s[key];
    if (v === undefined || v === Infinity) continue;
    out.push({ id, value: typeof v === 'boolean' ? (v ? 1 : 0) : v });
  }
  return out;
}

/** Settings after applying a wire list in order (§6.5.3: "processed in the order in which they appear"). Unknown ids are ignored. */
export function applySettings(base: H2Settings, list: readonly Setting[]): H2Settings {
  const next: { -readonly [K in keyof H2Settings]: H2Settings[K] } = { ...base };
  for (const { id, value } of list) {
    switch (id) {
      case SettingId.HEADER_TABLE_SIZE:
        next.headerTableSize = value;
        break;
      case SettingId.ENABLE_PUSH:
        next.enablePush = value === 1;
        break;
      case SettingId.MAX_CONCURRENT_STREAMS:
        next.maxConcurrentStreams = value;
        break;
      case SettingId.INITIAL_WINDOW_SIZE:
        next.initialWindowSize = value;
        break;
      case SettingId.MAX_FRAME_SIZE:
        next.maxFrameSize = value;
        break;
      case SettingId.MAX_HEADER_LIST_SIZE:
        next.maxHeaderListSize = value;
        break;
      case SettingId.NO_RFC7540_PRIORITIES:
        next.noRfc7540Priorities = value === 1;
        break;
      default:
        break; // §6.5.2: unknown settings are ignored
    }
  }
  return next;
}

/** Our side of the exchange: what we sent, what the peer acknowledged, and when an ACK is due. */
export class SettingsExchange {
  /** Our settings in effect (acknowledged by the peer). */
  local: H2Settings = DEFAULT_SETTINGS;
  /** Our settings as last sent (what the peer will use once it has read them). */
  advertised: H2Settings = DEFAULT_SETTINGS;
  /** The peer's settings as received. */
  remote: H2Settings = DEFAULT_SETTINGS;
  /** True once the peer's first SETTINGS arrived (§3.4: it must be the first frame). */
  receivedRemote = false;
  private readonly pending: Array<{ readonly list: readonly Setting[]; readonly sentAt: number }> = [];

  /** @param timeout how long the peer has to acknowledge, ms (§6.5.3) */
  constructor(private readonly timeout: number) {}

  /** We sent SETTINGS with `list` at `now`. */
  sent(list: readonly Setting[], now: number): void {
    this.advertised = applySettings(this.advertised, list);
    this.pending.push({ list, sentAt: now });
  }

  /** The peer acknowledged our oldest unacknowledged SETTINGS: the list now in effect, or null if none was pending. */
  acked(): readonly Setting[] | null {
    const p = this.pending.shift();
    if (!p) return null;
    this.local = applySettings(this.local, p.list);
    return p.list;
  }

  /** When the oldest unacknowledged SETTINGS times out, or null. */
  deadline(): number | null {
    const p = this.pending[0];
    return p ? p.sentAt + this.timeout : null;
  }
}
