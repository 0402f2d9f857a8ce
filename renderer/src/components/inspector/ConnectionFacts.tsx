/**
 * The facts of an event's connection: protocol, transport, TLS version, cipher, ALPN, endpoints, times.
 */
import type { ConnectionInfo } from '../../../../shared/events';
import { formatEndpoint, formatTime } from '../../lib/format';

interface Props {
  readonly connection: ConnectionInfo | undefined;
  readonly id: number;
}

/** A definition list of the connection's facts. */
export function ConnectionFacts({ connection: c, id }: Props) {
  if (!id) return <p className="muted">Session-level event: not on a connection.</p>;
  if (!c) return <p className="muted">Connection #{id}: no details recorded.</p>;
  const facts: [string, string][] = [
    ['protocol', `${c.protocol} over ${c.transport}${c.tls ? ' + TLS' : ''}`],
    ['client', formatEndpoint(c.client)],
    ['server', formatEndpoint(c.server)],
  ];
  if (c.tls) {
    facts.push(['TLS', c.tlsVersion ?? '—']);
    facts.push(['cipher', c.cipher ?? '—']);
    facts.push(['ALPN', c.alpn === null ? 'none agreed' : (c.alpn ?? '—')]);
    if (c.serverName) facts.push(['SNI', c.serverName]);
  }
  facts.push(['seen from', Array.isArray(c.vantages) ? c.vantages.join(' + ') : '—']);
  facts.push(['opened', `${formatTime(c.openedAt)} ms`]);
  if (c.closedAt !== undefined) facts.push(['closed', `${formatTime(c.closedAt)} ms`]);
  return (
    <div data-testid="connection-facts">
      <div className="conn-label">{c.label || `Connection #${c.id}`}</div>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k} className="fact-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
