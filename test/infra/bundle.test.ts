// The function bundles exactly as `cdk synth` builds them (esbuild through NodejsFunction, then the
// after-bundling copies): each holds the rule files, their validated rule set and the pdf.js worker
// and loads in a plain Node process; and the email filter's bundle, run against a sample S3 event
// with s3rver, dynalite and a stub for SES and SNS, reads a PDF attachment and holds the message,
// and takes its rule set from the bundle's entry until a rule file in the bundle changes.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACT_WORKER_NAME, PDF_WORKER_NAME } from '../../infra/constructs/bundling.ts';
import { FUNCTION_NAMES, PROJECT_ROOT, type FunctionName } from '../../infra/layout.ts';
import { DECISIONS_TABLE, HELD_TABLE, startDynamo, startS3, type RunningDynamo, type RunningS3 } from '../adapters/aws/helpers/protocol-servers.ts';
import { ENGINE_RULE_CHECKS } from '../../lib/pipeline/load-engine.ts';
import { RULES_CACHE_FOLDER } from '../../lib/rules/cache.ts';
import { loadRuleSet } from '../../lib/rules/load.ts';
import type { RuleSet } from '../../lib/rules/schema.ts';
import { ReviewPage } from '../../lib/review/page.ts';
import { makePdf } from '../helpers/documents.ts';
import { startAwsStub, type AwsStub } from './aws-stub.ts';
import { bundleDirOf, emailFilterLocalEnv, environmentOf, LAMBDA_BASE_ENV } from './bundles.ts';
import { synthGateway, SYNTH_TIMEOUT_MS, type SynthesisedGateway } from './synth.ts';

const run = promisify(execFile);

/** Imports a bundle in a fresh Node process and calls its handler with the event, if one is given. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, event] = process.argv.slice(1);
const { handler } = await import(pathToFileURL(bundle).href);
const result = event === undefined ? typeof handler : await handler(JSON.parse(event));
process.stdout.write('\\n@@result ' + JSON.stringify(result ?? null) + '\\n');
`;

interface Ran {
  result: unknown;
  output: string;
}

async function runBundle(dir: string, env: Record<string, string>, event?: unknown): Promise<Ran> {
  const args = ['--input-type=module', '-e', RUNNER, join(dir, 'index.mjs'), ...(event === undefined ? [] : [JSON.stringify(event)])];
  const { stdout, stderr } = await run(process.execPath, args, { cwd: dir, env: { ...LAMBDA_BASE_ENV, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@result '));
  if (!line) throw new Error(`the bundle produced no result:\n${stderr}`);
  return { result: JSON.parse(line.slice('@@result '.length)), output: stdout + stderr };
}

/**
 * The bundle's rule files loaded afresh as its function loads them at cold start: from inside the
 * bundle's folder, which is Lambda's working directory, so that the files have the same names.
 */
async function freshRuleSet(dir: string): Promise<RuleSet> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await loadRuleSet(join(dir, 'rules'), ENGINE_RULE_CHECKS);
  } finally {
    process.chdir(cwd);
  }
}

let gateway: SynthesisedGateway;

const bundleDir = (name: FunctionName): string => bundleDirOf(gateway, name);

beforeAll(() => {
  gateway = synthGateway({}, true);
}, SYNTH_TIMEOUT_MS);


