/**
 * Counts and source of the session in the top bar: "N events · M connections", live or which file.
 */
import { useStore } from '../../store';

/** Session counts and source. */
export function SessionSummary() {
  const events = useStore((s) => s.eventCount);
  const connections = useStore((s) => s.connectionCount);
  const session = useStore((s) => s.session);
  const source = !session ? null : session.source === 'file' ? (session.fileName ?? 'file') : 'live';
  return (
    <div className="session-summary" data-testid="session-info">
      <span data-testid="event-count">
        {events} {events === 1 ? 'event' : 'events'} · {connections} {connections === 1 ? 'connection' : 'connections'}
      </span>
      {source && (
        <span
          className={`source ${session?.source === 'file' ? 'file' : 'live'}`}
          data-testid="session-source"
          title={session ? `${session.source === 'file' ? `${source}\n` : ''}Started ${session.startedAt}` : undefined}
        >
          {session?.source === 'file' ? `file: ${source}` : source}
        </span>
      )}
    </div>
  );
}
