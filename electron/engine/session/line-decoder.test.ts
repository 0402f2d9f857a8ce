import { describe, expect, it } from 'vitest';
import { SessionFormatError } from '../../../shared/session-validate';
import { SessionLineDecoder } from './line-decoder';
import { sampleEvents, sessionText } from './test-fixtures';

function decode(pieces: readonly string[], complete = true): { lines: unknown[]; warning: string | null; decoder: SessionLineDecoder } {
  const decoder = new SessionLineDecoder();
  const lines: unknown[] = [];
  for (const p of pieces) {
    decoder.push(p);
    lines.push(...decoder.take());
  }
  const warning = decoder.finish(complete);
  lines.push(...decoder.take());
  return { lines, warning, decoder };
}

describe('SessionLineDecoder', () => {
  const text = sessionText(sampleEvents(12));
  const expected = decode([text]).lines;

  it('gives the same records for every split of the text into two pieces', () => {
    expect(expected.length).toBe(14);
    for (let at = 0; at <= text.length; at++) {
      expect(decode([text.slice(0, at), text.slice(at)]).lines).toEqual(expected);
    }
  });

  it('gives the same records when fed one character at a time', () => {
    expect(decode([...text]).lines).toEqual(expected);
  });

  it('counts lines and events', () => {
    const { decoder, warning } = decode([text]);
    expect([decoder.lines, decoder.events, warning]).toEqual([15, 12, null]);
  });

  it('drops a cut last line of an incomplete stream, and keeps a whole one', () => {
    const cut = decode([text.slice(0, text.length - 10)], false);
    expect(cut.lines.length).toBe(13);
    expect(cut.warning).toBe('The file ends early: loaded 11 events up to line 14');
    const whole = decode([text.slice(0, text.length - 1)], false);
    expect(whole.lines.length).toBe(14);
    expect(whole.warning).toBe('The file ends early: loaded 12 events up to line 15');
  });

  it('throws on a cut last line of a complete stream', () => {
    expect(() => decode([text.slice(0, text.length - 10)], true)).toThrow(SessionFormatError);
  });

  it('refuses text that does not start like a header at once', () => {
    const decoder = new SessionLineDecoder();
    expect(() => decoder.push('PK\u0003\u0004')).toThrow(SessionFormatError);
  });
});
