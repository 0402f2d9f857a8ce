import type { ScenariosSlice, Slice } from './types';

/** The scenarios slice: the lesson list, the selected lesson and its form values. */
export const createScenariosSlice: Slice<ScenariosSlice> = (set, get) => ({
  scenarios: [],
  selectedScenario: null,
  optionValues: {},
  target: '',
  rawText: '',
  setScenarios: (scenarios) => {
    const selected = get().selectedScenario;
    const keep = selected !== null && scenarios.some((s) => s.id === selected);
    set({ scenarios, selectedScenario: keep ? selected : (scenarios[0]?.id ?? null) });
  },
  selectScenario: (id) => set({ selectedScenario: id }),
  setOption: (scenario, key, value) =>
    set((state) => ({
      optionValues: { ...state.optionValues, [scenario]: { ...state.optionValues[scenario], [key]: value } },
    })),
  setTarget: (target) => set({ target }),
  setRawText: (rawText) => set({ rawText }),
});
