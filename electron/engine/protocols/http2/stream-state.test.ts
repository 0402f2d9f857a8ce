import { describe, expect, it } from 'vitest';
import { H2Error } from './errors';
import { checkReceive, isActive, StreamState as S, transition } from './stream-state';

describe('stream states (RFC 9113 §5.1)', () => {
  it('follows the diagram for a request/response', () => {
    let s = transition(S.Idle, 'send_headers')!;
    expect(s).toBe(S.Open);
    s = transition(s, 'send_end_stream')!;
    expect(s).toBe(S.HalfClosedLocal);
    s = transition(s, 'recv_headers')!;
    expect(s).toBe(S.HalfClosedLocal);
    s = transition(s, 'recv_end_stream')!;
    expect(s).toBe(S.Closed);
  });

  it('goes through reserved states for pushes', () => {
    expect(transition(S.Idle, 'recv_push_promise')).toBe(S.ReservedRemote);
    expect(transition(S.ReservedRemote, 'recv_headers')).toBe(S.HalfClosedLocal);
    expect(transition(S.Idle, 'send_push_promise')).toBe(S.ReservedLocal);
    expect(transition(S.ReservedLocal, 'send_headers')).toBe(S.HalfClosedRemote);
    expect(transition(S.ReservedRemote, 'send_rst')).toBe(S.Closed);
    expect(transition(S.ReservedLocal, 'recv_headers')).toBeNull();
  });

  it('closes on RST_STREAM from any non-idle state, and refuses illegal moves', () => {
    for (const s of [S.Open, S.HalfClosedLocal, S.HalfClosedRemote, S.ReservedLocal, S.ReservedRemote, S.Closed]) {
      expect(transition(s, 'recv_rst')).toBe(S.Closed);
      expect(transition(s, 'send_rst')).toBe(S.Closed);
    }
    expect(transition(S.Idle, 'send_rst')).toBeNull();
    expect(transition(S.HalfClosedLocal, 'send_end_stream')).toBeNull();
    expect(transition(S.HalfClosedRemote, 'recv_end_stream')).toBeNull();
    expect(transition(S.Closed, 'send_headers')).toBeNull();
  });

  it('gives the right error for frames that may not arrive', () => {
    const err = (v: ReturnType<typeof checkReceive>): [string, string] => {
      expect(v).toBeInstanceOf(H2Error);
      return [(v as H2Error).codeName, (v as H2Error).scope];
    };
    expect(err(checkReceive(S.HalfClosedRemote, 'DATA', 1))).toEqual(['STREAM_CLOSED', 'stream']);
    expect(checkReceive(S.HalfClosedRemote, 'WINDOW_UPDATE', 1)).toBe('process');
    expect(err(checkReceive(S.Idle, 'DATA', 1))).toEqual(['PROTOCOL_ERROR', 'connection']);
    expect(checkReceive(S.Idle, 'PRIORITY', 1)).toBe('process');
    expect(err(checkReceive(S.ReservedRemote, 'DATA', 2))).toEqual(['PROTOCOL_ERROR', 'connection']);
    expect(checkReceive(S.ReservedRemote, 'HEADERS', 2)).toBe('process');
    expect(err(checkReceive(S.ReservedLocal, 'HEADERS', 2))).toEqual(['PROTOCOL_ERROR', 'connection']);
    expect(checkReceive(S.Closed, 'DATA', 1, 'send_rst')).toBe('ignore');
    expect(err(checkReceive(S.Closed, 'DATA', 1, 'recv_rst'))).toEqual(['STREAM_CLOSED', 'stream']);
    expect(err(checkReceive(S.Closed, 'HEADERS', 1, 'end_stream'))).toEqual(['STREAM_CLOSED', 'connection']);
    expect(checkReceive(S.Closed, 'WINDOW_UPDATE', 1, 'end_stream')).toBe('ignore');
    expect(checkReceive(S.Closed, 'PRIORITY', 1, 'recv_rst')).toBe('process');
  });

  it('counts open and half-closed streams as active (§5.1.2)', () => {
    expect([S.Idle, S.ReservedLocal, S.ReservedRemote, S.Open, S.HalfClosedLocal, S.HalfClosedRemote, S.Closed].filter(isActive)).toEqual([
      S.Open,
      S.HalfClosedLocal,
      S.HalfClosedRemote,
    ]);
  });
});
