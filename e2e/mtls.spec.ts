/**
 * mTLS in the app: the server settings form turns client certificates on and off, and the mtls lesson shows the
 * CertificateRequest and the client's Certificate and CertificateVerify from both ends.
 */
import { expect, rows, test } from './app';

test('client certificates: the server form sets them; the mtls lesson shows CertificateRequest and the client certificate', async ({ app: page }) => {
  await page.getByTestId('server-settings-button').click();
  await expect(page.getByTestId('server-setting-clientAuth')).toHaveText('off');
  await expect(page.getByTestId('server-client-cert')).toContainText('client-cert.pem');
  await page.getByTestId('server-setting-input-clientAuth').selectOption('request');
  await page.getByTestId('server-settings-apply').click();
  await expect(page.getByTestId('server-settings-form')).toHaveCount(0);
  await page.getByTestId('server-settings-button').click();
  await expect(page.getByTestId('server-setting-clientAuth')).toHaveText('request');
  await page.getByTestId('server-setting-input-clientAuth').selectOption('off');
  await page.getByTestId('server-settings-apply').click();
  await expect(page.getByTestId('server-settings-form')).toHaveCount(0);

  await page.getByTestId('lesson-mtls').click();
  await page.getByTestId('run-button').click();
  await expect(rows(page, 'mtls ok in')).toHaveCount(1, { timeout: 20_000 });
  // the list is virtual: search for the messages rather than scroll to them
  const search = page.getByTestId('filter-text');
  await search.fill('certificate_request');
  await expect(rows(page, 'server', 'sent')).toHaveCount(1);
  await expect(rows(page, 'client', 'received')).toHaveCount(1);
  await search.fill('certificate_verify');
  await expect(rows(page, 'client', 'sent')).toHaveCount(1);
  await expect(rows(page, 'server', 'received')).toHaveCount(1);
  await search.fill('CN=Framescope test client');
  // the server's QUIC note and its tls:handshake_done over TCP
  await expect(rows(page, 'server')).toHaveCount(2);
});
