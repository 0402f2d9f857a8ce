/**
 * The QPACK panel over a recorded HTTP/3 session (e2e/fixtures/qpack.framescope, made by
 * scripts/record-qpack-fixture.ts: headless Chromium fetching ten resources over h3 from the embedded server, whose
 * view was recorded). Selecting an event shows both directions' dynamic tables at that moment: Chromium's inserts
 * as the server's decoder mirrored them (with evictions), the server's encoder table with its acknowledgments,
 * and the last encoder and decoder stream instructions; a screenshot of the panel after the last request.
 * Baselines: `npx playwright test e2e/qpack.spec.ts --update-snapshots` after a renderer build; look at the PNG.
 */
import type { Page } from '@playwright/test';
import { expect, fixture, openSessionFile, test } from './app';

const EVENTS = 467;

/** Whole-window screenshot options: the live server status and run state masked (see h2.spec.ts). */
function stable(page: Page) {
  return { mask: [page.getByTestId('server-status'), page.getByTestId('run-state')], maskColor: '#d9dde3' };
}

async function open(page: Page): Promise<void> {
  await openSessionFile(page, fixture('qpack.framescope'));
  await expect(page.getByTestId('event-count')).toContainText(`${EVENTS} events`);
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
}

/** Selects the first event row matching a search, then clears the search (the selection stays). */
async function select(page: Page, text: string): Promise<void> {
  await page.getByTestId('filter-text').fill(text);
  const row = page.getByTestId('event-row').first();
  const seq = (await row.getAttribute('data-seq'))!;
  await row.click();
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', seq);
}

test('the QPACK tab follows the moment: the tables grow with each request, evictions and acknowledgments show', async ({ app: page }) => {
  await open(page);
  await select(page, 'GET /bytes?n=100 ');
  await expect(page.getByTestId('side-tab-hpack')).toHaveText('QPACK tables');
  const requests = page.getByTestId('qpack-requests');
  // Chromium's first inserts, as the server's decoder received them: :path of this request among the fresh ones
  await expect(requests.locator('[data-testid="qpack-entry"][data-fresh="true"]').filter({ hasText: '/bytes?n=100' })).toHaveCount(1);
  const inserts = async () => Number(/Insert Count (\d+)/.exec((await requests.getByTestId('qpack-counts').textContent()) ?? '')?.[1]);
  const early = await inserts();
  await expect(requests.getByTestId('qpack-evicted')).toHaveCount(0);
  await expect(requests.getByTestId('qpack-requests-decoder-stream')).toContainText('Section Acknowledgment');

  await select(page, 'GET /bytes?n=1000');
  await expect(requests.locator('[data-testid="qpack-entry"][data-fresh="true"]').filter({ hasText: '/bytes?n=1000' })).toHaveCount(1);
  expect(await inserts()).toBeGreaterThan(early);
  // the long x-request-id values filled the 4 KiB table: older ones were evicted to make room
  await expect(requests.getByTestId('qpack-evicted')).toContainText('x-request-id');
  // the server's own encoder: its inserts are acknowledged by Chromium's decoder
  const responses = page.getByTestId('qpack-responses');
  await expect(responses.getByTestId('qpack-counts')).toContainText('Known Received Count');
  await expect(responses.getByTestId('qpack-entry').filter({ hasText: 'content-length' }).first()).toBeVisible();
  await expect(responses.getByTestId('qpack-responses-encoder-stream')).toContainText('Insert With Name Reference');
});

test('screenshot: QPACK tables at the last response, Chromium inserting and evicting, the server referencing its new entry', async ({ app: page }) => {
  await open(page);
  await select(page, 'HEADERS stream 44: 200');
  // the server's encoder just inserted content-length 1000 for this response: not acknowledged yet, referenced once
  const fresh = page.getByTestId('qpack-responses').locator('[data-testid="qpack-entry"][data-fresh="true"]');
  await expect(fresh).toContainText('1000');
  await expect(fresh).toContainText('unacked');
  await expect(fresh).toContainText('1 ref');
  await expect(page.getByTestId('qpack-panel')).toBeVisible();
  // give the panels most of the right column: drag the splitter under the inspector up
  const handle = (await page.getByTestId('inspector-splitter').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2, 170, { steps: 4 });
  await page.mouse.up();
  await page.mouse.move(2, 890);
  await expect(page).toHaveScreenshot('qpack-tables.png', stable(page));
  // the responses below it: the server's encoder table, all but the new entry acknowledged by Chromium's decoder
  await expect(page.getByTestId('qpack-responses')).toHaveScreenshot('qpack-responses.png');
});
