/**
 * The bytes and field spans of the inspected event. Events reach the renderer without them (shared/api.ts
 * WireEvent); the inspector asks the engine for the one it shows, and keeps the last few answers.
 */
import { useEffect, useState } from 'react';
import type { EventDetail } from '../../../shared/api';
import type { FieldSpan, SessionEvent } from '../../../shared/events';
import { getApi } from '../api';

const MAX_CACHED = 200;
const cache = new Map<string, EventDetail>();

/** What the inspector needs of an event's bytes: present, still coming, or none. */
export interface EventBytes {
  readonly raw?: string;
  readonly fields?: readonly FieldSpan[];
  readonly loading: boolean;
  readonly error?: string;
}

function remember(key: string, detail: EventDetail): void {
  cache.set(key, detail);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
}

/** The event's bytes: at once when it carries them, else fetched from the engine (null session: none). */
export function useEventBytes(event: SessionEvent, sessionId: string | null): EventBytes {
  const carried = event.raw !== undefined || event.fields !== undefined;
  const rawLength = (event as { rawLength?: unknown }).rawLength;
  const wanted = !carried && typeof rawLength === 'number' && sessionId !== null;
  const key = `${sessionId}:${event.seq}`;
  const [state, setState] = useState<EventBytes>(() => {
    if (carried) return { ...(event.raw !== undefined ? { raw: event.raw } : {}), ...(event.fields ? { fields: event.fields } : {}), loading: false };
    const hit = cache.get(key);
    if (hit) return { ...(hit.raw !== undefined ? { raw: hit.raw } : {}), ...(hit.fields ? { fields: hit.fields } : {}), loading: false };
    return { loading: wanted };
  });
  useEffect(() => {
    if (!wanted || !state.loading || sessionId === null) return;
    let live = true;
    getApi()
      .eventDetail(sessionId, event.seq)
      .then(
        (detail) => {
          remember(key, detail);
          if (live) setState({ ...(detail.raw !== undefined ? { raw: detail.raw } : {}), ...(detail.fields ? { fields: detail.fields } : {}), loading: false });
        },
        (error: unknown) => {
          if (live) setState({ loading: false, error: error instanceof Error ? error.message : String(error) });
        },
      );
    return () => {
      live = false;
    };
  }, [wanted, state.loading, sessionId, event.seq, key]);
  return state;
}
