// Plain-English reasons and findings for the detail view, from what the hold recorded (or, where
// it recorded only rule ids, from the current rule set).
import type { Finding } from '../detect/types.ts';
import { describeFinding } from '../explain/describe.ts';
import { typeLabel } from '../explain/type-labels.ts';
import type { Message } from '../message/types.ts';
import type { Engine } from '../pipeline/engine.ts';
import { NOT_COUNTED_WHY } from '../explain/not-counted.ts';
import type { HeldFinding, HeldReason } from '../ports/held-items.ts';
import { reviewMask } from './masking.ts';
import type { FindingView, ReasonView } from './views.ts';


const PROCESSING_ERROR = 'The gateway could not check this message, so it was held rather than sent unchecked.';

/** describeFinding reads only the place and the type; the rest of a Finding is not stored. */
function asFinding(f: HeldFinding): Finding {
  return { ...f, recognizer: f.type, explanation: { pattern: 'stored', baseScore: f.score } };
}

/** "a phone number and a postal address". */
function listOf(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
}

/** Every kind of detail a rule counted: what the hold stored, or (rescanned) the reason's findings. */
function typesOf(reason: HeldReason & { findings?: readonly { type: string }[] }): string[] {
  if (reason.types && reason.types.length > 0) return reason.types;
  if (reason.findings && reason.findings.length > 0) return [...new Set(reason.findings.map((f) => f.type))];
  return [reason.type];
}

export function reasonViews(engine: Engine, ruleIds: readonly string[], stored: readonly HeldReason[] | undefined): ReasonView[] {
  if (stored && stored.length > 0) {
    // The rule line names everything the rule counted, so it says what the headline says.
    return stored.map((r) => {
      const kinds = typesOf(r).map(typeLabel);
      return { rule: r.rule, what: listOf(kinds), kinds, explanation: r.explanation };
    });
  }
  return ruleIds.map((rule) => {
    const policyRule = engine.ruleSet.policy.rules.find((r) => r.id === rule);
    const explanation = rule === 'processing-error' ? PROCESSING_ERROR : (policyRule?.explanation ?? '');
    return { rule, what: policyRule?.description ?? typeLabel(rule), kinds: [], explanation };
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
      // As the message view masks it: special-category words hidden like the rest.
      masked: f.type === 'special-category' && described.masked ? reviewMask(f.type, described.masked) : described.masked,
      explanation: notes.join(' '),
      counted: !f.notCounted,
    };
  });
}

/**
 * "Held because it was addressed outside the council and contains a National Insurance number and
 * …": the kinds the rule lines name, so the headline and the rule lines agree; the counted
 * findings where the hold recorded rule ids only.
 */
export function summarise(reasons: readonly ReasonView[], findings: readonly FindingView[]): string {
  if (reasons.some((r) => r.rule === 'processing-error')) return PROCESSING_ERROR;
  const fromReasons = reasons.flatMap((r) => r.kinds);
  const kinds = [...new Set(fromReasons.length > 0 ? fromReasons : findings.filter((f) => f.counted).map((f) => f.what))];
  if (kinds.length === 0) return `Held under the rule${reasons.length === 1 ? '' : 's'} ${reasons.map((r) => r.rule).join(', ')}.`;
  return `Held because it was addressed outside the council and contains ${listOf(kinds)}.`;
}
