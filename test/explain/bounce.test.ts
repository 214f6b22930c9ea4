import { describe, expect, it } from 'vitest';
import { buildBounce } from '../../lib/explain/bounce.ts';
import type { ScanResult } from '../../lib/pipeline/scan.ts';
import { DETECTED_VALUES, heldResult } from '../helpers/held-result.ts';

const REF = 'H-20261124-7KQ3PZ';
const recipients = ['editor@example.org', 'hidden@example.org'];

describe('buildBounce', () => {
  it('says what was found where, masked, why, what to do and the reference', () => {
    const bounce = buildBounce({ result: heldResult(), reference: REF, subject: 'Residents list', recipients });
    expect(bounce.subject).toBe('Message held: Residents list');
    const text = bounce.text.replace(/\s+/g, ' ');
    expect(text).toContain('A National Insurance number in the attachment residents.csv (found 2 times): JG •• •• •• A, AB •• •• •• C');
    expect(text).toContain('A National Insurance number in the message body: JG •• •• •• A');
    expect(text).toContain('Why it matters: Identifiers like this can be used to impersonate a resident');
    expect(text).toContain('take them out of your message and send it again');
    expect(text).toContain('secure route');
    expect(text).toContain(`ask information governance to release it, quoting the hold reference ${REF}`);
    expect(text).toContain('[override: <why it must go as written>] Residents list');
    expect(text).toContain('the sample as it stands is not accepted');
    expect(text).toContain('To: editor@example.org, hidden@example.org');
  });

  it.each([
    ['the text part', (b: ReturnType<typeof buildBounce>) => b.text],
    ['the HTML part', (b: ReturnType<typeof buildBounce>) => b.html],
  ])('never repeats a detected value in %s', (_name, pick) => {
    const content = pick(buildBounce({ result: heldResult(), reference: REF, subject: 'x', recipients }));
    for (const value of DETECTED_VALUES) expect(content).not.toContain(value);
  });

  it('escapes everything in the HTML part', () => {
    const subject = '<script>alert("x")</script> & more';
    const result = heldResult({ subject });
    result.message!.parts[2]!.label = 'the attachment <b>evil</b>.csv';
    const { html } = buildBounce({ result, reference: REF, subject, recipients: ['"a<b>"@example.org'] });
    expect(html).not.toMatch(/<script>|<b>/);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; more');
    expect(html).toContain('the attachment &#60;b&#62;evil&#60;/b&#62;.csv');
  });

  it.each([
    ['allowed: explains the tag', { allowOverride: true }, /override tag and your reason/, /cannot be used/],
    ['not allowed, none asked for: says nothing about it', { allowOverride: false }, null, /override/i],
    [
      'not allowed but asked for: says why it did not work',
      { allowOverride: false, override: { reason: 'r', applied: false, rules: ['strong-identifier'] } },
      /an override cannot be used for a National Insurance number/,
      /override tag and your reason/,
    ],
  ])('override %s', (_name, options, present, absent) => {
    const text = buildBounce({ result: heldResult(options), reference: REF, subject: 's', recipients }).text.replace(/\s+/g, ' ');
    if (present) expect(text).toMatch(present);
    expect(text).not.toMatch(absent);
  });

  it('for a marking says not to send it outside and to ask IG, never to remove it and send again', () => {
    const result = heldResult({ allowOverride: false });
    result.decision.reasons = [{ ...result.decision.reasons[0]!, rule: 'marking', category: 'marking', type: 'security-classification' }];
    const text = buildBounce({ result, reference: REF, subject: 'Contract', recipients }).text.replace(/\s+/g, ' ');
    expect(text).toContain('Do not send it outside the council');
    expect(text).toContain(`ask information governance, quoting the hold reference ${REF}`);
    expect(text).not.toMatch(/remove them|take them out|send it again|send the message again/);
  });

  it('lists a detail behind two rules once, so its count agrees with the decision log', () => {
    const result = heldResult();
    const first = result.decision.reasons[0]!;
    result.decision.reasons.push({ ...first, rule: 'people-list', explanation: 'Lists of people matter.' });
    const text = buildBounce({ result, reference: REF, subject: 's', recipients }).text.replace(/\s+/g, ' ');
    expect(text.match(/A National Insurance number in the attachment residents\.csv \(found 2 times\)/g)).toHaveLength(1);
    expect(text.match(/A National Insurance number in the message body/g)).toHaveLength(1);
    expect(text).toContain('Why it matters: Lists of people matter.');
  });

  it('names the IG contact from the rules in every bounce', () => {
    const contact = { name: 'Information Governance team', email: 'ig@rushcliffe.gov.uk', phone: '0115 981 9911' };
    for (const result of [heldResult(), heldResult({ allowOverride: false })]) {
      const bounce = buildBounce({ result, reference: REF, subject: 's', recipients, contact });
      expect(bounce.text.replace(/\s+/g, ' ')).toMatch(/Who to ask -+ Information Governance team: ig@rushcliffe.gov.uk or 0115 981 9911/);
      expect(bounce.html).toContain('ig@rushcliffe.gov.uk or 0115 981 9911');
    }
  });

  it.each([
    ['an empty tag', '[override:] Residents list', /override tag with no reason in it/],
    ['a one-word reason', '[override: ok] Residents list', /too short to explain anything later\. Write at least 12 letters/],
    ['the sample pasted unchanged', '[override: <why it must go as written>] Residents list', /sample override reason unchanged/],
  ])('explains why %s did not work', (_name, subject, explanation) => {
    const text = buildBounce({ result: heldResult({ subject }), reference: REF, subject, recipients }).text.replace(/\s+/g, ' ');
    expect(text).toMatch(explanation);
    // The sample to copy is built on the subject without the unusable tag.
    expect(text).toContain('[override: <why it must go as written>] Residents list');
    expect(text).not.toContain('] [override');
  });

  it('explains a processing error without blaming the sender', () => {
    const result: ScanResult = {
      channel: 'email',
      findings: [],
      timings: { parseMs: 0, detectMs: 0, decideMs: 0 },
      ruleSetVersion: 'test-rules',
      error: { name: 'InputError', message: 'x' },
      decision: {
        action: 'hold',
        deliver: false,
        mode: 'enforce',
        external: true,
        findings: [],
        reasons: [{ rule: 'processing-error', category: 'processing', type: 'processing-error', explanation: 'e', allowOverride: false, findings: [] }],
      },
    };
    const text = buildBounce({ result, reference: REF, subject: '', recipients }).text.replace(/\s+/g, ' ');
    expect(text).toContain('Subject: (no subject)');
    expect(text).toContain('could not check this message');
    expect(text).toContain(REF);
    expect(text).not.toContain('What we found');
  });
});
