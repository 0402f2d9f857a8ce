/**
 * The renderer's one zustand store, built from typed slices. Components read it through selectors
 * (`useStore((s) => s.run)`), and `useShallow` for derived lists. Events are not in here: see event-log.ts.
 */
import { create } from 'zustand';
import { createRunSlice } from './slices/run';
import { createScenariosSlice } from './slices/scenarios';
import { createSelectionSlice } from './slices/selection';
import { createServerSlice } from './slices/server';
import { createSessionSlice } from './slices/session';
import type { Store } from './slices/types';
import { createUiSlice } from './slices/ui';
import { createFilterSlice, createPanelsSlice, createReplaySlice } from './slices/replay';

export type { Notice, SidePanelTab, Store, TimelineLayout } from './slices/types';

/** The store hook. */
export const useStore = create<Store>()((...a) => ({
  ...createSessionSlice(...a),
  ...createRunSlice(...a),
  ...createServerSlice(...a),
  ...createScenariosSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
  ...createReplaySlice(...a),
  ...createFilterSlice(...a),
  ...createPanelsSlice(...a),
}));
