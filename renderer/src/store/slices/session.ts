import { NO_FILTER } from '../../filter/event-filter';
import type { Slice, SessionSlice } from './types';

/** The session slice: header facts and the mirrored size of the event log. */
export const createSessionSlice: Slice<SessionSlice> = (set) => ({
  session: null,
  logVersion: 0,
  eventCount: 0,
  connectionCount: 0,
  setSession: (session) =>
    set({
      session,
      selectedSeq: null,
      selectedField: null,
      hoveredField: null,
      follow: true,
      replayNow: null,
      replayPlaying: false,
      filter: NO_FILTER,
      panelConn: null,
    }),
  syncLog: (logVersion, eventCount, connectionCount) => set({ logVersion, eventCount, connectionCount }),
});
