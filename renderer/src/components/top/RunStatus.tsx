/**
 * The run state in the top bar: idle, running a lesson, or how the last run ended.
 */
import { useStore } from '../../store';

/** Idle / running X / last result. */
export function RunStatus() {
  const run = useStore((s) => s.run);
  const title = useStore((s) => s.scenarios.find((x) => x.id === run.scenario)?.title ?? run.scenario);
  if (run.running) {
    return (
      <div className="status run-status running" data-testid="run-state" data-state="running" title={`Running ${title ?? ''}`}>
        <span className="dot" aria-hidden="true" />
        <span className="run-text">
          Running <b>{title}</b>
        </span>
      </div>
    );
  }
  const last = run.lastResult;
  if (!last) {
    return (
      <div className="status run-status" data-testid="run-state" data-state="idle">
        Idle
      </div>
    );
  }
  const text = last.ok ? `Last run ok${title ? ` · ${title}` : ''}` : `Last run failed: ${last.error ?? 'unknown error'}`;
  return (
    <div className={`status run-status ${last.ok ? 'ok' : 'bad'}`} data-testid="run-state" data-state={last.ok ? 'ok' : 'error'} title={text}>
      <span className="dot" aria-hidden="true" />
      <span className="run-text">{text}</span>
    </div>
  );
}
