import { describe, expect, it } from 'vitest';
import type { ScenarioInfo } from '../../../../shared/scenario-types';
import { toCrlf } from './RawConsole';
import { optionsFor } from './OptionsForm';

const scenario: ScenarioInfo = {
  id: 'x',
  title: 'X',
  protocol: 'h1',
  summary: '',
  explanation: '',
  references: [],
  options: [
    { key: 'n', label: 'N', type: 'number', default: 3, min: 1, max: 10 },
    { key: 'tls', label: 'TLS', type: 'boolean', default: true },
    { key: 'text', label: 'Text', type: 'text', default: 'a' },
  ],
};

describe('optionsFor', () => {
  it('fills defaults and clamps numbers', () => {
    expect(optionsFor(scenario, undefined)).toEqual({ n: 3, tls: true, text: 'a' });
    expect(optionsFor(scenario, { n: 99, tls: false })).toEqual({ n: 10, tls: false, text: 'a' });
    expect(optionsFor(scenario, { n: Number.NaN })).toEqual({ n: 3, tls: true, text: 'a' });
  });
});

describe('toCrlf', () => {
  it('turns every line end into CRLF', () => {
    expect(toCrlf('GET / HTTP/1.1\nHost: x\r\n')).toBe('GET / HTTP/1.1\r\nHost: x\r\n');
  });
});
