/**
 * Where Framescope keeps its files (certificate, saved sessions) when a host does not say: $FRAMESCOPE_DATA,
 * else the platform's per-user config folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The default data folder for hosts outside Electron (Electron passes app.getPath('userData')). */
export function defaultDataDir(): string {
  if (process.env['FRAMESCOPE_DATA']) return process.env['FRAMESCOPE_DATA'];
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Framescope');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Framescope');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'framescope');
}
