import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/events';
import { blockedSpans, buildFlowSeries, windowAt } from './flow-series';
import { hpackTablesAt, sameEntries } from './hpack-tables';
import { buildStreamStates } from './stream-spans';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
let seq = 0;
const ev = (e: Partial<SessionEvent> & { name: string; time: number }): SessionEvent => ({ seq: seq++, conn: 1, vantage: 'client', data: {}, ...e }) as SessionEvent;

describe('buildFlowSeries', () => {
  const events = [
    ev({ name: 'h2:flow_window', time: 10, data: { scope: 'connection', side: 'receive', window: 61439, delta: -4096, cause: 'received DATA' } }),
    ev({ name: 'h2:flow_window', time: 11, stream: 1, data: { scope: 'stream', side: 'receive', window: 0, delta: -4096, cause: 'received DATA' } }),
    ev({ name: 'h2:flow_window', time: 600, stream: 1, data: { scope: 'stream', side: 'receive', window: 4096, delta: 4096, cause: 'sent WINDOW_UPDATE' } }),
    ev({ name: 'h2:flow_window', time: 601, stream: 1, data: { scope: 'stream', side: 'receive', window: 0, delta: -4096, cause: 'received DATA' } }),
    ev({ name: 'h2:flow_window', time: 5, conn: 2, data: { scope: 'connection', side: 'send', window: 1, delta: -1 } }),
  ];
  const series = buildFlowSeries(events, all(events.length), events.length, 1);
  it('makes one step series per window, connection first, starting from the window before the first change', () => {
    expect(series.map((s) => s.key)).toEqual(['client/receive/0', 'client/receive/1']);
    expect(series[1]!.times).toEqual([11, 11, 600, 601]);
    expect(series[1]!.windows).toEqual([4096, 0, 4096, 0]);
    expect(series[0]!.max).toBe(65535);
  });
  it('marks WINDOW_UPDATEs and blocked stretches', () => {
    expect(series[1]!.updates).toEqual([{ time: 600, delta: 4096 }]);
    expect(blockedSpans(series[1]!, 900)).toEqual([
      { from: 11, to: 600 },
      { from: 601, to: 900 },
    ]);
    expect(blockedSpans(series[0]!, 900)).toEqual([]);
  });
  it('reads the window at a time', () => {
    expect(windowAt(series[1]!, 5)).toBe(4096);
    expect(windowAt(series[1]!, 300)).toBe(0);
    expect(windowAt(series[1]!, 600)).toBe(4096);
  });
});

describe('buildStreamStates', () => {
  const events = [
    ev({ name: 'h2:stream_state', time: 20, stream: 1, data: { from: 'idle', to: 'open', cause: 'sent HEADERS' } }),
    ev({ name: 'h2:stream_state', time: 21, stream: 1, data: { from: 'open', to: 'half_closed_local', cause: 'sent END_STREAM' } }),
    ev({ name: 'h2:stream_state', time: 22, stream: 3, data: { from: 'idle', to: 'open', cause: 'sent HEADERS' } }),
    ev({ name: 'h2:stream_state', time: 90, stream: 1, data: { from: 'half_closed_local', to: 'closed', cause: 'received END_STREAM' } }),
  ];
  it('turns changes into spans from idle to the end', () => {
    const s = buildStreamStates(events, all(4), 4, 1, 0, 100);
    expect(s.map((x) => x.stream)).toEqual([1, 3]);
    expect(s[0]!.spans.map((x) => [x.state, x.from, x.to])).toEqual([
      ['idle', 0, 20],
      ['open', 20, 21],
      ['half_closed_local', 21, 90],
      ['closed', 90, 100],
    ]);
    expect(s[1]!.spans.at(-1)).toMatchObject({ state: 'open', from: 22, to: 100, cause: 'sent HEADERS' });
  });
});

describe('hpackTablesAt', () => {
  const table = (value: string) => ({ entries: [{ index: 62, name: ':path', value, size: 32 + 5 + value.length }], size: 42, maxSize: 4096, inserted: [], evicted: [] });
  const events = [
    ev({ name: 'hpack:table_updated', time: 1, dir: 'sent', stream: 1, data: table('/a') }),
    ev({ name: 'hpack:table_updated', time: 2, vantage: 'server', dir: 'received', stream: 1, data: table('/a') }),
    ev({ name: 'hpack:table_updated', time: 3, dir: 'sent', stream: 3, data: table('/b') }),
  ];
  it('takes the latest table of each end before the moment', () => {
    const [req, res] = hpackTablesAt(events, all(3), 3, 1, 1);
    expect(req!.encoder?.data.entries[0]!.value).toBe('/a');
    expect(req!.decoder).toBeNull();
    expect(res!.encoder).toBeNull();
    const [later] = hpackTablesAt(events, all(3), 3, 1, 2);
    expect(later!.decoder?.seq).toBe(events[1]!.seq);
    expect(sameEntries(later!.encoder?.data, later!.decoder?.data)).toBe(true);
    const [last] = hpackTablesAt(events, all(3), 3, 1, 10);
    expect(sameEntries(last!.encoder?.data, last!.decoder?.data)).toBe(false);
  });
});
