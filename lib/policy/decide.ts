// The default policy: internal mail passes, external mail is held when a rule matches a counted
// finding, a councillor's override lifts a hold only where every matched rule allows it, and audit
// mode delivers whatever it decides.
import type { Finding } from '../detect/types.ts';
import type { Message } from '../message/types.ts';
import type { PolicyConfig, PolicyRule } from '../rules/schema.ts';
import { assessFindings, organisationalContacts, type OrganisationalContacts } from './assess.ts';
import { findContactProfiles, personCues, type PersonCues } from './contact-profile.ts';
import { findOverrideTag } from './override.ts';
import { hasExternalRecipient } from './recipients.ts';
import type { AssessedFinding, Decision, Reason } from './types.ts';

/** The policy with its word lists compiled once per rule set. */
export interface Policy {
  readonly config: PolicyConfig;
  decide(message: Message, findings: readonly Finding[]): Decision;
}

function matchRule(rule: PolicyRule, message: Message, counted: AssessedFinding[], cues: PersonCues): AssessedFinding[] {
  const when = rule.when;
  if ('categories' in when) return counted.filter((f) => (when.categories as string[]).includes(f.category));
  if ('types' in when) return counted.filter((f) => when.types.includes(f.type));
  return findContactProfiles(message, counted, when.contactProfile, cues).flat();
}

function reasonFor(rule: PolicyRule, findings: AssessedFinding[]): Reason {
  const first = findings[0]!;
  return {
    rule: rule.id,
    category: first.category,
    type: first.type,
    explanation: rule.explanation,
    allowOverride: rule.allowOverride,
    findings,
  };
}

/**
 * Rule lists for findings, one frozen list for each distinct list. A long message has tens of
 * thousands of counted findings and a handful of distinct lists: a list for each finding was a
 * fifth of the memory a decision on 10 MB of text kept, and what outlives the young generation's
 * collections is what those collections copy.
 */
function sharedRuleLists(): (list: readonly string[] | undefined, rule: string) => readonly string[] {
  const extended = new Map<readonly string[] | undefined, Map<string, readonly string[]>>();
  return (list, rule) => {
    if (list?.includes(rule)) return list;
    let byRule = extended.get(list);
    if (!byRule) extended.set(list, (byRule = new Map()));
    let next = byRule.get(rule);
    if (!next) byRule.set(rule, (next = Object.freeze([...(list ?? []), rule])));
    return next;
  };
}

/**
 * Settles every finding's verdict once the rules have run, so that "counted" means exactly "was
 * behind a reason": each counted finding names its rules, and one no rule held for says so.
 */
function settleVerdicts(findings: AssessedFinding[], reasons: readonly Reason[], otherwise: 'no-rule' | 'all-internal'): void {
  const withRule = sharedRuleLists();
  for (const reason of reasons) {
    for (const f of reason.findings) f.rules = withRule(f.rules, reason.rule);
  }
  for (const f of findings) if (!f.rules && !f.notCounted) f.notCounted = otherwise;
}

export function createPolicy(config: PolicyConfig): Policy {
  const org: OrganisationalContacts = organisationalContacts(config);
  const cues = personCues(config);
  const rules = config.rules.filter((r) => r.enabled);

  return {
    config,
    decide(message: Message, findings: readonly Finding[]): Decision {
      const assessed = assessFindings(message, findings, config, org);
      const external = hasExternalRecipient(message, config.internalDomains);
      const base = { mode: config.mode, external, findings: assessed };
      if (!external) {
        settleVerdicts(assessed, [], 'all-internal');
        return { ...base, action: 'pass', deliver: true, reasons: [] };
      }

      const counted = assessed.filter((f) => !f.notCounted);
      const reasons: Reason[] = [];
      for (const rule of rules) {
        const matched = matchRule(rule, message, counted, cues);
        if (matched.length > 0) reasons.push(reasonFor(rule, matched));
      }
      settleVerdicts(assessed, reasons, 'no-rule');
      if (reasons.length === 0) return { ...base, action: 'pass', deliver: true, reasons };

      const tag = message.channel === 'email' ? findOverrideTag(message.subject) : undefined;
      if (tag && reasons.every((r) => r.allowOverride)) {
        return { ...base, action: 'pass', deliver: true, reasons: [], override: { reason: tag.reason, applied: true, rules: reasons.map((r) => r.rule) } };
      }
      return {
        ...base,
        action: 'hold',
        deliver: config.mode === 'audit',
        reasons,
        ...(tag ? { override: { reason: tag.reason, applied: false, rules: reasons.filter((r) => !r.allowOverride).map((r) => r.rule) } } : {}),
      };
    },
  };
}
