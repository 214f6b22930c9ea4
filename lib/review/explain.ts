// Plain-English reasons and findings for the detail view, from what the hold recorded (or, where
// it recorded only rule ids, from the current rule set).
import type { Finding } from '../detect/types.ts';
import { describeFinding } from '../explain/describe.ts';
import { typeLabel } from '../explain/type-labels.ts';
import type { Message } from '../message/types.ts';
import type { Engine } from '../pipeline/engine.ts';
import type { NotCountedBecause } from '../policy/types.ts';
import type { HeldFinding, HeldReason } from '../ports/held-items.ts';
import type { FindingView, ReasonView } from './views.ts';

const NOT_COUNTED: Record<NotCountedBecause, string> = {
  'below-threshold': 'Not counted: the gateway was not confident enough that this is what it looks like.',
  'quoted-recipient': "Not counted: it is in a recipient's own words, quoted back in a reply.",
  'sender-signature': "Not counted: it is in the sender's own signature.",
  'participant-address': "Not counted: it is the sender's or a recipient's own address.",
  organisational: 'Not counted: it is a council or organisational contact point.',
  'not-about-a-person': 'Not counted: nothing near it shows it is about a person.',
  'participant-signature': "Not counted: it is in a participant's own signature, quoted in their own words.",
  'mention-not-use': 'Not counted: the marking is talked about, not applied to this message.',
  'no-rule': 'Not counted: no rule holds a message for this alone.',
};

const PROCESSING_ERROR = 'The gateway could not check this message, so it was held rather than sent unchecked.';

/** describeFinding reads only the place and the type; the rest of a Finding is not stored. */
function asFinding(f: HeldFinding): Finding {
  return { ...f, recognizer: f.type, explanation: { pattern: 'stored', baseScore: f.score } };
}

export function reasonViews(engine: Engine, ruleIds: readonly string[], stored: readonly HeldReason[] | undefined): ReasonView[] {
  if (stored && stored.length > 0) return stored.map((r) => ({ rule: r.rule, what: typeLabel(r.type), explanation: r.explanation }));
  return ruleIds.map((rule) => {
    const policyRule = engine.ruleSet.policy.rules.find((r) => r.id === rule);
    const explanation = rule === 'processing-error' ? PROCESSING_ERROR : (policyRule?.explanation ?? '');
    return { rule, what: policyRule?.description ?? typeLabel(rule), explanation };
  });
}

export function findingViews(engine: Engine, message: Message | undefined, findings: readonly HeldFinding[]): FindingView[] {
  const why = new Map(engine.detector.recognizers.map((r) => [r.type, r.why]));
  return findings.map((f, index) => {
    const described = describeFinding(message, asFinding(f));
    const notes = [why.get(f.type) ?? '', f.notCounted ? NOT_COUNTED[f.notCounted] : ''].filter(Boolean);
    return {
      index,
      type: f.type,
      category: f.category,
      what: described.what,
      location: described.where,
      masked: described.masked,
      explanation: notes.join(' '),
      counted: !f.notCounted,
    };
  });
}

/** "Held because it was going outside the council with a National Insurance number and …". */
export function summarise(reasons: readonly ReasonView[], findings: readonly FindingView[]): string {
  if (reasons.some((r) => r.rule === 'processing-error')) return PROCESSING_ERROR;
  const kinds = [...new Set(findings.filter((f) => f.counted).map((f) => f.what))];
  if (kinds.length === 0) return `Held under the rule${reasons.length === 1 ? '' : 's'} ${reasons.map((r) => r.rule).join(', ')}.`;
  const list = kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]!}`;
  return `Held because it was addressed outside the council and contains ${list}.`;
}
