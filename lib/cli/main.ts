// The `gateway` command line.
import { parseArgs } from 'node:util';
import { GatewayError } from '../errors.ts';
import type { LoadOptions } from '../rules/load.ts';
import { SHIPPED_RULES_CACHE } from '../rules/cache.ts';
import type { Engine } from '../pipeline/engine.ts';
import { processOutput, type Output } from './output.ts';
import { scanCommand } from './scan-command.ts';
import { WHATSAPP_TOKEN_USAGE } from './whatsapp-token-usage.ts';

/**
 * The engine's code is loaded when a command needs it, not with this module: `gateway scan` of a
 * large folder starts its scanning threads first, and they load the same code meanwhile.
 */
async function loadEngine(rulesDir: string | undefined, options: LoadOptions = {}): Promise<Engine> {
  const { loadEngine: load } = await import('../pipeline/load-engine.ts');
  return load(rulesDir, options);
}

const USAGE = `Usage:
  gateway scan FILE|FOLDER… [--rules DIR] [--json] [--summary] [--explain] [--jobs N]
      Scan .eml files (email) and .json files (WhatsApp send bodies); folders are walked.
      --json     one JSON object per file per line
      --summary  counts by decision and by rule instead of one report per file
      --explain  every finding, counted or not: the rule it counted towards, or why it did not
      --jobs N   scan on N threads (default: one per core for folders of 32 inputs or more)
  gateway rules validate [--rules DIR]   check the rule files and print the rule-set version
  gateway rules test [--rules DIR]       run every example in the rule files
  gateway serve                          run the local gateway (SMTP and HTTP); what npm start runs
  gateway report [--json]                messages scanned, held, passed, overridden, released and
                                         rejected per week; per rule its holds and release rate;
                                         time to review (from GATEWAY_DATA_DIR, default .gateway)
${WHATSAPP_TOKEN_USAGE}

--rules defaults to the shipped rules/ folder (with rules/local/ merged over it).`;

export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: 'string' },
        json: { type: 'boolean', default: false },
        summary: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    out.error(`gateway: ${(error as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? out.print : out.error)(USAGE);
    return values.help ? 0 : 64;
  }

  try {
    if (command === 'serve') {
      const { serveCommand } = await import('../local/serve-command.ts');
      return await serveCommand(out);
    }
    if (command === 'whatsapp-token') {
      const { whatsappTokenCommand } = await import('./whatsapp-token-command.ts');
      return await whatsappTokenCommand(rest, out);
    }
    if (command === 'report' && rest.length === 0) {
      const { reportCommand } = await import('./report-command.ts');
      return await reportCommand({ json: values.json }, out);
    }
    if (command === 'scan') {
      if (rest.length === 0) {
        out.error(`gateway scan: name at least one file or folder\n\n${USAGE}`);
        return 64;
      }
      const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
        out.error(`gateway scan: --jobs takes a whole number of threads, 1 or more (not "${values.jobs}")\n\n${USAGE}`);
        return 64;
      }
      const { json, summary, explain } = values;
      // Scanning may use rules validated before; checking them (rules validate|test) loads them afresh.
      const load = () => loadEngine(values.rules, { cacheDir: SHIPPED_RULES_CACHE });
      return await scanCommand(load, rest, { json, summary, explain, rulesDir: values.rules, jobs }, out);
    }
    const engine = await loadEngine(values.rules);
    const { validateCommand, testCommand } = await import('./rules-command.ts');
    if (command === 'rules' && rest[0] === 'validate') return validateCommand(engine, out);
    if (command === 'rules' && rest[0] === 'test') return await testCommand(engine, out);
    out.error(`gateway: unknown command "${[command, ...rest].join(' ')}"\n\n${USAGE}`);
    return 64;
  } catch (error) {
    if (error instanceof GatewayError) {
      out.error(`gateway: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
