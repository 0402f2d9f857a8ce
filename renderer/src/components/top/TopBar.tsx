/**
 * The top bar: app name, embedded server, run state, the server's HTTP/2 settings, session counts and source,
 * Save and Open.
 */
import { RunStatus } from './RunStatus';
import { ServerSettings } from './ServerSettings';
import { ServerStatusView } from './ServerStatusView';
import { SessionButtons } from './SessionButtons';
import { SessionSummary } from './SessionSummary';

/** The bar across the top of the window. */
export function TopBar() {
  return (
    <header className="topbar">
      <div className="brand">Framescope</div>
      <ServerStatusView />
      <RunStatus />
      <div className="topbar-spacer" />
      <ServerSettings />
      <SessionSummary />
      <SessionButtons />
    </header>
  );
}
