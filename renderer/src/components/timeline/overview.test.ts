import { describe, expect, it } from 'vitest';
import { EventColumns, FLAG_SERVER } from '../../store/event-columns';
import type { SessionEvent } from '../../../../shared/events';
import { density, viewCenteredAt, viewSpan } from './overview';

const ev = (seq: number, time: number, vantage: 'client' | 'server'): SessionEvent => ({ seq, time, conn: 1, vantage, name: 'h1:chunk', data: {} }) as SessionEvent;

describe('overview strip', () => {
  it('bins every event into its pixel column, client and server apart', () => {
    const c = new EventColumns();
    c.append([ev(0, 0, 'client'), ev(1, 50, 'server'), ev(2, 99, 'client'), ev(3, 100, 'client')]);
    const d = density(c, 10, FLAG_SERVER);
    expect(d.t0).toBe(0);
    expect(d.t1).toBe(100);
    expect([...d.client]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect([...d.server]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(d.max).toBe(2);
  });
  it('handles an empty session and finds the view span', () => {
    const d = density(new EventColumns(), 0, FLAG_SERVER);
    expect(d.client.length).toBe(1);
    expect(viewSpan({ t0: 10, msPerPx: 2 }, 100)).toEqual({ start: 10, end: 210 });
    expect(viewCenteredAt({ t0: 10, msPerPx: 2 }, 100, 500)).toEqual({ t0: 400, msPerPx: 2 });
  });
});
