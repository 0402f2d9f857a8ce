import type { ServerSlice, Slice } from './types';

/** The server slice: the embedded server's status and the state of the link to the engine. */
export const createServerSlice: Slice<ServerSlice> = (set) => ({
  server: null,
  transport: 'connecting',
  setServer: (server) => set({ server }),
  setTransport: (transport) => set({ transport }),
});
