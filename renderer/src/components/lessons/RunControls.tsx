/**
 * Run and Stop for the selected lesson.
 */
import { useState } from 'react';
import type { ScenarioInfo } from '../../../../shared/scenario-types';
import { getApi } from '../../api';
import { useStore } from '../../store';
import { reportError } from '../../store/bridge';
import { RUN_FORM_ID } from './LessonDetail';
import { optionsFor } from './OptionsForm';

interface Props {
  readonly scenario: ScenarioInfo;
}

/** Run and Stop buttons. */
export function RunControls({ scenario }: Props) {
  const running = useStore((s) => s.run.running);
  const [pending, setPending] = useState<'run' | 'stop' | null>(null);

  const run = async () => {
    const state = useStore.getState();
    const target = state.target.trim();
    state.notify(null);
    setPending('run');
    try {
      await getApi().run({
        scenario: scenario.id,
        options: optionsFor(scenario, state.optionValues[scenario.id]),
        ...(target ? { target } : {}),
      });
    } catch (error) {
      reportError(`Could not run “${scenario.title}”`, error);
    } finally {
      setPending(null);
    }
  };

  const stop = async () => {
    setPending('stop');
    try {
      await getApi().stop();
    } catch (error) {
      reportError('Could not stop', error);
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="run-controls run-bar">
      <button type="submit" form={RUN_FORM_ID} className="primary" onClick={run} disabled={running || pending !== null} data-testid="run-button">
        {pending === 'run' ? 'Starting…' : 'Run'}
      </button>
      <button type="button" onClick={stop} disabled={!running || pending !== null} data-testid="stop-button">
        {pending === 'stop' ? 'Stopping…' : 'Stop'}
      </button>
    </div>
  );
}
