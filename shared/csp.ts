/**
 * The renderer's Content-Security-Policy: the same in the Electron window (response header) and the web host.
 */

/** Only the app's own scripts and styles; WebSocket back to the host; no objects, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
