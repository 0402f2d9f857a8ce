/**
 * The options of a lesson as form fields, built from `ScenarioInfo.options` (number, string, boolean, text).
 */
import type { OptionValue, ScenarioInfo, ScenarioOption } from '../../../../shared/scenario-types';
import { useStore } from '../../store';

interface Props {
  readonly scenario: ScenarioInfo;
}

/** One field per option, holding values in the store by scenario. */
export function OptionsForm({ scenario }: Props) {
  const values = useStore((s) => s.optionValues[scenario.id]);
  const setOption = useStore((s) => s.setOption);
  if (scenario.options.length === 0) return null;
  return (
    <fieldset className="options" data-testid="options-form">
      <legend>Options</legend>
      {scenario.options.map((option) => (
        <OptionField
          key={option.key}
          option={option}
          value={values?.[option.key] ?? option.default}
          onChange={(v) => setOption(scenario.id, option.key, v)}
        />
      ))}
    </fieldset>
  );
}

interface FieldProps {
  readonly option: ScenarioOption;
  readonly value: OptionValue;
  readonly onChange: (value: OptionValue) => void;
}

function OptionField({ option, value, onChange }: FieldProps) {
  const testId = `option-${option.key}`;
  const help = option.help ? <span className="field-help">{option.help}</span> : null;
  switch (option.type) {
    case 'boolean':
      return (
        <label className="field check">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
          <span className="field-label">{option.label}</span>
          {help}
        </label>
      );
    case 'number':
      return (
        <label className="field">
          <span className="field-label">{option.label}</span>
          <input
            type="number"
            value={typeof value === 'number' && Number.isFinite(value) ? value : String(value)}
            min={option.min}
            max={option.max}
            onChange={(e) => onChange(e.target.value === '' ? option.default : e.target.valueAsNumber)}
            data-testid={testId}
          />
          {help}
        </label>
      );
    case 'text':
      return (
        <label className="field">
          <span className="field-label">{option.label}</span>
          <textarea value={String(value)} rows={4} spellCheck={false} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
          {help}
        </label>
      );
    case 'string':
    default:
      return (
        <label className="field">
          <span className="field-label">{option.label}</span>
          <input type="text" value={String(value)} spellCheck={false} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
          {help}
        </label>
      );
  }
}

/** The options to send for a run: each option's value, or its default. */
export function optionsFor(scenario: ScenarioInfo, values: Readonly<Record<string, OptionValue>> | undefined): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const option of scenario.options) {
    let v = values?.[option.key] ?? option.default;
    if (option.type === 'number') {
      const n = typeof v === 'number' ? v : Number(v);
      v = Number.isFinite(n) ? clamp(n, option.min, option.max) : option.default;
    }
    out[option.key] = v;
  }
  return out;
}

function clamp(n: number, min?: number, max?: number): number {
  if (min !== undefined && n < min) return min;
  if (max !== undefined && n > max) return max;
  return n;
}
