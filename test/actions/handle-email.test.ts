import { beforeAll, describe, expect, it } from 'vitest';
import { handleEmail, recoverIntake } from '../../lib/actions/handle-email.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { simpleEml } from '../helpers/eml.ts';
import { memoryDeps } from '../helpers/memory-ports.ts';
import { engineWith } from '../local/gateway-harness.ts';

const SENDER = 'cllr.jporter@rushcliffe.gov.uk';
const NINO_BODY = 'Her National Insurance number is JG 10 37 85 A.';
const held = (subject = 'Claim'): Buffer => Buffer.from(simpleEml({ subject, body: NINO_BODY }));
const benign = Buffer.from(simpleEml({ body: 'The meeting is on Thursday.' }));
const external = { from: SENDER, to: ['editor@example.org'] };

let engine: Engine;
beforeAll(async () => {
  engine = await engineWith();
});

describe('handleEmail', () => {
  it.each([
    ['benign mail to an external address', benign, external, 'delivered'],
    ['personal data to an external address', held(), external, 'held'],
    ['personal data to internal addresses only', held(), { from: SENDER, to: ['officer@rushcliffe.gov.uk'] }, 'delivered'],
    ['personal data with an external Bcc', held(), { from: SENDER, to: ['officer@rushcliffe.gov.uk', 'bcc@example.org'] }, 'held'],
  ] as const)('%s: %s', async (_name, raw, envelope, status) => {
    const deps = memoryDeps(engine);
    const outcome = await handleEmail(deps, raw, { from: envelope.from, to: [...envelope.to] });
    expect(outcome.status).toBe(status);
    expect(deps.decisions.records).toHaveLength(1);
    expect(deps.store.intake.size).toBe(0);
    if (status === 'delivered') {
      expect(deps.mailer.raw).toEqual([{ raw, envelope }]);
      expect(deps.mailer.composed).toHaveLength(0);
    } else {
      expect(deps.mailer.raw).toHaveLength(0);
      expect(deps.store.held.get(outcome.reference!)?.raw).toEqual(raw);
      expect(deps.mailer.composed.map((m) => [m.to, m.envelopeFrom, m.subject])).toEqual([[[SENDER], '', 'Message held: Claim']]);
      expect(deps.notifier.notices.map((n) => [n.kind, n.reference])).toEqual([['held', outcome.reference]]);
    }
  });

  it('delivers with the override tag removed where the rule allows it', async () => {
    const deps = memoryDeps(engine);
    const outcome = await handleEmail(deps, held('[override: resident asked me to] Claim'), external);
    expect(outcome.status).toBe('delivered');
    const sent = deps.mailer.raw[0]!.raw.toString();
    expect(sent).toContain('\r\nSubject: Claim\r\n');
    expect(sent).not.toContain('override');
    expect(deps.decisions.records[0]!.override).toEqual({ applied: true, rules: ['strong-identifier'], reason: 'resident asked me to' });
  });

  it('in audit mode delivers a hold and records it as an audit hold', async () => {
    const deps = memoryDeps(await engineWith((r) => ({ ...r, policy: { ...r.policy, mode: 'audit' } })));
    const outcome = await handleEmail(deps, held(), external);
    expect(outcome.status).toBe('audit-delivered');
    expect(deps.mailer.raw).toHaveLength(1);
    expect(deps.mailer.composed).toHaveLength(0);
    expect(deps.store.held.size).toBe(0);
    expect(deps.decisions.records[0]).toMatchObject({ decision: 'audit-hold', delivered: true, mode: 'audit' });
  });

  it('holds what it cannot read and tells information governance', async () => {
    const deps = memoryDeps(engine);
    const outcome = await handleEmail(deps, Buffer.from('this is not an email\r\n'), external);
    expect(outcome.status).toBe('held');
    expect(deps.notifier.notices[0]).toMatchObject({ kind: 'processing-error', reference: outcome.reference });
    expect(deps.decisions.records[0]).toMatchObject({ rules: ['processing-error'], error: 'InputError' });
    expect(deps.mailer.composed[0]!.subject).toBe('Message held: (no subject)');
  });

  it('decides a redelivered message once', async () => {
    const deps = memoryDeps(engine);
    expect((await handleEmail(deps, held(), external)).status).toBe('held');
    expect((await handleEmail(deps, held(), external)).status).toBe('duplicate');
    expect(deps.decisions.records).toHaveLength(1);
    expect(deps.mailer.composed).toHaveLength(1);
    expect(deps.store.held.size).toBe(1);
  });

  it('decides a new message that reuses the Message-ID of an earlier one', async () => {
    const deps = memoryDeps(engine);
    // Both carry the same Message-ID (simpleEml's); only the content differs.
    expect((await handleEmail(deps, benign, external)).status).toBe('delivered');
    expect((await handleEmail(deps, held(), external)).status).toBe('held');
    expect(deps.decisions.records.map((r) => r.id)).toEqual(['<simple-test@rushcliffe.gov.uk>', '<simple-test@rushcliffe.gov.uk>']);
    expect(new Set(deps.decisions.records.map((r) => r.key)).size).toBe(2);
  });

  it('decides the same message again for a different set of recipients (a split delivery)', async () => {
    const deps = memoryDeps(engine);
    await handleEmail(deps, benign, external);
    await handleEmail(deps, benign, { from: SENDER, to: ['second@example.org'] });
    expect(deps.mailer.raw.map((r) => r.envelope.to)).toEqual([['editor@example.org'], ['second@example.org']]);
  });

  it('runs two simultaneous deliveries of one message one after the other, delivering once', async () => {
    const deps = memoryDeps(engine);
    const outcomes = await Promise.all([handleEmail(deps, benign, external), handleEmail(deps, benign, external)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['delivered', 'duplicate']);
    expect(deps.mailer.raw).toHaveLength(1);
  });

  it('keeps the message when the store cannot write it, and does nothing else', async () => {
    const deps = memoryDeps(engine);
    deps.store.failPutIntake = true;
    await expect(handleEmail(deps, held(), external)).rejects.toThrow('disk full');
    expect(deps.decisions.records).toHaveLength(0);
    expect(deps.mailer.raw).toHaveLength(0);
    expect(deps.mailer.composed).toHaveLength(0);
  });

  it('keeps the intake copy when delivery fails, and a retry delivers it once', async () => {
    const deps = memoryDeps(engine);
    deps.mailer.failures = 1;
    await expect(handleEmail(deps, benign, external)).rejects.toThrow('relay unavailable');
    expect(deps.store.intake.size).toBe(1);
    expect(deps.decisions.records).toHaveLength(0);
    expect((await handleEmail(deps, benign, external)).status).toBe('delivered');
    expect(deps.mailer.raw).toHaveLength(1);
    expect(deps.store.intake.size).toBe(0);
  });

  it('reuses the hold reference when the bounce failed and the message is retried', async () => {
    const deps = memoryDeps(engine);
    deps.mailer.failures = 1;
    await expect(handleEmail(deps, held(), external)).rejects.toThrow();
    const [reference] = deps.store.held.keys();
    const outcome = await handleEmail(deps, held(), external);
    expect(outcome.reference).toBe(reference);
    expect(deps.store.held.size).toBe(1);
    expect(deps.decisions.records).toHaveLength(1);
  });

  it('processes what a crash left in the intake', async () => {
    const deps = memoryDeps(engine);
    deps.mailer.failures = 1;
    await expect(handleEmail(deps, benign, external)).rejects.toThrow();
    expect(await recoverIntake(deps)).toEqual({ processed: 1, failed: 0 });
    expect(deps.mailer.raw).toHaveLength(1);
    expect(deps.store.intake.size).toBe(0);
  });
});
