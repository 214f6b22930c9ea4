// A local gateway with a week of real traffic in its state folder, for the report tests: mail
// through the SMTP door (passes, holds under three rules, an override re-send), then releases and
// rejections through the review API, exactly as an officer makes them.
import { NINO_TEXT, SENDER } from '../local/gateway-harness.ts';
import { startReview, type ReviewHarness } from '../review/review-harness.ts';

export const CASEWORK_TEXT = 'Our ref: CW-2024-00123. I have looked into this for the resident.';
export const MARKING_TEXT = 'OFFICIAL-SENSITIVE\n\nThe budget figures for next year are below.';
export const OVERRIDE_REASON = 'the resident asked me to send this to the editor';

/** What the seeded folder must report (see seed()). */
export const EXPECTED = {
  totals: { scanned: 9, held: 6, auditHeld: 0, passed: 3, overridden: 1, sentBeforeReview: 0, released: 3, rejected: 2, waiting: 1 },
  rules: [
    { rule: 'strong-identifier', holds: 3, released: 2, rejected: 1, waiting: 0, releaseRate: 0.667, overrides: 1 },
    { rule: 'casework', holds: 2, released: 0, rejected: 1, waiting: 1, releaseRate: 0, overrides: 0 },
    { rule: 'marking', holds: 1, released: 1, rejected: 0, waiting: 0, releaseRate: 1, overrides: 0 },
  ],
};

export { SENDER };

async function decide(harness: ReviewHarness, ref: string, action: 'release' | 'reject'): Promise<void> {
  const json = action === 'release' ? { note: 'Checked with the resident; fine to send.' } : { reason: 'Send the summary without the reference.' };
  const res = await harness.api(`/api/held/${ref}/${action}`, { json });
  if (res.status !== 200) throw new Error(`${action} failed with ${res.status}: ${res.text}`);
}

export async function seed(): Promise<ReviewHarness> {
  const harness = await startReview();
  const { send } = await import('../local/gateway-harness.ts');
  const port = harness.gateway.smtpPort;
  await send(port, { subject: 'Ward surgery times', text: 'The surgery is on Saturday at the library.' });
  await send(port, { subject: 'Litter pick', text: 'Thank you for organising the litter pick.' });
  const nino = [
    await harness.hold({ subject: 'Claim 1', text: NINO_TEXT }),
    await harness.hold({ subject: 'Claim 2', text: NINO_TEXT }),
    await harness.hold({ subject: 'Claim 3', text: NINO_TEXT }),
  ];
  const casework = [await harness.hold({ subject: 'Case 1', text: CASEWORK_TEXT }), await harness.hold({ subject: 'Case 2', text: CASEWORK_TEXT })];
  const marking = await harness.hold({ subject: 'Budget', text: MARKING_TEXT });
  await send(port, { subject: `[override: ${OVERRIDE_REASON}] Claim 4`, text: NINO_TEXT });

  await decide(harness, nino[0]!, 'release');
  await decide(harness, nino[1]!, 'release');
  await decide(harness, nino[2]!, 'reject');
  await decide(harness, casework[0]!, 'reject');
  await decide(harness, marking, 'release');
  return harness;
}
