// `gateway rules validate` and `gateway rules test`.
import type { Engine } from '../pipeline/engine.ts';
import { runExamples } from '../rules/examples.ts';
import type { Output } from './output.ts';

export function validateCommand(engine: Engine, out: Output): number {
  const { ruleSet } = engine;
  out.print(
    `Rule set valid (version ${ruleSet.version}): ${ruleSet.sources.length} file(s), ` +
      `${engine.detector.recognizers.length} recognizer(s) enabled, ` +
      `${ruleSet.policy.rules.filter((r) => r.enabled).length} policy rule(s), mode ${ruleSet.policy.mode}.`,
  );
  for (const source of ruleSet.sources) out.print(`  ${source}`);
  return 0;
}

export async function testCommand(engine: Engine, out: Output): Promise<number> {
  const outcomes = await runExamples(engine);
  const failed = outcomes.filter((o) => !o.ok);
  for (const f of failed) {
    const at = f.where ? `${f.where.file}:${f.where.line}: ` : '';
    out.print(`FAIL ${at}${f.owner}: ${f.expected} example "${f.quote}" — ${f.detail}`);
  }
  out.print(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}
