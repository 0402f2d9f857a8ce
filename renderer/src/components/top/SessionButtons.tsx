/**
 * Save and Open: the session to and from a `.framescope` file.
 */
import { useState } from 'react';
import { getApi } from '../../api';
import { formatBytes } from '../../lib/format';
import { useStore } from '../../store';
import { reportError } from '../../store/bridge';

/** Save and Open buttons. */
export function SessionButtons() {
  const [busy, setBusy] = useState<'save' | 'open' | 'keys' | null>(null);
  const hasSession = useStore((s) => s.session !== null);
  const notify = useStore((s) => s.notify);

  const save = async () => {
    setBusy('save');
    try {
      const result = await getApi().saveSession();
      notify({
        kind: 'info',
        text: `Saved ${result.events} events to ${result.path ?? result.fileName} (${formatBytes(result.bytes)}).`,
      });
    } catch (error) {
      reportError('Could not save the session', error);
    } finally {
      setBusy(null);
    }
  };

  const saveKeys = async () => {
    setBusy('keys');
    try {
      const result = await getApi().saveKeylog();
      notify({
        kind: 'info',
        text:
          result.events === 0
            ? 'This session has no TLS key log (no TLS connection yet, or it was opened from a file).'
            : `Saved ${result.events} TLS secrets to ${result.path ?? result.fileName}: give it to Wireshark or tshark as the key log file.`,
      });
    } catch (error) {
      reportError('Could not save the key log', error);
    } finally {
      setBusy(null);
    }
  };

  const open = async () => {
    setBusy('open');
    try {
      const session = await getApi().openSession();
      notify({ kind: 'info', text: `Opened ${session.fileName ?? 'the session file'}.` });
    } catch (error) {
      reportError('Could not open the file', error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="session-buttons">
      <button type="button" onClick={save} disabled={!hasSession || busy !== null} data-testid="save-session">
        {busy === 'save' ? 'Saving…' : 'Save'}
      </button>
      <button
        type="button"
        onClick={saveKeys}
        disabled={!hasSession || busy !== null}
        title="Export the TLS key log (SSLKEYLOGFILE) so Wireshark or tshark can decrypt a capture of this session"
        data-testid="save-keylog"
      >
        {busy === 'keys' ? 'Saving…' : 'Keys'}
      </button>
      <button
        type="button"
        onClick={open}
        disabled={busy !== null}
        title="Open a .framescope session file"
        data-testid="open-session"
      >
        {busy === 'open' ? 'Opening…' : 'Open…'}
      </button>
    </div>
  );
}
