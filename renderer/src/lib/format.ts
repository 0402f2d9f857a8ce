/**
 * Small formatting helpers for the UI.
 */

/** Session time in ms with 3 decimals, e.g. "1003.215". */
export function formatTime(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? ms.toFixed(3) : '—';
}

/** A long pin shortened to its start and end, e.g. "q7Hb…Zx4=". */
export function shorten(text: string, head = 8, tail = 6): string {
  return text.length <= head + tail + 1 ? text : `${text.slice(0, head)}…${text.slice(-tail)}`;
}

/** An endpoint as "address:port" ([v6]:port for IPv6). */
export function formatEndpoint(e: { address?: unknown; port?: unknown } | null | undefined): string {
  if (!e) return '—';
  const address = String(e.address ?? '?');
  return `${address.includes(':') ? `[${address}]` : address}:${String(e.port ?? '?')}`;
}

/** A byte count in B / KiB / MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
