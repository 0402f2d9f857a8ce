import { describe, expect, it } from 'vitest';
import { H2UsageError } from './errors';
import { MAX_WINDOW, ReceiveWindow, SendWindow, type WindowId } from './flow-control';

describe('flow control (RFC 9113 §5.2, §6.9)', () => {
  it('tracks a send window, reporting each change', () => {
    const seen: Array<[WindowId['scope'], number, number]> = [];
    const w = new SendWindow(1, 10, (id, window, delta) => seen.push([id.scope, window, delta]));
    w.consume(4);
    expect(w.available).toBe(6);
    expect(() => w.consume(7)).toThrow(H2UsageError);
    expect(w.increase(5)).toBeNull();
    expect(seen).toEqual([
      ['stream', 6, -4],
      ['stream', 11, 5],
    ]);
  });

  it('lets SETTINGS_INITIAL_WINDOW_SIZE make a send window negative (§6.9.2)', () => {
    const w = new SendWindow(3, 100);
    w.consume(80);
    expect(w.adjust(-50)).toBeNull();
    expect(w.window).toBe(-30);
    expect(w.available).toBe(0);
    expect(w.increase(40)).toBeNull();
    expect(w.available).toBe(10);
  });

  it('fails on overflow past 2^31-1, stream or connection scoped', () => {
    const s = new SendWindow(5, MAX_WINDOW - 1);
    const e = s.increase(2)!;
    expect([e.codeName, e.scope, e.streamId]).toEqual(['FLOW_CONTROL_ERROR', 'stream', 5]);
    const c = new SendWindow(0, MAX_WINDOW);
    expect(c.increase(1)!.scope).toBe('connection');
    const a = s.adjust(10)!;
    expect([a.codeName, a.scope]).toEqual(['FLOW_CONTROL_ERROR', 'connection']);
  });

  it('fails when the peer sends beyond our receive window', () => {
    const r = new ReceiveWindow(1, 10, 'manual');
    expect(r.consume(10)).toBeNull();
    const e = r.consume(1)!;
    expect([e.codeName, e.scope]).toEqual(['FLOW_CONTROL_ERROR', 'stream']);
    expect(new ReceiveWindow(0, 5, 'manual').consume(6)!.scope).toBe('connection');
  });

  it('applies the WINDOW_UPDATE policies', () => {
    const imm = new ReceiveWindow(1, 100, 'immediate');
    imm.consume(10);
    expect(imm.pendingUpdate()).toBe(10);
    imm.grow(10);
    expect(imm.pendingUpdate()).toBe(0);

    const half = new ReceiveWindow(1, 100, 'half');
    half.consume(49);
    expect(half.pendingUpdate()).toBe(0);
    half.consume(1);
    expect(half.pendingUpdate()).toBe(50);

    const manual = new ReceiveWindow(1, 100, 'manual');
    manual.consume(100);
    expect(manual.pendingUpdate()).toBe(0);
    manual.grow(30);
    expect(manual.window).toBe(30);
  });
});
