import { NO_FILTER } from '../../filter/event-filter';
import { REPLAY_SPEEDS } from '../../replay/clock';
import type { FilterSlice, PanelsSlice, ReplaySlice, Slice } from './types';

/** The replay slice: the cursor, play/pause and speed (the rAF loop lives in replay/player.ts). */
export const createReplaySlice: Slice<ReplaySlice> = (set, get) => ({
  replayNow: null,
  replayPlaying: false,
  replaySpeed: 1,
  seekReplay: (now) => {
    if (now === get().replayNow) return;
    set(now === null ? { replayNow: null, replayPlaying: false } : { replayNow: now });
  },
  setReplayPlaying: (replayPlaying) => set({ replayPlaying }),
  setReplaySpeed: (speed) => {
    if (REPLAY_SPEEDS.includes(speed)) set({ replaySpeed: speed });
  },
});

/** The filter slice: what the timeline and the list show. */
export const createFilterSlice: Slice<FilterSlice> = (set) => ({
  filter: NO_FILTER,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  clearFilter: () => set({ filter: NO_FILTER }),
});

/** The panels slice: the tabbed panel under the inspector. */
export const createPanelsSlice: Slice<PanelsSlice> = (set) => ({
  sideTab: 'hpack',
  inspectorFraction: 0.5,
  panelConn: null,
  setSideTab: (sideTab) => set({ sideTab }),
  setInspectorFraction: (fraction) => {
    if (Number.isFinite(fraction)) set({ inspectorFraction: Math.min(0.85, Math.max(0.15, fraction)) });
  },
  setPanelConn: (panelConn) => set({ panelConn }),
});
