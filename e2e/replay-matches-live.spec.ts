/**
 * Issue #4, "a replayed file looks like the live run did at the same moment": run `chunked-response` live, take the
 * timeline canvas mid-run (two of three chunks arrived at both ends, the last event selected), save the session,
 * open the file, replay it to the same event and take the canvas again: the two images must be the same pixels.
 */
import type { Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { expect, openSessionFile, rows, test } from './app';

interface TimelineWindow {
  __framescopeTimeline?: { pointOf(seq: number): { x: number; y: number } | null };
}

interface ReplayWindow {
  __framescopeReplay?: { seek(ms: number): number | null; step(dir: 1 | -1): void; state(): { now: number | null; start: number; end: number } };
}

/** The few DOM types the page-side decoder uses (e2e code is typechecked without the DOM library). */
interface PixelData {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}
interface PageImage {
  src: string;
  readonly width: number;
  readonly height: number;
  decode(): Promise<void>;
}
interface PageGlobals {
  Image: new () => PageImage;
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): { drawImage(img: PageImage, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): PixelData } | null;
    };
  };
}

/**
 * Pixels that differ between two PNGs of one size inside the region left of `right` and above `bottom` (CSS px of
 * the screenshot), decoded in the page: how many, and the first one as [x, y].
 */
async function differingPixels(page: Page, a: Buffer, b: Buffer, right: number, bottom: number): Promise<{ count: number; first: number[] | null; size: string }> {
  return page.evaluate(
    async ([pa, pb, r, btm]) => {
      const g = globalThis as unknown as PageGlobals;
      const load = async (b64: string): Promise<PixelData> => {
        const img = new g.Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = g.document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = [await load(pa), await load(pb)];
      const size = `${x.width}×${x.height} vs ${y.width}×${y.height}`;
      if (x.width !== y.width || x.height !== y.height) return { count: -1, first: null, size };
      let count = 0;
      let first: number[] | null = null;
      for (let py = 0; py < Math.min(btm, x.height); py++) {
        for (let px = 0; px < Math.min(r, x.width); px++) {
          const i = (py * x.width + px) * 4;
          if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) {
            count++;
            first ??= [px, py];
          }
        }
      }
      return { count, first, size };
    },
    [a.toString('base64'), b.toString('base64'), right, bottom] as const,
  );
}

test('a replayed file looks like the live run did at the same moment', async ({ app: page }, testInfo) => {
  await page.getByTestId('lesson-chunked-response').click();
  await page.getByTestId('run-button').click();
  // mid-run: two chunks seen by both ends; the third leaves a second later
  await expect(rows(page, 'client', 'h1:chunk')).toHaveCount(2, { timeout: 10_000 });
  await expect(rows(page, 'server', 'h1:chunk')).toHaveCount(2);
  const shown = await page.getByTestId('event-row').count();
  await page.getByTestId('event-row').last().click();
  const selected = await page.getByTestId('event-row').last().getAttribute('data-seq');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', selected!);
  await page.mouse.move(2, 890);
  const live = await page.getByTestId('timeline-canvas').screenshot();
  // the moment is still the same one (no event arrived while the canvas was taken)
  expect(await page.getByTestId('event-row').count()).toBe(shown);

  await expect(page.getByTestId('run-state')).toContainText(/ok/i, { timeout: 20_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('save-session').click();
  const path = testInfo.outputPath('live.framescope');
  copyFileSync(await (await download).path(), path);

  await openSessionFile(page, path);
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await page.evaluate(() => {
    const hook = (globalThis as unknown as ReplayWindow).__framescopeReplay!;
    hook.seek(hook.state().start);
  });
  for (let i = 0; i < 200 && (await page.getByTestId('event-row').count()) < shown; i++) {
    await page.evaluate(() => (globalThis as unknown as ReplayWindow).__framescopeReplay!.step(1));
  }
  await expect(page.getByTestId('event-row')).toHaveCount(shown);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', selected!);
  await page.mouse.move(2, 890);
  const replayed = await page.getByTestId('timeline-canvas').screenshot();
  testInfo.attachments.push({ name: 'live.png', contentType: 'image/png', body: live }, { name: 'replayed.png', contentType: 'image/png', body: replayed });
  // replay adds its own chrome at and after the cursor (the cursor line, the not-yet-happened shade) and a band
  // along the bottom edge; everything before the cursor is what the live run showed
  const cursor = await page.evaluate((s) => (globalThis as unknown as TimelineWindow).__framescopeTimeline!.pointOf(Number(s))!.x, selected!);
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  expect(cursor).toBeGreaterThan(box.width * 0.8);
  const diff = await differingPixels(page, live, replayed, Math.floor(cursor) - 8, Math.floor(box.height) - 3);
  expect(diff, 'the replayed canvas is the live one, pixel for pixel, up to the cursor').toEqual({ count: 0, first: null, size: diff.size });
});
