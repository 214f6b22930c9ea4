// One input of `gateway scan`, scanned and reported: the text it prints and what it adds to the
// summary, as plain data, so that a worker thread can do this and hand the result to the main thread.
import { readFileSync } from 'node:fs';
import type { Engine } from '../pipeline/engine.ts';
import { scanEmail, scanWhatsAppSend, type ScanResult } from '../pipeline/scan.ts';
import type { Input } from './inputs.ts';
import { jsonLine, notMailLine, textReport, type ReportOptions } from './report.ts';
import { tallyOf, type Tally } from './summary.ts';

export interface ScanOptions extends ReportOptions {
  json: boolean;
  summary: boolean;
}

/** What one input adds to the output: its report (unless --summary), its error line, its count. */
export interface Reported {
  print?: string;
  error?: string;
  tally: Tally;
}

/** The sender a WhatsApp send body is attributed to when scanned from a file. */
const CLI_WHATSAPP_SENDER = 'whatsapp-business';

/** Input the gateway could not make a message of: reported as a hold (as the gateway would decide) and an error. */
type Scanned = { result: ScanResult } | { unreadable: string };

async function scanInput(engine: Engine, input: Input): Promise<Scanned> {
  // Read with synchronous calls: the scanning thread has nothing else to do meanwhile, and on a
  // busy machine each trip through Node's thread pool (an open, a stat, a read, a close) cost the
  // thread more than the read itself, a third of a millisecond a message.
  const raw = input.content ?? readFileSync(input.file);
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

/** Scans one input and renders what the command prints for it. Never throws: a failure is reported. */
export async function reportInput(engine: Engine, input: Input, options: ScanOptions): Promise<Reported> {
  const scanned = await scanSafely(engine, input);
  if ('unreadable' in scanned) {
    return {
      error: `gateway scan: ${input.file}: ${scanned.unreadable}`,
      ...(options.summary ? {} : { print: notMailLine(input.file, input.kind, scanned.unreadable, options) }),
      tally: { unreadable: true },
    };
  }
  const { result } = scanned;
  if (options.summary) return { tally: tallyOf(result) };
  return { print: options.json ? jsonLine(input.file, result, options) : `${textReport(input.file, result, options)}\n`, tally: tallyOf(result) };
}
