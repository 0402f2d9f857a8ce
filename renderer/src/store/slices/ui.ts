import type { Slice, UiSlice } from './types';

const MIN_PANEL = 220;
const MAX_PANEL = 900;

/** The UI slice: follow mode, panel widths, the timeline's form and height, and the notice line. */
export const createUiSlice: Slice<UiSlice> = (set) => ({
  follow: true,
  leftWidth: 230,
  rightWidth: 520,
  notice: null,
  timelineLayout: 'lanes',
  timelineFraction: 0.4,
  setTimelineLayout: (timelineLayout) => set({ timelineLayout }),
  setTimelineFraction: (fraction) => {
    if (Number.isFinite(fraction)) set({ timelineFraction: Math.min(0.8, Math.max(0.12, fraction)) });
  },
  setFollow: (follow) => set({ follow }),
  setPanelWidth: (side, width) => {
    const clamped = Math.round(Math.min(MAX_PANEL, Math.max(MIN_PANEL, width)));
    set(side === 'left' ? { leftWidth: clamped } : { rightWidth: clamped });
  },
  notify: (notice) => set({ notice }),
});
