/**
 * The replay bar under the timeline: previous / play-pause / next, the speed, a scrub bar over the session's
 * time and the cursor's time. Shown for opened files and finished runs; while a run records, it says so.
 * Keys (outside form fields): Space plays or pauses, "," and "." step to the previous and next event.
 */
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { REPLAY_SPEEDS, replayLabel } from '../../replay/clock';
import { exitReplay, pause, play, replayRange, seek, step } from '../../replay/actions';

/** Replay controls. */
export function ReplayBar() {
  useStore((s) => s.logVersion);
  const now = useStore((s) => s.replayNow);
  const playing = useStore((s) => s.replayPlaying);
  const speed = useStore((s) => s.replaySpeed);
  const setSpeed = useStore((s) => s.setReplaySpeed);
  const running = useStore((s) => s.run.running);
  const hasEvents = eventLog.columns.length > 0;
  const { start, end } = replayRange();
  const disabled = running || !hasEvents;
  const cursor = now ?? end;
  return (
    <div className={`replay-bar${now !== null ? ' on' : ''}`} data-testid="replay-bar" data-now={now ?? ''} role="group" aria-label="Replay">
      <button type="button" className="small icon" onClick={() => step(-1)} disabled={disabled} title="Previous event (,)" aria-label="Previous event" data-testid="replay-prev">
        ◀ prev
      </button>
      {playing ? (
        <button type="button" className="small icon play" onClick={pause} title="Pause (Space)" aria-label="Pause" data-testid="replay-pause">
          ❚❚ pause
        </button>
      ) : (
        <button type="button" className="small icon play" onClick={play} disabled={disabled} title="Replay the session (Space)" aria-label="Play" data-testid="replay-play">
          ▶ replay
        </button>
      )}
      <button type="button" className="small icon" onClick={() => step(1)} disabled={disabled} title="Next event (.)" aria-label="Next event" data-testid="replay-next">
        next ▶
      </button>
      <select
        className="replay-speed"
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
        aria-label="Replay speed"
        title="Replay speed: 1× is the session's own pace"
        data-testid="replay-speed"
      >
        {REPLAY_SPEEDS.map((v) => (
          <option key={v} value={v}>
            {v}×
          </option>
        ))}
      </select>
      <input
        type="range"
        className="replay-scrub"
        min={start}
        max={end}
        step="any"
        value={cursor}
        disabled={disabled}
        onChange={(e) => {
          pause();
          seek(Number(e.target.value));
        }}
        aria-label="Replay position"
        data-testid="replay-scrub"
      />
      <span className="replay-time" data-testid="replay-time">
        {running ? 'recording…' : hasEvents ? (now === null ? `all · ${replayLabel(end, end).split(' / ')[1]}` : replayLabel(cursor, end)) : '—'}
      </span>
      {now !== null && (
        <button type="button" className="small" onClick={exitReplay} title="Leave replay and show the whole session" data-testid="replay-exit">
          Show all
        </button>
      )}
    </div>
  );
}
