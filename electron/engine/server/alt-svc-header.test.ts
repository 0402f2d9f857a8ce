/**
 * The embedded server advertises its HTTP/3 (RFC 7838 §3, RFC 9114 §3.1.1): h1 and h2 responses on the TLS port
 * carry alt-svc with the QUIC listener's UDP port; the cleartext port does not (no TLS, so no h3 for that origin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { H1ClientConnection } from '../client/h1-client';
import { H2ClientSession } from '../client/h2-client';
import { parseTarget } from '../client/target';
import { findH3, parseAltSvc } from '../client/alt-svc';
import { startTestEngine } from '../test-support/engine-fixture';

describe('alt-svc on the embedded server', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  const tls = () => parseTarget(`https://localhost:${engine.serverStatus().tlsPort}/`, { ca: engine.server.certificatePem() });
  const altSvc = (headers: readonly (readonly [string, string])[]): string[] => headers.filter(([n]) => n === 'alt-svc').map(([, v]) => v);

  it('h1 and h2 over TLS: alt-svc h3 on the QUIC port (the TLS port\'s number), once, beside the route\'s own fields', async () => {
    const { h3Port, tlsPort } = engine.serverStatus();
    expect(h3Port).toBe(tlsPort);
    const h1 = await H1ClientConnection.open(tls(), engine);
    const r1 = await h1.request({ method: 'GET', path: '/bytes?n=10' });
    await h1.close();
    expect(altSvc(r1.headers)).toEqual([`h3=":${h3Port}"; ma=86400`]);
    expect(r1.headers).toContainEqual(['content-length', '10']);
    const h2 = await H2ClientSession.open(tls(), engine);
    const r2 = await h2.request({ path: '/status/404' });
    await h2.close();
    expect(altSvc(r2.headers)).toEqual([`h3=":${h3Port}"; ma=86400`]);
    expect(r2.status).toBe(404);
    expect(findH3(parseAltSvc(altSvc(r2.headers)[0]!))).toMatchObject({ host: '', port: h3Port, maxAge: 86400 });
  });

  it('cleartext h1: no alt-svc', async () => {
    const h1 = await H1ClientConnection.open(parseTarget(`http://127.0.0.1:${engine.serverStatus().clearPort}/`), engine);
    const r = await h1.request({ method: 'GET', path: '/' });
    await h1.close();
    expect(altSvc(r.headers)).toEqual([]);
  });
});
