import type { SelectionSlice, Slice } from './types';

/** The selection slice: the selected event and its highlighted field. */
export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => ({
  selectedSeq: null,
  selectedField: null,
  hoveredField: null,
  selectEvent: (seq) => {
    if (seq === get().selectedSeq) return;
    set({ selectedSeq: seq, selectedField: null, hoveredField: null });
  },
  selectField: (selectedField) => set({ selectedField }),
  hoverField: (hoveredField) => {
    if (hoveredField !== get().hoveredField) set({ hoveredField });
  },
});
