/**
 * The embedded server's status in the top bar: host, ports, ALPN and the certificate pin.
 */
import { useStore } from '../../store';
import { shorten } from '../../lib/format';
import { CopyButton } from './CopyButton';

/** Server status, or why there is none. */
export function ServerStatusView() {
  const server = useStore((s) => s.server);
  const transport = useStore((s) => s.transport);
  if (transport !== 'open') {
    return (
      <div
        className="status server-status bad"
        data-testid="server-status"
        data-state="disconnected"
        title="The link to the Framescope engine is down; it reconnects on its own."
      >
        <span className="dot" aria-hidden="true" />
        {transport === 'connecting' ? 'Connecting…' : 'Disconnected — reconnecting…'}
      </div>
    );
  }
  if (!server) {
    return (
      <div className="status server-status" data-testid="server-status" data-state="unknown">
        Server: …
      </div>
    );
  }
  if (!server.running) {
    return (
      <div className="status server-status bad" data-testid="server-status" data-state="stopped" title={server.error}>
        <span className="dot" aria-hidden="true" />
        Server stopped{server.error ? `: ${server.error}` : ''}
      </div>
    );
  }
  const alpn = Array.isArray(server.alpn) ? server.alpn.join(', ') : '';
  return (
    <div className="status server-status ok" data-testid="server-status" data-state="running">
      <span className="dot" aria-hidden="true" />
      <span className="status-label">Server</span>
      <span className="fact" title="Host">{server.host}</span>
      <span className="fact" title="TLS port (h1, h2 by ALPN)">
        TLS <b>:{server.tlsPort}</b>
      </span>
      <span className="fact" title="Cleartext port">
        clear <b>:{server.clearPort}</b>
      </span>
      {alpn && (
        <span className="fact" title="ALPN protocols offered on the TLS port, in preference order">
          ALPN <b>{alpn}</b>
        </span>
      )}
      {server.certPin && (
        <span className="fact pin" title={`Certificate SHA-256 SPKI pin:\n${server.certPin}${server.certPath ? `\n${server.certPath}` : ''}`}>
          pin <code data-testid="cert-pin">{shorten(server.certPin)}</code>
          <CopyButton text={server.certPin} testId="copy-pin" />
        </span>
      )}
    </div>
  );
}
