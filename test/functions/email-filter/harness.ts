// What the email filter's tests share: the sample event, message and archive row (cloned per
// use), a Lambda context, the settings the CDK app would give, and a capture of everything
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
  internalDomains: ['rushcliffe.gov.uk'],
  originSecretName: 'councillor-gateway/email/origin-token',
  archiveId: 'a-0example1234567890',
  ingressPointId: 'inp-0example1234567890abcdef',
};

/** The token in events/s3-object-created.eml, as the transport rule stamps it. */
export const ORIGIN_TOKEN = '7Qm2Xc9LrT4vW8kZ1bN6pH3sJ5dF0gYa2Ue7Ri4Oq9Lt6Vw3';

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
  GATEWAY_INTERNAL_DOMAINS: SETTINGS.internalDomains.join(','),
  GATEWAY_ORIGIN_SECRET_NAME: SETTINGS.originSecretName,
  GATEWAY_ARCHIVE_ID: SETTINGS.archiveId,
  GATEWAY_INGRESS_POINT_ID: SETTINGS.ingressPointId,
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

/** Where the sample event's object is (Mail Manager writes below intake/mail-manager). */
export const S3_KEY = 'intake/mail-manager/0193a7c2-5e1f-7b04-9d3a-6c2e8f1b4a70';
/** The envelope recipients in the sample archive row: the third is a Bcc, in no header. */
export const ENVELOPE_TO = ['daniel.hughes@nottinghamshire-housing.example', 'housing.options@rushcliffe.gov.uk', 'sam.okafor@gmail.example'];

/** The sample archive search results, with `rows` changed as a test needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API JSON a test reshapes
export function archiveRows(change: (rows: any[]) => any[] = (rows) => rows): any[] {
  const rows = event('archive-search-results.json').Rows.map((row: { ReceivedTimestamp: string }) => ({ ...row, ReceivedTimestamp: new Date(row.ReceivedTimestamp) }));
  return change(rows);
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
