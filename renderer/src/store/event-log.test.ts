import { describe, expect, it } from 'vitest';
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { EventLog } from './event-log';

function ev(seq: number): SessionEvent {
  return { seq, time: seq, conn: 1, vantage: 'client', name: 'app:note', data: { text: String(seq) } };
}

const conn = { id: 1, label: 'c1' } as unknown as ConnectionInfo;

describe('EventLog', () => {
  it('appends batches of the current session and counts them', () => {
    const log = new EventLog();
    log.reset('s1');
    expect(log.append('s1', [conn], [ev(0), ev(1)], 2)).toBe(true);
    expect(log.append('s1', [], [ev(2)], 3)).toBe(true);
    expect(log.events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(log.counts).toEqual({ received: 3, sent: 3 });
    expect(log.connections.get(1)).toBe(conn);
  });

  it('ignores batches of another session', () => {
    const log = new EventLog();
    log.reset('s1');
    expect(log.append('old', [], [ev(0)], 1)).toBe(false);
    expect(log.events).toHaveLength(0);
    expect(log.counts.received).toBe(0);
  });

  it('finds events by seq, even when seq does not start at 0', () => {
    const log = new EventLog();
    log.reset('s');
    log.append('s', [], [ev(5), ev(6), ev(9)], 3);
    expect(log.bySeq(9)?.seq).toBe(9);
    expect(log.indexOfSeq(6)).toBe(1);
    expect(log.indexOfSeq(7)).toBe(-1);
  });

  it('notifies listeners once for many changes', async () => {
    const log = new EventLog();
    let calls = 0;
    log.listen(() => calls++);
    log.reset('s');
    for (let i = 0; i < 100; i++) log.append('s', [], [ev(i)], i + 1);
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).toBe(1);
    expect(log.version).toBe(101);
  });
});
