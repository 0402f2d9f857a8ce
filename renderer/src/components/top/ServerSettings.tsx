/**
 * The embedded server's HTTP/2 settings: a button in the top bar showing the current values, opening a small
 * form that calls `setServerSettings(patch)` with the fields the person changed. Errors become notices. The same
 * form asks the server for client certificates (mTLS) on its TLS port and QUIC.
 */
import { useState, type FormEvent } from 'react';
import type { ClientAuthSetting, ServerSettingsPatch } from '../../../../shared/api';
import { getApi } from '../../api';
import { useStore } from '../../store';
import { reportError } from '../../store/bridge';

type NumberKey = 'initialWindowSize' | 'maxFrameSize' | 'maxConcurrentStreams' | 'headerTableSize';

const FIELDS: readonly { key: NumberKey; label: string; hint: string; fallback: string }[] = [
  { key: 'initialWindowSize', label: 'Initial window', hint: 'SETTINGS_INITIAL_WINDOW_SIZE: bytes a stream may receive before WINDOW_UPDATE (0 – 2³¹−1)', fallback: '65535' },
  { key: 'maxFrameSize', label: 'Max frame size', hint: 'SETTINGS_MAX_FRAME_SIZE: largest frame payload (16384 – 16777215)', fallback: '16384' },
  { key: 'maxConcurrentStreams', label: 'Max concurrent streams', hint: 'SETTINGS_MAX_CONCURRENT_STREAMS: streams a client may open at once', fallback: 'unlimited' },
  { key: 'headerTableSize', label: 'Header table size', hint: 'SETTINGS_HEADER_TABLE_SIZE: the HPACK dynamic table size for the server’s decoder', fallback: '4096' },
];

/** The "h2 settings" button and its popover form. */
export function ServerSettings() {
  const server = useStore((s) => s.server);
  const notify = useStore((s) => s.notify);
  const setServer = useStore((s) => s.setServer);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [push, setPush] = useState<boolean | null>(null);
  const [clientAuth, setClientAuth] = useState<ClientAuthSetting['mode'] | null>(null);
  const [busy, setBusy] = useState(false);
  if (!server?.running) return null;
  const current = server.h2Settings ?? {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch: { -readonly [K in keyof ServerSettingsPatch]: ServerSettingsPatch[K] } = {};
    for (const f of FIELDS) {
      const text = (draft[f.key] ?? '').trim();
      if (text === '') continue;
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0) {
        notify({ kind: 'error', text: `${f.label}: "${text}" is not a whole number.` });
        return;
      }
      patch[f.key] = value;
    }
    if (push !== null) patch.enablePush = push;
    if (clientAuth !== null) patch.clientAuth = clientAuth;
    if (Object.keys(patch).length === 0) {
      setOpen(false);
      return;
    }
    setBusy(true);
    try {
      const status = await getApi().setServerSettings(patch);
      setServer(status);
      setDraft({});
      setPush(null);
      setClientAuth(null);
      setOpen(false);
      notify({ kind: 'info', text: 'Server HTTP/2 settings changed: new connections announce them, open ones get a SETTINGS frame.' });
    } catch (error) {
      reportError('Could not change the server settings', error);
    } finally {
      setBusy(false);
    }
  };

  const summary = `window ${current.initialWindowSize ?? 65535} · frame ${current.maxFrameSize ?? 16384}`;
  return (
    <div className="server-settings">
      <button
        type="button"
        className="small"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        title={`The embedded server's HTTP/2 settings: ${summary}`}
        data-testid="server-settings-button"
      >
        h2 settings
      </button>
      {open && (
        <form className="settings-popover" onSubmit={(e) => void submit(e)} data-testid="server-settings-form" aria-label="Server HTTP/2 settings">
          <h3>Embedded server · HTTP/2 settings</h3>
          <p className="muted">Current values on the left; type a new one to change it.</p>
          {FIELDS.map((f) => (
            <label key={f.key} title={f.hint}>
              <span className="k">{f.label}</span>
              <span className="cur" data-testid={`server-setting-${f.key}`}>
                {current[f.key] ?? f.fallback}
              </span>
              <input
                inputMode="numeric"
                value={draft[f.key] ?? ''}
                placeholder="new value"
                onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
                data-testid={`server-setting-input-${f.key}`}
              />
            </label>
          ))}
          <label title="SETTINGS_ENABLE_PUSH as the server sees it: whether it pushes when the client allows it">
            <span className="k">Server push</span>
            <span className="cur" data-testid="server-setting-enablePush">
              {current.enablePush === undefined ? 'on' : current.enablePush ? 'on' : 'off'}
            </span>
            <select value={push === null ? '' : push ? 'on' : 'off'} onChange={(e) => setPush(e.target.value === '' ? null : e.target.value === 'on')} data-testid="server-setting-input-enablePush">
              <option value="">unchanged</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </label>
          <label title="Whether the TLS port and QUIC send a CertificateRequest (RFC 8446 §4.3.2) and refuse clients without a certificate the app's test CA issued (certificate_required)">
            <span className="k">Client certificates</span>
            <span className="cur" data-testid="server-setting-clientAuth">
              {server.clientAuth?.mode ?? 'off'}
            </span>
            <select value={clientAuth ?? ''} onChange={(e) => setClientAuth(e.target.value === '' ? null : (e.target.value as ClientAuthSetting['mode']))} data-testid="server-setting-input-clientAuth">
              <option value="">unchanged</option>
              <option value="off">off</option>
              <option value="request">request</option>
              <option value="require">require</option>
            </select>
          </label>
          {server.clientCertPath && (
            <p className="muted" data-testid="server-client-cert">
              A client certificate its test CA issued: {server.clientCertPath} (key beside it)
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={busy} data-testid="server-settings-apply">
              {busy ? 'Applying…' : 'Apply'}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
