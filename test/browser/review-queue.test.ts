// The review page's queue in Chromium (playwright-core) against a local gateway holding email and
// WhatsApp messages: every recipient shown with outside ones marked and WhatsApp numbers masked;
// search, filters and orders; the CSV download; "sent before review" alerts listed and
// acknowledged. Screenshots go to test-output/ with the other views'.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { removeDataDirs } from '../local/gateway-harness.ts';
import { ADAMS, PRESS, RESIDENT_NUMBER, startQueue, stubWhatsAppEnv, type QueueHarness } from '../review/queue-harness.ts';
import { TOKEN } from '../review/review-harness.ts';
import { SAMPLE } from '../whatsapp/helpers.ts';
import { hasChromium, launchChromium, SCREENSHOTS as SHOTS } from './chromium.ts';

describe.skipIf(!hasChromium)('review queue in Chromium', () => {
  let harness: QueueHarness;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    stubWhatsAppEnv();
    harness = await startQueue();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page.on('request', (request) => requests.push(request.url()));
  }, 60_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    await browser?.close();
    await harness?.gateway.stop();
    await removeDataDirs();
  });

  const rows = () => page.locator('#queue-rows tr');
  const rowRefs = async (): Promise<string[]> => rows().locator('td:first-child').allTextContents();
  const show = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Show', exact: true }).first().click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Showing|^$/);
  };

  it('shows who each held message goes to, outside recipients marked, WhatsApp numbers by their last four digits', async () => {
    await page.goto(`${harness.base}/review/`);
    await page.getByLabel('Review token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => rows().count()).toBe(4);

    const nino = rows().filter({ hasText: harness.refs.nino });
    expect(await nino.locator('.recipients li').allTextContents()).toEqual(['editor@example.org outside', 'housing.options@rushcliffe.gov.uk']);
    const whatsapp = rows().filter({ hasText: harness.refs.whatsapp });
    expect(await whatsapp.locator('td').nth(3).textContent()).toBe(`${SAMPLE.toolingName}number id ${SAMPLE.phoneNumberId}`);
    expect(await whatsapp.locator('.recipients li').textContent()).toBe('•••• 0123 outside');
    expect(await page.locator('main').textContent()).not.toContain(RESIDENT_NUMBER);
    await page.screenshot({ path: join(SHOTS, 'review-queue-recipients.png'), fullPage: true });
  });

  it('finds a councillor, a recipient and a reference with the search box', async () => {
    await page.getByLabel('Search').fill('adams');
    await show();
    await expect.poll(rowRefs).toEqual([harness.refs.casework, harness.refs.marking]);
    expect(await page.locator('#status').textContent()).toBe('Showing held messages, newest first matching “adams”.');
    await page.screenshot({ path: join(SHOTS, 'review-queue-search.png'), fullPage: true });

    await page.getByLabel('Search').fill(PRESS);
    await show();
    await expect.poll(rowRefs).toEqual([harness.refs.marking]);

    await page.getByLabel('Search').fill(harness.refs.nino.toLowerCase());
    await show();
    await expect.poll(rowRefs).toEqual([harness.refs.nino]);
  });

  it('filters by rule, status, channel and recipient domain', async () => {
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Rule').fill('marking');
    await show();
    await expect.poll(rowRefs).toEqual([harness.refs.marking]);

    await page.getByLabel('Rule').fill('');
    await page.locator('#queue-view').getByLabel('Status').selectOption('all');
    await page.getByLabel('Channel').selectOption('email');
    await page.getByLabel('Recipient domain').fill('example.org');
    await show();
    await expect.poll(rowRefs).toEqual([harness.refs.nino, harness.refs.rejected]);
    expect(await rows().nth(1).locator('td').last().textContent()).toBe('Rejected');
  });

  it('sorts by councillor and by rule', async () => {
    await page.locator('#queue-view').getByLabel('Status').selectOption('held');
    await page.getByLabel('Channel').selectOption('');
    await page.getByLabel('Recipient domain').fill('');
    await page.getByLabel('Sort by').selectOption('councillor');
    await show();
    await expect.poll(() => rows().count()).toBe(4);
    expect(await rows().locator('td:nth-child(4)').allTextContents()).toEqual([
      `${SAMPLE.toolingName}number id ${SAMPLE.phoneNumberId}`,
      ADAMS,
      ADAMS,
      'cllr.jporter@rushcliffe.gov.uk',
    ]);
    expect(await page.locator('#queue-caption').textContent()).toBe('Held messages: held messages, by councillor');

    await page.getByLabel('Sort by').selectOption('rule');
    await show();
    await expect.poll(async () => (await rows().locator('td:nth-child(7)').allTextContents())[0]).toBe('casework');
    await page.screenshot({ path: join(SHOTS, 'review-queue-sorted.png'), fullPage: true });
  });

  it('downloads the filtered queue as CSV, without message content', async () => {
    await page.getByLabel('Sort by').selectOption('newest');
    await page.locator('#queue-view').getByLabel('Status').selectOption('all');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^held-messages-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"reference","held at","status","channel","councillor","recipients","outside recipients","recipient domains","rules","decided by","decided at"');
    expect(lines).toHaveLength(6);
    expect(csv).toContain('"•••• 0123"');
    for (const content of ['Clarke', 'Budget', 'JG 10 37 85 A', 'portal', RESIDENT_NUMBER]) expect(csv).not.toContain(content);
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Downloaded held-messages-/);
  });

  it('lists the sent-before-review alert and acknowledges it with a note', async () => {
    await page.getByRole('link', { name: 'Sent before review' }).click();
    await expect.poll(() => page.locator('#alert-rows tr').count()).toBe(1);
    const alert = page.locator('#alert-rows tr').first();
    expect(await alert.locator('td').first().textContent()).toBe(harness.alert);
    expect(await alert.locator('td').nth(2).textContent()).toBe('+441159819911');
    expect(await alert.locator('.recipients li').textContent()).toBe('•••• 0123 outside');
    expect(await page.locator('#alert-counts').textContent()).toBe('Open: 1Acknowledged: 0');
    await page.screenshot({ path: join(SHOTS, 'review-alerts.png'), fullPage: true });

    await alert.getByRole('button', { name: `Acknowledge ${harness.alert}` }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Write what was done before acknowledging.');
    await alert.getByLabel('What was done (required)').fill('Councillor reminded to send through the gateway.');
    await alert.getByRole('button', { name: `Acknowledge ${harness.alert}` }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe(`Alert ${harness.alert} acknowledged.`);
    expect(await page.locator('#alerts-empty').isVisible()).toBe(true);

    await page.locator('#alerts-view').getByLabel('Status').selectOption('all');
    await page.locator('#alerts-view').getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.locator('#alert-rows tr').count()).toBe(1);
    expect(await page.locator('#alert-rows tr td').last().textContent()).toContain('Acknowledged by administrator');
    expect(await page.locator('#alert-counts').textContent()).toBe('Open: 0Acknowledged: 1');
  });

  it('made no request outside the gateway', () => {
    const origin = new URL(harness.base).origin;
    expect(requests.filter((url) => !url.startsWith('blob:') && new URL(url).origin !== origin)).toEqual([]);
  });
});
