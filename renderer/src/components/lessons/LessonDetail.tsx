/**
 * The selected lesson: explanation, RFC references, options, target, Run and Stop (and raw mode's console).
 */
import { useStore } from '../../store';
import { OptionsForm } from './OptionsForm';
import { RawConsole } from './RawConsole';

/** The id of the lesson that gets a console for typing raw request bytes. */
export const RAW_SCENARIO = 'raw-request';

/** The id of the run form; the Run button (in the panel's sticky footer) submits it. */
export const RUN_FORM_ID = 'run-form';

/** Detail of the selected lesson. */
export function LessonDetail() {
  const scenario = useStore((s) => s.scenarios.find((x) => x.id === s.selectedScenario) ?? null);
  const target = useStore((s) => s.target);
  const setTarget = useStore((s) => s.setTarget);
  if (!scenario) return null;
  return (
    <section className="lesson-detail" data-testid="lesson-detail" aria-label={scenario.title}>
      <h3>{scenario.title}</h3>
      <p className="explanation">{scenario.explanation}</p>
      {scenario.references.length > 0 && (
        <ul className="references" data-testid="lesson-references">
          {scenario.references.map((r) => (
            <li key={r.url + r.label}>
              <a href={r.url} target="_blank" rel="noreferrer noopener">
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form
        id={RUN_FORM_ID}
        className="run-form"
        onSubmit={(e) => {
          // Enter in a field runs the lesson: the Run button handles the click this submission makes.
          e.preventDefault();
        }}
      >
        <OptionsForm scenario={scenario} />
        <label className="field">
          <span className="field-label">Target</span>
          <input
            type="text"
            value={target}
            placeholder="embedded server"
            spellCheck={false}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="target-input"
          />
          <span className="field-help">A URL such as https://example.org/ — leave empty for the embedded server.</span>
        </label>
      </form>
      {scenario.id === RAW_SCENARIO && <RawConsole />}
    </section>
  );
}