describe.each(FUNCTION_NAMES)('the %s bundle', (name) => {
  it('is a single ES module with its source map, the pdf.js worker and every rule file', () => {
    const dir = bundleDir(name);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['index.mjs', 'index.mjs.map', PDF_WORKER_NAME, 'rules']));
    expect(files.filter((f) => f.endsWith('.js') || f === 'node_modules')).toEqual([]);
    const shipped = readdirSync(join(PROJECT_ROOT, 'rules')).filter((f) => f.endsWith('.yaml'));
    expect(shipped.length).toBeGreaterThan(0);
    for (const file of shipped) expect(readFileSync(join(dir, 'rules', file), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'rules', file), 'utf8'));
    expect(existsSync(join(dir, 'rules', 'local'))).toBe(true);
  });

  it('carries the rule set its rule files make, validated as the function loads them, named as on Lambda', async () => {
    const dir = bundleDir(name);
    const [entry, ...others] = readdirSync(join(dir, RULES_CACHE_FOLDER));
    expect(others).toEqual([]);
    const fresh = await freshRuleSet(dir);
    expect(fresh.sources).toContain('rules/policy.yaml');
    expect(JSON.parse(readFileSync(join(dir, RULES_CACHE_FOLDER, entry!), 'utf8'))).toEqual(fresh);
  });

  it("keeps a source map of the project's own code only", () => {
    const { sources } = JSON.parse(readFileSync(join(bundleDir(name), 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(sources.some((source) => source.endsWith(`functions/${name}/handler.ts`))).toBe(true);
    expect(sources.filter((source) => source.includes('node_modules/'))).toEqual([]);
  });

  it('loads in a plain Node process and exports its handler', async () => {
    const { result } = await runBundle(bundleDir(name), environmentOf(gateway, name));
    expect(result).toBe('function');
  });
});

/** Starts the bundled attachment worker in a worker thread of a fresh Node process and has it read a PDF. */
const WORKER_RUNNER = `
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
const [entry, pdf] = process.argv.slice(1);
const worker = new Worker(pathToFileURL(entry), { execArgv: [] });
worker.once('message', (reply) => { process.stdout.write('\\n@@result ' + JSON.stringify(reply) + '\\n'); void worker.terminate(); });
worker.once('error', (error) => { process.stderr.write(String(error)); process.exit(1); });
const limits = { maxAttachmentBytes: 1e7, maxInflatedBytes: 1e8, maxPdfPages: 100, maxPdfObjects: 1e5, extractTimeoutMs: 30000, extractMemoryMb: 256 };
worker.postMessage({ input: { content: Buffer.from(pdf, 'base64'), contentType: 'application/pdf', filename: 'form.pdf' }, ctx: { limits, maxChars: 1e6 } });
`;

it("builds the attachment worker into the email filter's bundle only, the readers out of its handler, and the worker reads a PDF there", async () => {
  for (const name of FUNCTION_NAMES) expect(readdirSync(bundleDir(name)).includes(EXTRACT_WORKER_NAME)).toBe(name === 'email-filter');
  const dir = bundleDir('email-filter');
  // The worker reads every attachment there, so the handler's bundle is built without the readers.
  expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).not.toContain('GlobalWorkerOptions');
  expect(readFileSync(join(dir, EXTRACT_WORKER_NAME), 'utf8')).toContain('GlobalWorkerOptions');
  const pdf = Buffer.from(makePdf(['Read in a worker thread'])).toString('base64');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', WORKER_RUNNER, join(dir, EXTRACT_WORKER_NAME), pdf], { cwd: dir, timeout: 60_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@result '));
  expect(JSON.parse(line?.slice('@@result '.length) ?? 'null')).toEqual({ extraction: { kind: 'text', text: 'Read in a worker thread' } });
});

it("puts the review page's files in the review API's bundle, with the reports page's Chart.js, and serves them from there", async () => {
  const dir = join(bundleDir('review-api'), 'review-page');
  expect(readdirSync(dir).sort()).toEqual([...readdirSync(join(PROJECT_ROOT, 'lib', 'review', 'review-page')), 'chart.umd.js'].sort());
  const served = await new ReviewPage({ dir }).file('chart.umd.js');
  expect(served?.body?.toString('utf8')).toContain('Chart.js v4');
});

