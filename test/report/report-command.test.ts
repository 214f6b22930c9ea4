// `gateway report` over a real state folder: messages sent through the local gateway's SMTP door,
// decided by the pipeline, then reviewed through the review API. The report counts what happened
// and says nothing about who sent what.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../lib/cli/main.ts';
import type { GovernanceReport } from '../../lib/report/build.ts';
import { bufferOutput } from '../helpers/output.ts';
import { removeDataDirs } from '../local/gateway-harness.ts';
import type { ReviewHarness } from '../review/review-harness.ts';
import { EXPECTED, OVERRIDE_REASON, SENDER, seed } from './seeded-gateway.ts';

let harness: ReviewHarness;

beforeAll(async () => {
  harness = await seed();
  vi.stubEnv('GATEWAY_DATA_DIR', harness.dataDir);
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await harness.gateway.stop();
  await removeDataDirs();
});

async function jsonReport(): Promise<GovernanceReport> {
  const out = bufferOutput();
  expect(await main(['report', '--json'], out)).toBe(0);
  expect(out.out).toHaveLength(1);
  return JSON.parse(out.out[0]!) as GovernanceReport;
}

describe('gateway report', () => {
  it('counts every message and review in the folder, per week and in total', async () => {
    const report = await jsonReport();
    expect(report.totals).toEqual(EXPECTED.totals);
    expect(report.weeks).toHaveLength(1);
    const { waiting: _waiting, ...weekly } = EXPECTED.totals;
    expect(report.weeks[0]).toMatchObject(weekly);
    expect(report.skippedLines).toBe(0);
  });

  it('gives each rule its holds, overrides and release-after-review rate, most holds first', async () => {
    expect((await jsonReport()).rules).toEqual(EXPECTED.rules);
  });

  it('measures the time from hold to review, and what is still waiting', async () => {
    const { timeToReview } = await jsonReport();
    expect(timeToReview).toMatchObject({ reviewed: 5, waiting: 1 });
    // Everything was reviewed within the test run: well under an hour, and never negative.
    for (const value of [timeToReview.medianHours, timeToReview.p90Hours, timeToReview.longestHours, timeToReview.oldestWaitingHours]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('prints the same report readably', async () => {
    const out = bufferOutput();
    expect(await main(['report'], out)).toBe(0);
    const text = out.out.join('\n');
    expect(text).toContain('9 scanned, 6 held, 3 passed, 1 overridden; 3 released and 2 rejected after review, 1 waiting.');
    expect(out.out).toContainEqual(expect.stringMatching(/^strong-identifier\s+3\s+2\s+1\s+0\s+67%\s+1$/));
    expect(out.out).toContainEqual(expect.stringMatching(/^casework\s+2\s+0\s+1\s+1\s+0%\s+0$/));
    expect(out.out).toContainEqual(expect.stringMatching(/^Time to review \(5 reviewed\): median \d+(\.\d{1,2})? h/));
  });

  it('says nothing about who sent what: no addresses, subjects, reasons or message text', async () => {
    const out = bufferOutput();
    await main(['report'], out);
    await main(['report', '--json'], out);
    const all = out.out.join('\n');
    for (const secret of [SENDER, 'example.org', 'Claim 1', OVERRIDE_REASON, 'JG 10 37 85 A', 'CW-2024-00123', 'Checked with the resident']) {
      expect(all).not.toContain(secret);
    }
  });

  it('reports a folder the gateway has not used yet as empty, and succeeds', async () => {
    vi.stubEnv('GATEWAY_DATA_DIR', join(harness.dataDir, 'not-used-yet'));
    try {
      const out = bufferOutput();
      expect(await main(['report'], out)).toBe(0);
      expect(out.out).toEqual([`Gateway report for ${join(harness.dataDir, 'not-used-yet')}`, 'No decisions recorded yet.']);
    } finally {
      vi.stubEnv('GATEWAY_DATA_DIR', harness.dataDir);
    }
  });

  it('serves the same report to signed-in reviewers at /api/report, and nothing without the token', async () => {
    const res = await harness.api('/api/report');
    expect(res.status).toBe(200);
    expect((res.json as GovernanceReport).rules).toEqual(EXPECTED.rules);
    expect((await harness.api('/api/report', { token: null })).status).toBe(401);
  });
});
