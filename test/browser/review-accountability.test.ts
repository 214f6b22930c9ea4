// Accountability on the review page in a real browser (the system Chromium, playwright-core)
// against the local gateway: officers sign in by name from a reviewers file, every action shows in
// the item's audit trail under their name and is recorded in decisions.jsonl, the administrator's
// token still works, and a message the councillor overrode shows as overridden and cannot be
// released. Screenshots go to test-output/ for the README.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../lib/local/smtp-users.ts';
import { EXTERNAL, newDataDir, NINO_TEXT, outbox, removeDataDirs, send } from '../local/gateway-harness.ts';
import { startReview, TOKEN, type ReviewHarness } from '../review/review-harness.ts';
import { hasChromium, launchChromium, SCREENSHOTS as SHOTS } from './chromium.ts';

const OFFICER = 'a.khan';
const PASSWORD = 'a long passphrase for the test';
/** scrypt's lowest accepted cost, so the test does not wait on the hash. */
const TEST_LN = 10;
const OVERRIDE_REASON = 'she asked me to send her own NI number to her solicitor';

describe.skipIf(!hasChromium)('named reviewers, audit trail and override resolution in Chromium', () => {
  let harness: ReviewHarness;
  let browser: Browser;
  let page: Page;
  let released: string;
  let overridden: string;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    const usersFile = join(await newDataDir(), 'reviewers');
    await writeFile(usersFile, `# IG officers\n${OFFICER}:${await hashPassword(PASSWORD, TEST_LN)}\nb.osei:${await hashPassword('another long passphrase', TEST_LN)}\n`);
    harness = await startReview({}, { reviewUsersFile: usersFile });
    released = await harness.hold({ subject: 'Claim for Mrs Clarke', text: NINO_TEXT });
    overridden = await harness.hold({ subject: 'Claim update', text: NINO_TEXT });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.gateway.stop();
    await removeDataDirs();
  });

  const status = () => page.locator('#status');
  const trail = () => page.locator('#trail-events li');

  async function signIn(name: string, secret: string): Promise<void> {
    await expect.poll(() => page.locator('#signin-view').isVisible()).toBe(true);
    await page.getByLabel('Your name, as in the reviewers file').fill(name);
    await page.getByLabel('Your token or password').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('asks for a name and refuses a wrong password without saying which part was wrong', async () => {
    await page.goto(`${harness.base}/review/`);
    await signIn(OFFICER, 'not the password at all');
    await expect.poll(() => status().textContent()).toBe('That name and token or password do not match a reviewer.');
    await signIn('nobody', PASSWORD);
    await expect.poll(() => status().textContent()).toBe('That name and token or password do not match a reviewer.');
    await page.screenshot({ path: join(SHOTS, 'review-signin-named.png') });
  });

  it('signs the officer in by name and says whose actions these are', async () => {
    await signIn(OFFICER, PASSWORD);
    await expect.poll(() => page.locator('#signed-in-as').textContent()).toBe(`Signed in as ${OFFICER}`);
    await expect.poll(() => page.locator('#queue-rows tr').count()).toBe(2);
  });

  it('records "show in full" and the release under the officer’s name, in the trail and in decisions.jsonl', async () => {
    await page.goto(`${harness.base}/review/#/held/${released}`);
    await expect.poll(() => page.locator('#detail-heading').textContent()).toBe(`Held message ${released}`);
    expect(await trail().allTextContents()).toEqual([expect.stringContaining('Held for review (strong-identifier) — by the gateway')]);

    await page.getByRole('button', { name: 'Show finding 1 in full (recorded)' }).click();
    await expect.poll(() => status().textContent()).toContain('This has been recorded.');
    await page.getByLabel('Note for the record (required)').fill('The resident asked for this to go to the editor.');
    await page.getByRole('button', { name: 'Release and send' }).click();
    await expect.poll(() => status().textContent()).toContain('Released and sent.');

    const events = await trail().allTextContents();
    expect(events).toHaveLength(3);
    expect(events[1]).toContain(`Showed finding 1 (a National Insurance number) in full — by ${OFFICER}`);
    expect(events[2]).toContain(`Released: the message was sent to its recipients — by ${OFFICER}`);
    expect(events[2]).toContain('The resident asked for this to go to the editor.');
    expect(await page.locator('#decided').textContent()).toContain(`Released by ${OFFICER}`);
    await page.screenshot({ path: join(SHOTS, 'review-audit-trail.png'), fullPage: true });

    const lines = (await readFile(join(harness.dataDir, 'decisions.jsonl'), 'utf8')).trim().split('\n');
    const reviews = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.kind === 'review');
    expect(reviews.map((r) => [r.holdReference, r.action, r.by])).toEqual([
      [released, 'shown-in-full', OFFICER],
      [released, 'released', OFFICER],
    ]);
    // Neither the value shown nor the officer's note is in the log.
    expect(lines.join('\n')).not.toMatch(/JG ?10 ?37 ?85 ?A|editor\./);
  });

  it('still takes the administrator’s review token, recorded as the administrator', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => status().textContent()).toBe('Signed out.');
    // The administrator leaves the name empty.
    await page.getByLabel('Your name, as in the reviewers file').fill('');
    await page.getByLabel('Your token or password').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#signed-in-as').textContent()).toBe('Signed in as administrator');
  });

  it('shows a message the councillor overrode as resolved, with the reason, and offers no release', async () => {
    await send(harness.gateway.smtpPort, { subject: `[override: ${OVERRIDE_REASON}] Claim update`, text: NINO_TEXT });
    await page.goto(`${harness.base}/review/#/held/${overridden}`);
    await expect.poll(() => page.locator('#detail-facts').textContent()).toContain('Overridden by the councillor');
    expect(await page.locator('#decided').textContent()).toContain(`Their reason: ${OVERRIDE_REASON}`);
    expect(await page.locator('#decide-forms').isVisible()).toBe(false);
    const events = await trail().allTextContents();
    expect(events.at(-1)).toContain('sent the message again with an override tag');
    expect(events.at(-1)).toContain(OVERRIDE_REASON);
    await page.screenshot({ path: join(SHOTS, 'review-overridden.png'), fullPage: true });

    expect((await harness.api(`/api/held/${overridden}/release`, { json: { note: 'Send it.' } })).status).toBe(409);
    const deliveries = (await outbox(harness.dataDir)).filter((m) => m.envelope.to.includes(EXTERNAL));
    // One release and one override re-send: each message reached the recipient once.
    expect(deliveries).toHaveLength(2);
  });
});
