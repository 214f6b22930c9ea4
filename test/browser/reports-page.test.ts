// The reports page in Chromium against a local gateway with real traffic in it (sent through the
// SMTP door, reviewed through the API): an officer signed in on the review page opens Reports and
// sees the numbers as Chart.js charts (canvases named and described as images) and as tables, under
// the page's Content-Security-Policy. A screenshot goes to test-output/ for the README.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDirs } from '../local/gateway-harness.ts';
import { seed, SENDER } from '../report/seeded-gateway.ts';
import { TOKEN, type ReviewHarness } from '../review/review-harness.ts';
import { hasChromium, launchChromium, SCREENSHOTS } from './chromium.ts';

describe.skipIf(!hasChromium)('reports page in Chromium', () => {
  let harness: ReviewHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    harness = await seed();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A script error or a Content-Security-Policy refusal shows up here.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    // Every file the pages load exists (the browser's own favicon request aside).
    page.on('response', (response) => {
      if (response.status() === 404 && !response.url().endsWith('/favicon.ico')) problems.push(`404 ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.gateway.stop();
    await removeDataDirs();
  });

  /** Values of the bars of one Chart.js chart, dataset by dataset, in drawing order. */
  const barValues = (canvas: string) =>
    page.evaluate((id) => {
      const chart = (globalThis as unknown as { Chart: { getChart(id: string): { data: { datasets: Array<{ data: number[] }> } } | undefined } }).Chart.getChart(id);
      return chart ? chart.data.datasets.flatMap((d) => d.data) : [];
    }, canvas);
  /** Drawn heights (or widths) of the bars, as Chart.js laid them out. */
  const barSizes = (canvas: string, horizontal: boolean) =>
    page.evaluate(
      ([id, across]) => {
        type Bar = { height: number; width: number };
        const chart = (globalThis as unknown as { Chart: { getChart(id: string): { data: { datasets: unknown[] }; getDatasetMeta(i: number): { data: Bar[] } } | undefined } }).Chart.getChart(id as string)!;
        return chart.data.datasets.flatMap((_d, i) => chart.getDatasetMeta(i).data.map((bar) => (across ? bar.width : bar.height)));
      },
      [canvas, horizontal] as const,
    );

  it('asks for sign-in on the review page when opened without it', async () => {
    await page.goto(`${harness.base}/review/reports.html`);
    await expect.poll(() => page.locator('#signin-needed').isVisible()).toBe(true);
    expect(await page.locator('#report').isVisible()).toBe(false);
  });

  it('opens from the review page once signed in, with the totals', async () => {
    await page.goto(`${harness.base}/review/`);
    await page.getByLabel('Review token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#queue-rows tr').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Reports' }).click();
    await expect.poll(() => page.locator('#report').isVisible()).toBe(true);
    const totals = await page.locator('#totals').evaluate((dl) => [...dl.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`));
    expect(totals).toEqual(['Scanned: 9', 'Held: 6', 'Passed: 3', 'Overridden: 1', 'Released: 3', 'Rejected: 2', 'Waiting for review: 1']);
  });

  it('draws the weekly charts with Chart.js as labelled images, one bar per series, in proportion', async () => {
    const messages = page.getByRole('img', { name: 'Messages scanned, held and passed per week' });
    expect(await messages.count()).toBe(1);
    expect(await messages.getAttribute('aria-describedby')).toBe('chart-messages-canvas-desc');
    expect(await page.locator('#chart-messages-canvas-desc').textContent()).toMatch(/^Messages scanned, held and passed per week\. Week of \d{1,2} \w{3}: 9 scanned, 6 held, 3 passed\.$/);
    expect(await barValues('chart-messages-canvas')).toEqual([9, 6, 3]);
    expect(await barValues('chart-outcomes-canvas')).toEqual([1, 3, 2]);
    // Heights in proportion: 6 held is two thirds of 9 scanned.
    const heights = await barSizes('chart-messages-canvas', false);
    expect(heights[1]! / heights[0]!).toBeCloseTo(6 / 9, 1);
    expect(await page.locator('#legend-messages li').allTextContents()).toEqual(['Scanned', 'Held', 'Passed']);
  });

  it('draws holds and the release-after-review rate per rule, with the same numbers in a table', async () => {
    expect(await barValues('chart-holds-canvas')).toEqual([3, 2, 1]);
    const widths = await barSizes('chart-holds-canvas', true);
    expect(widths[2]! / widths[0]!).toBeCloseTo(1 / 3, 1);
    const rates = await barValues('chart-release-rate-canvas');
    expect(rates.map((r) => Math.round(r * 1000) / 1000)).toEqual([0.667, 0, 1]);
    expect(await page.locator('#chart-release-rate-canvas-desc').textContent()).toContain('strong-identifier: 67%');
    const rows = await page.locator('#rules-rows tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toEqual([
      ['strong-identifier', '3', '2', '1', '0', '67%', '1'],
      ['casework', '2', '0', '1', '1', '0%', '0'],
      ['marking', '1', '1', '0', '0', '100%', '0'],
    ]);
    expect(await page.locator('#time-summary').textContent()).toMatch(/^5 reviewed\. Half were decided within (a minute|\d+ minutes)/);
    expect(await page.locator('#time-waiting').textContent()).toMatch(/^1 waiting for review/);
  });

  it('shows no sender, runs without script or policy errors, and is saved as a screenshot', async () => {
    expect(await page.locator('body').textContent()).not.toContain(SENDER);
    expect(problems).toEqual([]);
    await page.locator('details summary').first().click();
    await page.screenshot({ path: join(SCREENSHOTS, 'review-reports.png'), fullPage: true });
  });
});
