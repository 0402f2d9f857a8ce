/**
 * The store's shape: one zustand store built from typed slices (see ../index.ts).
 */
import type { StateCreator } from 'zustand';
import type { RunState, ServerStatus, SessionInfo } from '../../../../shared/api';
import type { OptionValue, ScenarioInfo } from '../../../../shared/scenario-types';
import type { TransportState } from '../../api';
import type { EventFilter } from '../../filter/event-filter';

/** The current session's header facts, and a mirror of the event log's size. */
export interface SessionSlice {
  session: SessionInfo | null;
  /** Mirrors `eventLog.version` (bumped at most once per animation frame). */
  logVersion: number;
  eventCount: number;
  connectionCount: number;
  setSession(session: SessionInfo | null): void;
  syncLog(version: number, eventCount: number, connectionCount: number): void;
}

/** Whether a scenario runs, and how the last one ended. */
export interface RunSlice {
  run: RunState;
  setRun(run: RunState): void;
}

/** The embedded server's status and the link to the engine. */
export interface ServerSlice {
  server: ServerStatus | null;
  transport: TransportState;
  setServer(server: ServerStatus): void;
  setTransport(transport: TransportState): void;
}

/** The lessons, the selected one and what the person typed into its form. */
export interface ScenariosSlice {
  scenarios: readonly ScenarioInfo[];
  selectedScenario: string | null;
  /** Option values by scenario id, then option key; absent keys use the option's default. */
  optionValues: Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;
  /** The run target; empty means the embedded server. */
  target: string;
  /** Raw mode's request text. */
  rawText: string;
  setScenarios(scenarios: readonly ScenarioInfo[]): void;
  selectScenario(id: string): void;
  setOption(scenario: string, key: string, value: OptionValue): void;
  setTarget(target: string): void;
  setRawText(text: string): void;
}

/** The selected event and the field of it that is highlighted. */
export interface SelectionSlice {
  selectedSeq: number | null;
  /** The field path (FieldSpan.path) clicked in the inspector. */
  selectedField: string | null;
  /** The field path under the pointer; wins over `selectedField` while set. */
  hoveredField: string | null;
  selectEvent(seq: number | null): void;
  selectField(path: string | null): void;
  hoverField(path: string | null): void;
}

/** A message for the person, shown under the top bar. */
export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** The timeline's two forms: lanes (time across) or a sequence diagram (time down). */
export type TimelineLayout = 'lanes' | 'sequence';

/** Layout and transient UI state. */
export interface UiSlice {
  /** The event list keeps the newest event in view while true. */
  follow: boolean;
  leftWidth: number;
  rightWidth: number;
  notice: Notice | null;
  /** Which form the timeline shows. */
  timelineLayout: TimelineLayout;
  /** Share of the centre column's height the timeline takes (the event list has the rest). */
  timelineFraction: number;
  setTimelineLayout(layout: TimelineLayout): void;
  setTimelineFraction(fraction: number): void;
  setFollow(follow: boolean): void;
  setPanelWidth(side: 'left' | 'right', width: number): void;
  notify(notice: Notice | null): void;
}

/** Replay of a finished session: a cursor on the session clock, playing or paused, at a speed. */
export interface ReplaySlice {
  /** The replay cursor (session ms), or null when not replaying (everything shown). */
  replayNow: number | null;
  replayPlaying: boolean;
  /** Playback speed, 1 = the session's own pace. */
  replaySpeed: number;
  /** Moves the cursor (null leaves replay and shows everything). */
  seekReplay(now: number | null): void;
  setReplayPlaying(playing: boolean): void;
  setReplaySpeed(speed: number): void;
}

/** The filter of the timeline and the list. */
export interface FilterSlice {
  filter: EventFilter;
  /** Changes some fields of the filter. */
  setFilter(patch: Partial<EventFilter>): void;
  clearFilter(): void;
}

/** The tabs of the panel under the inspector. */
export type SidePanelTab = 'hpack' | 'windows' | 'streams';

/** The panel under the inspector: which tab, how tall, which connection. */
export interface PanelsSlice {
  sideTab: SidePanelTab;
  /** Share of the right column's height the inspector takes (the panels have the rest). */
  inspectorFraction: number;
  /** The connection the panels show; null picks the selected event's (or the first HTTP/2 one). */
  panelConn: number | null;
  setSideTab(tab: SidePanelTab): void;
  setInspectorFraction(fraction: number): void;
  setPanelConn(conn: number | null): void;
}

/** The whole store. */
export type Store = SessionSlice & RunSlice & ServerSlice & ScenariosSlice & SelectionSlice & UiSlice & ReplaySlice & FilterSlice & PanelsSlice;

/** A slice creator over the whole store. */
export type Slice<T> = StateCreator<Store, [], [], T>;
