/**
 * curl (OpenSSL, TLS 1.3) with a client certificate against the embedded server requiring one (mTLS on the TLS
 * port): with the certificate the server's test CA issued it gets its page, and the server's tls:handshake_done names
 * the certificate and says it verified; without one the server refuses with the certificate_required alert (116).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TlsHandshakeData } from '../../../shared/events';
import type { Engine } from '../engine';
import { startTestEngine, waitForEvent } from '../test-support/engine-fixture';
import { hasCommand, runCommand } from '../test-support/peers';

describe.skipIf(!hasCommand('curl'))('curl with a client certificate against the embedded server (mTLS)', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
    engine.setServerSettings({ clientAuth: 'require', clientCertTrust: 'test-ca' });
  });
  afterAll(async () => cleanup());

  it('gets the page with --cert/--key; the server names the certificate and verified it', async () => {
    const status = engine.serverStatus();
    expect(status.clientAuth).toEqual({ mode: 'require', trust: 'test-ca' });
    const r = await runCommand('curl', ['-sS', '--http2', '--cacert', status.certPath, '--cert', status.clientCertPath!, '--key', status.clientKeyPath!, `https://localhost:${status.tlsPort}/status/201`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('status 201\n');
    const done = await waitForEvent(engine, (e) => e.name === 'tls:handshake_done' && e.vantage === 'server');
    expect(done.data).toMatchObject({ alpn: 'h2', peerCertificate: 'CN=Framescope test client' } satisfies Partial<TlsHandshakeData>);
    expect((done.data as TlsHandshakeData).verification).toMatch(/^verified: chain to CN=Framescope test CA/);
  });

  it('is refused without a certificate: the certificate_required alert', async () => {
    const status = engine.serverStatus();
    const r = await runCommand('curl', ['-sS', '--http2', '--cacert', status.certPath, `https://localhost:${status.tlsPort}/`]);
    expect(r.code).not.toBe(0);
    // curl usually reads the alert ("tlsv13 alert certificate required", exit 56); when the server's close wins the
    // race it reports the dead socket instead (exit 55), so the server's own account is what the test relies on
    expect(r.stderr).toMatch(/certificate required|getpeername|SSL_read|SSL_write/i);
    const failed = await waitForEvent(engine, (e) => e.name === 'app:error' && e.vantage === 'server' && /did not return a certificate/.test((e.data as { message: string }).message));
    expect(failed).toBeDefined();
  });
});
