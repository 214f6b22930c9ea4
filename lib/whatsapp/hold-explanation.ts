// The plain-English explanation a councillor's WhatsApp tooling shows when a send is held: what
// was found and where (masked, as in the email bounce), why it matters, what to do, the reference.
// One paragraph, because tooling shows Graph's error message as a single line.
import { foundLines } from '../explain/bounce.ts';
import type { ScanResult } from '../pipeline/scan.ts';

export function holdExplanation(result: ScanResult, reference: string): string {
  const reasons = result.decision.reasons;
  if (reasons.some((r) => r.category === 'processing')) {
    return (
      `Message held by the council's gateway and not sent (hold reference ${reference}): the gateway could not check it, ` +
      'so it was held rather than sent unchecked. This is not something you did wrong. Information governance has been told ' +
      `and will release it or contact you; quote ${reference} if you contact them.`
    );
  }
  const found = reasons.map((r) => `${foundLines(result.message, r.findings).join('; ')}. Why it matters: ${r.explanation}`);
  return (
    `Message held by the council's gateway and not sent (hold reference ${reference}). Found: ${found.join(' ')} ` +
    'If the recipient does not need these details, remove them and send the message again. If you believe it should go ' +
    `exactly as written, ask information governance to release it, quoting ${reference}.`
  );
}
