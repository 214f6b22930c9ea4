// What the email filter's tests share: the sample events and the messages they point to (cloned
// per use), a Lambda context, the settings the CDK app would give, and a capture of everything
// written to stdout/stderr (Powertools logs and EMF metrics).
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { vi, type MockInstance } from 'vitest';
import type { EmailFilterSettings } from '../../../lib/adapters/aws/email-filter.ts';

export const SETTINGS: EmailFilterSettings = {
  bucket: 'gateway-messages-example',
  intakePrefix: 'intake/',
  heldPrefix: 'held/',
  decisionsTable: 'gateway-decisions',
  heldTable: 'gateway-held',
  alertTopicArn: 'arn:aws:sns:eu-west-2:123456789012:gateway-alerts',
  senderAddress: 'postmaster@rushcliffe.gov.uk',
  retentionDays: 30,
};

/** The same settings as the environment variables the handler reads. */
export const ENV: Record<string, string> = {
  GATEWAY_BUCKET: SETTINGS.bucket,
  GATEWAY_INTAKE_PREFIX: SETTINGS.intakePrefix,
  GATEWAY_HELD_PREFIX: SETTINGS.heldPrefix,
  GATEWAY_DECISIONS_TABLE: SETTINGS.decisionsTable,
  GATEWAY_HELD_TABLE: SETTINGS.heldTable,
  GATEWAY_ALERT_TOPIC_ARN: SETTINGS.alertTopicArn,
  GATEWAY_SENDER_ADDRESS: SETTINGS.senderAddress,
  GATEWAY_RETENTION_DAYS: String(SETTINGS.retentionDays),
  GATEWAY_RULES_DIR: new URL('../../../rules/', import.meta.url).pathname,
  POWERTOOLS_SERVICE_NAME: 'email-filter',
  POWERTOOLS_METRICS_NAMESPACE: 'CouncillorGatewayTest',
  AWS_REGION: 'eu-west-2',
};

const EVENTS = new URL('../../../events/', import.meta.url);

/** A fresh copy of a sample event, safe to change. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events are JSON a test reshapes
export const event = (name: string): any => JSON.parse(readFileSync(new URL(name, EVENTS), 'utf8'));
export const eml = (name: string): Buffer => readFileSync(new URL(name, EVENTS));
export const corpus = (name: string): Buffer => readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url));

export const SES_ID = '7qv2lk4o1ce9tns3hbm0r6f8uj5pgd2ia4w0x1y3';
export const SES_KEY = `intake/${SES_ID}`;
export const S3_KEY = 'intake/0193a7c2-5e1f-7b04-9d3a-6c2e8f1b4a70';
/** receipt.recipients of the SES sample: the third is a Bcc, in no header. */
export const SES_RECIPIENTS = ['editor@westbridgford-wire.example', 'planning.officer@rushcliffe.gov.uk', 'gresham.friends@example.org'];

/** The SES sample event, received `minutesAgo` before now (bounces need a recent receipt). */
export function sesEvent(minutesAgo = 5, invocationType = 'Event') {
  const e = event('ses-receipt.json');
  const ses = e.Records[0].ses;
  ses.mail.timestamp = ses.receipt.timestamp = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  ses.receipt.action.invocationType = invocationType;
  return e;
}

export function lambdaContext(remainingMs = 60_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'councillor-gateway-email-filter',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:councillor-gateway-email-filter',
    memoryLimitInMB: '1536',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/councillor-gateway-email-filter',
    logStreamName: '2025/11/24/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface Captured {
  lines: string[];
  restore(): void;
}

/** Everything written to stdout and stderr until restore(), one entry per write. */
export function captureOutput(): Captured {
  const lines: string[] = [];
  const spies: MockInstance[] = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

/** The JSON lines written, parsed (Powertools logs and EMF metric documents). */
export const jsonLines = (captured: Captured): Record<string, unknown>[] =>
  captured.lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

/** The header section and the body of a raw message, split at the first blank line. */
export function split(raw: Buffer): { headers: string; body: Buffer } {
  const at = raw.indexOf('\r\n\r\n');
  return { headers: raw.subarray(0, at).toString('latin1'), body: raw.subarray(at) };
}

/** Header field names in order (continuation lines folded in). */
export const fieldNames = (headers: string): string[] =>
  headers.split('\r\n').filter((l) => l && !/^[ \t]/.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
