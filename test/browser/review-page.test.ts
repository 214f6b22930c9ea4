// The review page in a real browser (the system Chromium, driven by playwright-core) against the
// local gateway: an officer signs in, finds a held message in the queue, reads why it was held,
// releases one and rejects another; message content with markup shows as text and runs nothing.
// Screenshots of each view go to test-output/ (not committed) for the README.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NINO_TEXT, outbox, removeDataDirs, SENDER } from '../local/gateway-harness.ts';
import { EXTERNAL, heldRaw, startReview, TOKEN, type ReviewHarness } from '../review/review-harness.ts';
import { hasChromium, launchChromium, SCREENSHOTS as SHOTS } from './chromium.ts';

const HOSTILE_TEXT = [
  'Please pass this on.',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  NINO_TEXT,
].join('\n');

/** The decision notice (not the hold's bounce, which is 'auto-replied') about this reference. */
const isNoticeAbout = (raw: Buffer, reference: string): boolean =>
  raw.toString().includes(`X-Gateway-Hold-Reference: ${reference}`) && raw.toString().includes('Auto-Submitted: auto-generated');

describe.skipIf(!hasChromium)('review page in Chromium', () => {
  let harness: ReviewHarness;
  let browser: Browser;
  let page: Page;
  let plain: string;
  let hostile: string;
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    harness = await startReview();
    plain = await harness.hold({ subject: 'Claim for Mrs Clarke', text: NINO_TEXT });
    hostile = await harness.hold({ subject: 'Update <img src=x onerror="window.__pwned=1">', text: HOSTILE_TEXT });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.gateway.stop();
    await removeDataDirs();
  });

  const status = () => page.locator('#status');

  it('asks for the token, then shows the held messages in the queue, newest first', async () => {
    await page.goto(`${harness.base}/review/`);
    await expect.poll(() => page.locator('#signin-view').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'review-signin.png') });
    await page.getByLabel('Review token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const rows = page.locator('#queue-rows tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator('a').textContent()).toBe(hostile);
    expect(await rows.nth(1).textContent()).toContain('Claim for Mrs Clarke');
    expect(await page.locator('#counts').textContent()).toContain('Held: 2');
    await page.screenshot({ path: join(SHOTS, 'review-queue.png') });
  });

  it('opens a message from the keyboard and shows why it was held, with the value masked', async () => {
    await page.locator('#queue-rows a', { hasText: plain }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#detail-heading').textContent()).toBe(`Held message ${plain}`);
    expect(await page.locator('#detail-summary').textContent()).toBe('Held because it was addressed outside the council and contains a National Insurance number.');
    expect(await page.locator('#findings-rows').textContent()).toContain('JG •• •• •• A');
    expect(await page.locator('#message-parts mark.finding').first().textContent()).toBe('JG •• •• •• A');
    expect(await page.locator('main').textContent()).not.toContain('JG 10 37 85 A');
    // Who would receive it, in full and marked as outside the council, not only the domain.
    expect(await page.locator('#detail-facts ul.recipients li').first().textContent()).toBe(`${EXTERNAL} outside`);
    await page.screenshot({ path: join(SHOTS, 'review-detail.png'), fullPage: true });
  });

  it('will not release without a note', async () => {
    await page.getByRole('button', { name: 'Release and send' }).click();
    await expect.poll(() => status().textContent()).toBe('Write a note before releasing.');
    expect(await page.locator('#release-note').getAttribute('aria-invalid')).toBe('true');
    expect((await outbox(harness.dataDir)).filter((m) => m.envelope.from === SENDER)).toHaveLength(0);
  });

  it('releases the message: the original goes to the outbox', async () => {
    await page.getByLabel('Note for the record (required)').fill('Resident asked for this to go to the editor.');
    await page.getByRole('button', { name: 'Release and send' }).click();
    await expect.poll(() => status().textContent()).toContain('Released and sent.');
    expect(await page.locator('#decided').textContent()).toContain('Released by administrator');
    const released = (await outbox(harness.dataDir)).filter((m) => m.envelope.from === SENDER);
    expect(released).toHaveLength(1);
    expect(released[0]!.envelope.to).toEqual([EXTERNAL]);
    expect(released[0]!.raw.equals(await heldRaw(harness.dataDir, plain))).toBe(true);
  });

  it('shows markup in a message as text and runs none of it', async () => {
    await page.goto(`${harness.base}/review/#/held/${hostile}`);
    await expect.poll(() => page.locator('#detail-heading').textContent()).toBe(`Held message ${hostile}`);
    const body = page.locator('#message-parts .part-body pre');
    expect(await body.textContent()).toContain('<script>window.__pwned = "script"</script>');
    expect(await body.textContent()).toContain('<img src="x" onerror=');
    expect(await page.locator('#detail-facts').textContent()).toContain('Update <img src=x onerror="window.__pwned=1">');
    expect(await page.locator('#main img, #main script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'review-markup-as-text.png'), fullPage: true });
  });

  it('rejects with a reason, which is sent to the councillor', async () => {
    const reason = 'Please send the National Insurance number through the secure portal.';
    await page.getByLabel('Reason, sent to the councillor (required)').fill(reason);
    await page.getByRole('button', { name: 'Reject and tell the councillor' }).click();
    await expect.poll(() => status().textContent()).toContain('Rejected.');
    const notices = (await outbox(harness.dataDir)).filter((m) => isNoticeAbout(m.raw, hostile));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.raw.toString().replace(/=\r?\n/g, '')).toContain('secure portal');
    expect((await outbox(harness.dataDir)).filter((m) => m.envelope.from === SENDER)).toHaveLength(1);
  });

  it('made no request outside the gateway', () => {
    const origin = new URL(harness.base).origin;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });
});
