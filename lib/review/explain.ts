// Plain-English reasons and findings for the detail view, from what the hold recorded (or, where
// it recorded only rule ids, from the current rule set).
import type { Finding } from '../detect/types.ts';
import { describeFinding } from '../explain/describe.ts';
import { typeLabel } from '../explain/type-labels.ts';
import type { Message } from '../message/types.ts';
import type { Engine } from '../pipeline/engine.ts';
import { NOT_COUNTED_WHY } from '../explain/not-counted.ts';
import type { HeldFinding, HeldReason } from '../ports/held-items.ts';
import type { FindingView, ReasonView } from './views.ts';


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
    const notes = [why.get(f.type) ?? '', f.notCounted ? `Not counted: ${NOT_COUNTED_WHY[f.notCounted]}.` : ''].filter(Boolean);
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
