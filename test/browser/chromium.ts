// The system Chromium, driven by playwright-core, as every browser test launches it. Tests skip
// when it is not installed (describe.skipIf(!hasChromium)), saying once how to install it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of the page's views, for the README (not committed). */
export const SCREENSHOTS = join(process.cwd(), 'test-output');
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium).`);
}

/** Headless, without a sandbox (containers have none) and without any background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
