// `gateway scan FILE… [--rules DIR] [--json] [--summary] [--explain]`
import { readFile } from 'node:fs/promises';
import type { Engine } from '../pipeline/engine.ts';
import { scanEmail, scanWhatsAppSend, type ScanResult } from '../pipeline/scan.ts';
import { expandInputs, type Input } from './inputs.ts';
import { jsonLine, notMailLine, Summary, textReport } from './report.ts';
import type { Output } from './output.ts';

export interface ScanOptions {
  json: boolean;
  summary: boolean;
  /** Every finding with its verdict (counted towards which rule, or why not). */
  explain: boolean;
}

/** The sender a WhatsApp send body is attributed to when scanned from a file. */
const CLI_WHATSAPP_SENDER = 'whatsapp-business';
/**
 * Inputs read and scanned at once. Reading the next files while one is parsed keeps the disk and
 * the parser busy together; results are still reported in input order.
 */
const READ_AHEAD = 8;

/** Input the gateway could not make a message of: reported as a hold (as the gateway would decide) and an error. */
type Scanned = { result: ScanResult } | { unreadable: string };

async function scanInput(engine: Engine, input: Input): Promise<Scanned> {
  const raw = input.content ?? (await readFile(input.file));
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

async function scanSafely(engine: Engine, input: Input): Promise<Scanned> {
  try {
    return await scanInput(engine, input);
  } catch (error) {
    return { unreadable: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})` };
  }
}

/** Scans every input, READ_AHEAD at a time, handing each result on in input order. */
async function scanInOrder(engine: Engine, inputs: readonly Input[], each: (input: Input, scanned: Scanned) => void): Promise<void> {
  const pending: Array<Promise<Scanned>> = [];
  let next = 0;
  const startNext = (): void => {
    if (next < inputs.length) pending.push(scanSafely(engine, inputs[next++]!));
  };
  for (let i = 0; i < READ_AHEAD; i += 1) startNext();
  for (const input of inputs) {
    const scanned = await pending.shift()!;
    startNext();
    each(input, scanned);
  }
}

/** Returns the exit code: 0, or 2 when any input could not be read or there was nothing to scan. */
export async function scanCommand(engine: Engine, paths: string[], options: ScanOptions, out: Output): Promise<number> {
  const { inputs, missing, skipped } = await expandInputs(paths);
  let failed = missing.length > 0;
  for (const path of missing) out.error(`gateway scan: ${path}: no such file or folder`);
  if (inputs.length === 0) {
    out.error(`gateway scan: nothing to scan in ${paths.join(', ')}: no email (.eml, mbox, Maildir or other mail files) or WhatsApp (.json) inputs${skipped ? `; ${skipped} file(s) skipped` : ''}`);
    return 2;
  }

  const summary = new Summary();
  await scanInOrder(engine, inputs, (input, scanned) => {
    if ('unreadable' in scanned) {
      failed = true;
      summary.addUnreadable();
      out.error(`gateway scan: ${input.file}: ${scanned.unreadable}`);
      if (!options.summary) out.print(notMailLine(input.file, input.kind, scanned.unreadable, options));
      return;
    }
    summary.add(scanned.result);
    if (options.summary) return;
    out.print(options.json ? jsonLine(input.file, scanned.result, options) : `${textReport(input.file, scanned.result, options)}\n`);
  });
  summary.addSkipped(skipped);
  if (options.summary) out.print(options.json ? JSON.stringify({ summary: summary.toJSON() }) : summary.toText());
  else out.error(summary.inputsLine());
  return failed ? 2 : 0;
}
