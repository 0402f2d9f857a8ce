import type { RunSlice, Slice } from './types';

/** The run slice: whether a scenario runs and how the last one ended. */
export const createRunSlice: Slice<RunSlice> = (set) => ({
  run: { running: false, scenario: null },
  setRun: (run) => set({ run }),
});
