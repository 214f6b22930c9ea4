// `gateway scan FILE… [--rules DIR] [--json] [--summary]`
import { readFile } from 'node:fs/promises';
import type { Engine } from '../pipeline/engine.ts';
import { scanEmail, scanWhatsAppSend, type ScanResult } from '../pipeline/scan.ts';
import { expandInputs, type Input } from './inputs.ts';
import { jsonLine, Summary, textReport } from './report.ts';
import type { Output } from './output.ts';

export interface ScanOptions {
  json: boolean;
  summary: boolean;
  /** Every finding with its verdict (counted towards which rule, or why not). */
  explain: boolean;
}

/** The sender a WhatsApp send body is attributed to when scanned from a file. */
const CLI_WHATSAPP_SENDER = 'whatsapp-business';

/** Input the gateway could not make a message of is reported as an error, not as a decision. */
type Scanned = { result: ScanResult } | { unreadable: string };

async function scanInput(engine: Engine, input: Input): Promise<Scanned> {
  const raw = await readFile(input.file);
  let result: ScanResult;
  if (input.kind === 'email') {
    result = await scanEmail(engine, raw);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { unreadable: 'not a WhatsApp send body: the file is not valid JSON' };
    }
    result = scanWhatsAppSend(engine, body, CLI_WHATSAPP_SENDER);
  }
  if (result.error?.name === 'InputError') {
    const what = input.kind === 'email' ? 'an email message' : 'a WhatsApp send body';
    return { unreadable: `not ${what}: ${result.error.message}` };
  }
  return { result };
}

/** Returns the exit code: 0, or 2 when any input could not be read. */
export async function scanCommand(engine: Engine, paths: string[], options: ScanOptions, out: Output): Promise<number> {
  const { inputs, missing } = await expandInputs(paths);
  let failed = missing.length > 0;
  for (const path of missing) out.error(`gateway scan: ${path}: no such file or folder`);

  const summary = new Summary();
  for (const input of inputs) {
    let scanned: Scanned;
    try {
      scanned = await scanInput(engine, input);
    } catch (error) {
      scanned = { unreadable: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})` };
    }
    if ('unreadable' in scanned) {
      failed = true;
      summary.addUnreadable();
      out.error(`gateway scan: ${input.file}: ${scanned.unreadable}`);
      continue;
    }
    const { result } = scanned;
    summary.add(result);
    if (options.summary) continue;
    out.print(options.json ? jsonLine(input.file, result, options) : `${textReport(input.file, result, options)}\n`);
  }
  if (options.summary) out.print(options.json ? JSON.stringify({ summary: summary.toJSON() }) : summary.toText());
  return failed ? 2 : 0;
}
