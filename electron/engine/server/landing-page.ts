/**
 * The small page the embedded server serves at `/`.
 */

/** HTML of the landing page: what this server is and which routes it has. */
export function landingPage(): string {
  const routes = [
    ['/chunk?n=3&ms=1000', 'n chunks, ms apart (chunked transfer coding)'],
    ['/echo', 'POST: each request chunk comes back as it arrives (full duplex)'],
    ['/upload', 'POST: reads the body, reports its size'],
    ['/slow?ms=2000', 'answers after a delay'],
    ['/bytes?n=65536', 'a body of n bytes'],
    ['/status/404', 'any status code'],
    ['/many?n=6', 'a page with n resources'],
  ];
  const rows = routes.map(([path, what]) => `<li><code>${path}</code> — ${what}</li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Framescope embedded server</title></head>
<body><h1>Framescope embedded server</h1><p>Routes:</p><ul>${rows}</ul></body></html>\n`;
}
