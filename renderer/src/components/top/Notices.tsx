/**
 * The lines under the top bar: a truncated-file warning and the latest notice (error or info). Info notices
 * clear themselves after a few seconds.
 */
import { useEffect } from 'react';
import { useStore } from '../../store';

const INFO_MS = 8000;

/** Warning banner and notice line. */
export function Notices() {
  const warning = useStore((s) => s.session?.warning);
  const notice = useStore((s) => s.notice);
  const notify = useStore((s) => s.notify);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    // Information fades after a while; errors stay until dismissed.
    const timer = setTimeout(() => {
      if (useStore.getState().notice === notice) notify(null);
    }, INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, notify]);
  if (!warning && !notice) return null;
  return (
    <div className="notices">
      {warning && (
        <div className="banner warning" role="status" data-testid="session-warning">
          <strong>This file was damaged or truncated:</strong> {warning}
        </div>
      )}
      {notice && (
        <div className={`banner ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span>{notice.text}</span>
          <button type="button" className="small" onClick={() => notify(null)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
