// `gateway rules test`: runs every example in the rule files through the real pipeline.
// A recognizer's hold examples must be detected by it and its pass examples must not; a policy
// rule's hold examples must be held by that rule and its pass examples must not be. A failing
// example is named by its own words and where it was written, so the administrator finds it.
import type { Engine } from '../pipeline/engine.ts';
import { scanEmail, scanWhatsAppSend, type ScanResult } from '../pipeline/scan.ts';
import { locateSetting } from './parse.ts';
import type { Example } from './schema.ts';
import type { Where } from './source-tree.ts';

export interface ExampleOutcome {
  /** "recognizers.uk-nino" or "policy.rules.marking" */
  owner: string;
  expected: 'hold' | 'pass';
  index: number;
  /** The example's first words (body, else subject), as written in the rule file, for the administrator. */
  quote: string;
  /** Where the example is written, when the rule set was loaded from files. */
  where?: Where;
  ok: boolean;
  /** What happened instead, when not ok (names types and rules, never the example text). */
  detail?: string;
}

const EXAMPLE_RECIPIENT = 'resident@example.org';
const QUOTE_CHARS = 60;

/** An example's text on one line, cut at a word near QUOTE_CHARS characters. */
export function quoteExample(example: Example): string {
  const e = typeof example === 'string' ? { body: example } : example;
  const text = (e.body.trim() || e.subject || '').replace(/\s+/g, ' ').trim();
  if (text.length <= QUOTE_CHARS) return text;
  const cut = text.lastIndexOf(' ', QUOTE_CHARS);
  return `${text.slice(0, cut > QUOTE_CHARS / 2 ? cut : QUOTE_CHARS)}…`;
}

/** Builds a real message from an example so it goes through MIME parsing like any other. */
export async function scanExample(engine: Engine, example: Example): Promise<ScanResult> {
  const e = typeof example === 'string' ? { body: example } : example;
  if (e.channel === 'whatsapp') {
    const body = { messaging_product: 'whatsapp', to: '447700900001', type: 'text', text: { body: e.body } };
    return scanWhatsAppSend(engine, body, 'whatsapp-business');
  }
  const domain = engine.ruleSet.policy.internalDomains[0] ?? 'council.example';
  const to = (e.to ?? [EXAMPLE_RECIPIENT]).join(', ');
  const raw = [
    `From: Cllr Example <cllr.example@${domain}>`,
    `To: ${to}`,
    `Subject: ${e.subject ?? 'Example'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    e.body,
    '',
  ].join('\r\n');
  return scanEmail(engine, Buffer.from(raw, 'utf8'));
}

async function check(
  engine: Engine,
  owner: string,
  at: ReadonlyArray<string | number>,
  examples: { hold: Example[]; pass: Example[] } | undefined,
  fired: (r: ScanResult) => boolean,
  describe: (r: ScanResult) => string,
): Promise<ExampleOutcome[]> {
  const out: ExampleOutcome[] = [];
  for (const expected of ['hold', 'pass'] as const) {
    const list = examples?.[expected] ?? [];
    for (const [index, example] of list.entries()) {
      const result = await scanExample(engine, example);
      const ok = fired(result) === (expected === 'hold');
      const { where } = locateSetting(engine.ruleSet, [...at, 'examples', expected, index]);
      out.push({ owner, expected, index, quote: quoteExample(example), ...(where ? { where } : {}), ok, ...(ok ? {} : { detail: describe(result) }) });
    }
  }
  return out;
}

export async function runExamples(engine: Engine): Promise<ExampleOutcome[]> {
  const outcomes: ExampleOutcome[] = [];
  for (const [type, settings] of Object.entries(engine.ruleSet.recognizers)) {
    outcomes.push(
      ...(await check(
        engine,
        `recognizers.${type}`,
        ['recognizers', type],
        settings.examples,
        (r) => r.findings.some((f) => f.type === type && !f.mention),
        (r) => `found: ${[...new Set(r.findings.map((f) => f.type))].join(', ') || 'nothing'}`,
      )),
    );
  }
  for (const [index, rule] of engine.ruleSet.policy.rules.entries()) {
    outcomes.push(
      ...(await check(
        engine,
        `policy.rules.${rule.id}`,
        ['policy', 'rules', index],
        rule.examples,
        (r) => r.decision.reasons.some((reason) => reason.rule === rule.id),
        (r) => `decision ${r.decision.action}; rules: ${r.decision.reasons.map((x) => x.rule).join(', ') || 'none'}`,
      )),
    );
  }
  return outcomes;
}