describe('the email filter bundle, run', () => {
  const BUCKET = 'gateway-messages-bundle';
  const KEY = 'intake/mail-manager/0193a7c2-5e1f-7b04-9d3a-6c2e8f1b4a70';
  const NINO = 'AB 12 34 56 C';
  const TOKEN = 'BundleTestOriginToken0123456789abcdefghijklmnopq';
  const INGRESS = 'inp-bundle-test';
  let s3: RunningS3;
  let dynamo: RunningDynamo;
  let stub: AwsStub;
  const calls = (): AwsStub['calls'] => stub.calls;

  /** What the JSON-protocol services answer, by X-Amz-Target. */
  const JSON_ANSWERS: Record<string, unknown> = {
    'secretsmanager.GetSecretValue': { Name: 'councillor-gateway/email/origin-token', SecretString: TOKEN },
    'MailManagerSvc.StartArchiveSearch': { SearchId: 'search-bundle' },
    'MailManagerSvc.GetArchiveSearch': { Status: { State: 'COMPLETED' } },
    'MailManagerSvc.GetArchiveSearchResults': {
      Rows: [
        {
          MessageId: '<bundle-test@rushcliffe.gov.uk>',
          IngressPointId: INGRESS,
          Envelope: { From: 'cllr.jporter@rushcliffe.gov.uk', To: ['editor@westbridgford-wire.example', 'friends.of.gresham@example.org'] },
        },
      ],
    },
  };

  /** As Exchange sends it (with the origin token), or as the gateway keeps it (without). */
  function message(stamped = false): Buffer {
    const pdf = Buffer.from(makePdf(['Application form', `National Insurance number: ${NINO}`])).toString('base64');
    return Buffer.from(
      [
        ...(stamped ? [`X-Gateway-Origin: ${TOKEN}`] : []),
        'From: Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>',
        'To: editor@westbridgford-wire.example',
        'Subject: Form as discussed',
        'Message-ID: <bundle-test@rushcliffe.gov.uk>',
        'Date: Mon, 24 Nov 2025 09:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Please see the attached form.',
        '--b1',
        'Content-Type: application/pdf; name="form.pdf"',
        'Content-Disposition: attachment; filename="form.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        ...(pdf.match(/.{1,76}/g) ?? []),
        '--b1--',
        '',
      ].join('\r\n'),
    );
  }

  let ran: Ran;

  beforeAll(async () => {
    [stub] = await Promise.all([startAwsStub(JSON_ANSWERS), (async () => ([s3, dynamo] = await Promise.all([startS3(BUCKET), startDynamo()])))()]);
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: message(true) }));
    const event = JSON.parse(readFileSync(join(PROJECT_ROOT, 'events', 's3-object-created.json'), 'utf8'));
    event.Records[0].s3.bucket = { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` };
    event.Records[0].s3.object.key = KEY;
    ran = await runBundle(
      bundleDir('email-filter'),
      environmentOf(gateway, 'email-filter', await emailFilterLocalEnv({ s3, dynamo, stubUrl: stub.url }, { bucket: BUCKET, ingressPointId: INGRESS })),
      event,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all([s3?.close(), dynamo?.close(), stub?.close()]);
  });

  const keysUnder = async (prefix: string) =>
    ((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);

  it('holds the message for what its PDF attachment says, keeping a held copy without the origin token', async () => {
    expect(ran.result).toBeNull();
    const held = (await dynamo.doc.send(new ScanCommand({ TableName: HELD_TABLE }))).Items ?? [];
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'held' });
    const copy = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: held[0]!.s3Key as string }));
    expect(Buffer.from(await copy.Body!.transformToByteArray()).equals(message())).toBe(true);
  });

  it('records the decision with the identifier found in the PDF', async () => {
    const records = ((await dynamo.doc.send(new ScanCommand({ TableName: DECISIONS_TABLE }))).Items ?? []).filter((item) => item.decision !== undefined);
    expect(records).toHaveLength(1);
    const record = (await dynamo.doc.send(new GetCommand({ TableName: DECISIONS_TABLE, Key: { id: records[0]!.id } }))).Item!;
    expect(JSON.stringify(record)).toContain('uk-nino');
    expect(JSON.stringify(record)).not.toContain(NINO);
  });

  it('reads the token and the envelope, explains the hold to the councillor through SES and tells IG through SNS', () => {
    expect(calls().map((c) => c.service).sort()).toEqual([
      'json:MailManagerSvc.GetArchiveSearch',
      'json:MailManagerSvc.GetArchiveSearchResults',
      'json:MailManagerSvc.StartArchiveSearch',
      'json:secretsmanager.GetSecretValue',
      'query:Publish',
      'sesv2:SendEmail',
    ]);
    const notice = calls().find((c) => c.service === 'query:Publish')!;
    expect(notice.body).not.toContain(NINO.replaceAll(' ', '+'));
  });

  it('takes the message out of intake once decided, and never logs the identifier', async () => {
    expect(await keysUnder('intake/')).toEqual([]);
    expect(ran.output).not.toContain(NINO);
    expect(ran.output).not.toContain(NINO.replaceAll(' ', ''));
    expect(ran.output).not.toContain(TOKEN);
  });
});

describe("the email filter bundle's own rule set, run", () => {
  const BUCKET = 'gateway-messages-rules';
  const TOKEN = 'RulesTestOriginToken0123456789abcdefghijklmnopqr';
  const INGRESS = 'inp-rules-test';
  const SENDER = 'cllr.jporter@rushcliffe.gov.uk';
  const RECIPIENT = 'editor@westbridgford-wire.example';
  /** The version the bundle's entry is given here, so that a decision shows where its rule set came from. */
  const MARK = 'from-the-bundled-entry';
  const IDS = { kept: 'rules-kept@rushcliffe.gov.uk', changed: 'rules-changed@rushcliffe.gov.uk' };
  let s3: RunningS3;
  let dynamo: RunningDynamo;
  let stub: AwsStub;
  const copies: string[] = [];

  beforeAll(async () => {
    [stub, s3, dynamo] = await Promise.all([
      startAwsStub({
        'secretsmanager.GetSecretValue': { Name: 'councillor-gateway/email/origin-token', SecretString: TOKEN },
        'MailManagerSvc.StartArchiveSearch': { SearchId: 'search-rules' },
        'MailManagerSvc.GetArchiveSearch': { Status: { State: 'COMPLETED' } },
        'MailManagerSvc.GetArchiveSearchResults': {
          Rows: Object.values(IDS).map((id) => ({ MessageId: `<${id}>`, IngressPointId: INGRESS, Envelope: { From: SENDER, To: [RECIPIENT] } })),
        },
      }),
      startS3(BUCKET),
      startDynamo(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([s3?.close(), dynamo?.close(), stub?.close()]);
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the email filter's bundle, its rule set entry marked. */
  function markedCopy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-bundle-'));
    copies.push(dir);
    cpSync(bundleDir('email-filter'), dir, { recursive: true });
    const cache = join(dir, RULES_CACHE_FOLDER);
    const [entry] = readdirSync(cache);
    const kept = JSON.parse(readFileSync(join(cache, entry!), 'utf8')) as RuleSet;
    writeFileSync(join(cache, entry!), JSON.stringify({ ...kept, version: MARK }));
    return dir;
  }

  /** Runs the bundle in `dir` as a cold start on a message with this Message-ID; the rule set version its decision names. */
  async function decide(dir: string, messageId: string): Promise<unknown> {
    const key = `intake/mail-manager/${messageId}`;
    const raw = [
      `X-Gateway-Origin: ${TOKEN}`,
      `From: Cllr Jane Porter <${SENDER}>`,
      `To: ${RECIPIENT}`,
      'Subject: Thursday',
      `Message-ID: <${messageId}>`,
      'Date: Mon, 24 Nov 2025 09:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See you at the planning committee on Thursday.',
      '',
    ].join('\r\n');
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: raw }));
    const event = JSON.parse(readFileSync(join(PROJECT_ROOT, 'events', 's3-object-created.json'), 'utf8'));
    event.Records[0].s3.bucket = { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` };
    event.Records[0].s3.object.key = key;
    const { result, output } = await runBundle(
      dir,
      environmentOf(gateway, 'email-filter', {
        ...(await emailFilterLocalEnv({ s3, dynamo, stubUrl: stub.url }, { bucket: BUCKET, ingressPointId: INGRESS })),
        GATEWAY_RULES_DIR: join(dir, 'rules'),
      }),
      event,
    );
    expect(result, output).toBeNull();
    const records = (await dynamo.doc.send(new ScanCommand({ TableName: DECISIONS_TABLE }))).Items ?? [];
    const record = records.find((item) => item.messageId === `<${messageId}>` && item.decision !== undefined);
    expect(record, JSON.stringify(records)).toBeDefined();
    return record!.ruleSetVersion;
  }

  it('decides with the rule set kept in the bundle', async () => {
    expect(await decide(markedCopy(), IDS.kept)).toBe(MARK);
  }, 60_000);

  it('loads the rule files afresh once one of them has changed in the bundle', async () => {
    const dir = markedCopy();
    // A council's own setting, added to the bundle after it was built.
    writeFileSync(join(dir, 'rules', 'local', 'council.yaml'), 'policy: {minScore: 0.65}\n');
    const fresh = await freshRuleSet(dir);
    expect(fresh.policy.minScore).toBe(0.65);
    expect(await decide(dir, IDS.changed)).toBe(fresh.version);
  }, 60_000);
});
