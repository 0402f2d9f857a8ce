import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_SCRIPT } from '../../../shared/scenarios-h2';
import { parseFrameScript } from './frame-script';

describe('frame scripts', () => {
  it('parses the default script', () => {
    const steps = parseFrameScript(DEFAULT_FRAME_SCRIPT);
    expect(steps.map((s) => (s.kind === 'wait' ? `WAIT ${s.ms}` : s.frame.type))).toEqual(['SETTINGS', 'HEADERS', 'WAIT 300', 'WINDOW_UPDATE', 'PING', 'WAIT 300', 'DATA', 'WAIT 300']);
  });

  it('reads every frame type with its fields', () => {
    const steps = parseFrameScript(
      [
        'SETTINGS INITIAL_WINDOW_SIZE=0 MAX_FRAME_SIZE=16384',
        'SETTINGS ACK',
        'HEADERS stream=3 END_STREAM PRIORITY dep=1 weight=32 exclusive :method=GET :path=/x?a=b x-note="two words"',
        'HEADERS stream=5 NO_END_HEADERS :method=GET',
        'CONTINUATION stream=5 END_HEADERS :path=/',
        'DATA stream=3 END_STREAM pad=4 "hello there"',
        'DATA stream=3 bytes=10',
        'PRIORITY stream=3 dep=0 weight=200',
        'RST_STREAM stream=3 REFUSED_STREAM',
        'PING ACK hex=0102030405060708',
        'GOAWAY ENHANCE_YOUR_CALM last=7 "slow down"',
        'WINDOW_UPDATE 1000',
        'WINDOW_UPDATE stream=3 2147483647',
        'PRIORITY_UPDATE stream=3 "u=1, i"',
      ].join('\n'),
    );
    const frames = steps.map((s) => (s.kind === 'frame' ? s.frame : null));
    expect(frames[0]).toEqual({ type: 'SETTINGS', ack: false, settings: [{ id: 4, value: 0 }, { id: 5, value: 16384 }] });
    expect(frames[1]).toEqual({ type: 'SETTINGS', ack: true, settings: [] });
    expect(frames[2]).toMatchObject({ type: 'HEADERS', streamId: 3, endStream: true, endHeaders: true, priority: { exclusive: true, dependency: 1, weight: 32 } });
    expect(steps[2]).toMatchObject({ headers: [[':method', 'GET'], [':path', '/x?a=b'], ['x-note', 'two words']] });
    expect(frames[3]).toMatchObject({ type: 'HEADERS', endHeaders: false });
    expect(frames[4]).toMatchObject({ type: 'CONTINUATION', streamId: 5, endHeaders: true });
    expect(frames[5]).toMatchObject({ type: 'DATA', streamId: 3, endStream: true, padLength: 4 });
    expect(Buffer.from((frames[5] as { data: Uint8Array }).data).toString()).toBe('hello there');
    expect((frames[6] as { data: Uint8Array }).data).toHaveLength(10);
    expect(frames[7]).toMatchObject({ type: 'PRIORITY', streamId: 3, dependency: 0, weight: 200 });
    expect(frames[8]).toEqual({ type: 'RST_STREAM', streamId: 3, errorCode: 7 });
    expect(frames[9]).toMatchObject({ type: 'PING', ack: true });
    expect(frames[10]).toMatchObject({ type: 'GOAWAY', lastStreamId: 7, errorCode: 0xb });
    expect(frames[11]).toEqual({ type: 'WINDOW_UPDATE', streamId: 0, increment: 1000 });
    expect(frames[12]).toEqual({ type: 'WINDOW_UPDATE', streamId: 3, increment: 2147483647 });
    expect(frames[13]).toEqual({ type: 'PRIORITY_UPDATE', prioritizedStreamId: 3, priorityFieldValue: 'u=1, i' });
  });

  it('names the line of a mistake', () => {
    expect(() => parseFrameScript('PING\nHEADERS :method=GET')).toThrow(/line 2: HEADERS needs stream=N/);
    expect(() => parseFrameScript('FROB stream=1')).toThrow(/line 1: unknown frame type "FROB"/);
    expect(() => parseFrameScript('RST_STREAM stream=1 BOGUS_CODE')).toThrow(/line 1: unknown error code/);
    expect(() => parseFrameScript('SETTINGS NOT_A_SETTING=1')).toThrow(/unknown setting/);
    expect(() => parseFrameScript('WINDOW_UPDATE stream=1 lots')).toThrow(/increment must be a whole number/);
    expect(() => parseFrameScript('PING hex=zz')).toThrow(/8 bytes/);
    expect(() => parseFrameScript('WAIT forever')).toThrow(/WAIT must be/);
  });
});
