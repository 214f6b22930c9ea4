// The function bundles exactly as `cdk synth` builds them (esbuild through NodejsFunction, then the
// after-bundling copies): each holds the rule files and the pdf.js worker and loads in a plain Node
// process; and the email filter's bundle, run against a sample S3 event with s3rver, dynalite and a
// stub for SES and SNS, reads a PDF attachment and holds the message.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACT_WORKER_NAME, PDF_WORKER_NAME } from '../../infra/constructs/bundling.ts';
import type { GatewayFunction } from '../../infra/constructs/gateway-function.ts';
import { FUNCTION_NAMES, PROJECT_ROOT, type FunctionName } from '../../infra/layout.ts';
import { DECISIONS_TABLE, HELD_TABLE, startDynamo, startS3, type RunningDynamo, type RunningS3 } from '../adapters/aws/helpers/protocol-servers.ts';
import { makePdf } from '../helpers/documents.ts';
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
  // Only what a Lambda would have: no AWS profile or credentials from the machine running the tests.
  const base = { PATH: process.env.PATH ?? '', HOME: '/tmp', AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
  const { stdout, stderr } = await run(process.execPath, args, { cwd: dir, env: { ...base, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@result '));
  if (!line) throw new Error(`the bundle produced no result:\n${stderr}`);
  return { result: JSON.parse(line.slice('@@result '.length)), output: stdout + stderr };
}

let gateway: SynthesisedGateway;

const functionsOf = (g: SynthesisedGateway): Record<FunctionName, GatewayFunction> => ({
  'email-filter': g.stack.emailFilter.function,
  'whatsapp-send': g.stack.whatsapp.send,
  'whatsapp-webhook': g.stack.whatsapp.webhook,
  'review-api': g.stack.review.function,
});

const bundleDir = (name: FunctionName): string => join(gateway.outdir, (functionsOf(gateway)[name].fn.node.findChild('Code') as Asset).assetPath);

/** Stand-ins for values known only at deployment, where a reader checks their form. */
const DEPLOY_TIME: Readonly<Record<string, string>> = {
  GATEWAY_REVIEW_SIGN_IN_URL: 'https://gateway-review.auth.eu-west-2.amazoncognito.com',
  GATEWAY_REVIEW_CLIENT_ID: 'localclient0123456789abcde',
  GATEWAY_REVIEW_PAGE_URL: 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/',
};

/** The function's environment from the template, with deploy-time values replaced by local ones. */
function environmentOf(name: FunctionName, local: Record<string, string> = {}): Record<string, string> {
  const fn = functionsOf(gateway)[name].fn;
  const resource = gateway.template.toJSON().Resources[gateway.stack.getLogicalId(fn.node.defaultChild as never)];
  const variables = resource.Properties.Environment.Variables as Record<string, unknown>;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    if (typeof value === 'string') env[key] = value;
    else env[key] = DEPLOY_TIME[key] ?? (key.endsWith('_ARN') ? 'arn:aws:sns:eu-west-2:111122223333:gateway-alerts' : `local-${key.toLowerCase()}`);
  }
  // On Lambda the bundle is unpacked in /var/task; here it stays where cdk synth put it.
  if ('GATEWAY_RULES_DIR' in env) env.GATEWAY_RULES_DIR = join(bundleDir(name), 'rules');
  return { ...env, ...local };
}

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

  it('loads in a plain Node process and exports its handler', async () => {
    const { result } = await runBundle(bundleDir(name), environmentOf(name));
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

it("builds the attachment worker into the email filter's bundle only, and it reads a PDF there", async () => {
  for (const name of FUNCTION_NAMES) expect(readdirSync(bundleDir(name)).includes(EXTRACT_WORKER_NAME)).toBe(name === 'email-filter');
  const dir = bundleDir('email-filter');
  const pdf = Buffer.from(makePdf(['Read in a worker thread'])).toString('base64');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', WORKER_RUNNER, join(dir, EXTRACT_WORKER_NAME), pdf], { cwd: dir, timeout: 60_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@result '));
  expect(JSON.parse(line?.slice('@@result '.length) ?? 'null')).toEqual({ extraction: { kind: 'text', text: 'Read in a worker thread' } });
});

it("puts the review page's files in the review API's bundle", () => {
  const page = readdirSync(join(bundleDir('review-api'), 'review-page')).sort();
  expect(page).toEqual(readdirSync(join(PROJECT_ROOT, 'lib', 'review', 'review-page')).sort());
});

describe('the email filter bundle, run', () => {
  const BUCKET = 'gateway-messages-bundle';
  const KEY = 'intake/mail-manager/0193a7c2-5e1f-7b04-9d3a-6c2e8f1b4a70';
  const NINO = 'AB 12 34 56 C';
  const TOKEN = 'BundleTestOriginToken0123456789abcdefghijklmnopq';
  const INGRESS = 'inp-bundle-test';
  let s3: RunningS3;
  let dynamo: RunningDynamo;
  let stub: Server;
  const calls: Array<{ service: string; body: string }> = [];

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

  /** SES v2, SNS, Secrets Manager and the Mail Manager archive answer as the real services would. */
  function startStub(): Promise<number> {
    stub = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const target = request.headers['x-amz-target'];
        if (typeof target === 'string' && target in JSON_ANSWERS) {
          calls.push({ service: `json:${target}`, body });
          response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(JSON_ANSWERS[target]));
          return;
        }
        if (request.url?.startsWith('/v2/email/outbound-emails')) {
          calls.push({ service: 'sesv2:SendEmail', body });
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: 'stub-message' }));
          return;
        }
        const action = new URLSearchParams(body).get('Action');
        calls.push({ service: `query:${action}`, body });
        if (action === 'Publish') {
          response
            .writeHead(200, { 'content-type': 'text/xml' })
            .end('<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>stub</MessageId></PublishResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></PublishResponse>');
          return;
        }
        response.writeHead(400).end();
      });
    });
    return new Promise((resolve) => stub.listen(0, '127.0.0.1', () => resolve((stub.address() as AddressInfo).port)));
  }

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
    const [stubPort] = await Promise.all([startStub(), (async () => ([s3, dynamo] = await Promise.all([startS3(BUCKET), startDynamo()])))()]);
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: message(true) }));
    const event = JSON.parse(readFileSync(join(PROJECT_ROOT, 'events', 's3-object-created.json'), 'utf8'));
    event.Records[0].s3.bucket = { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` };
    event.Records[0].s3.object.key = KEY;
    const s3Endpoint = await s3.client.config.endpoint!();
    const stubUrl = `http://127.0.0.1:${stubPort}`;
    ran = await runBundle(
      bundleDir('email-filter'),
      environmentOf('email-filter', {
        GATEWAY_BUCKET: BUCKET,
        GATEWAY_DECISIONS_TABLE: DECISIONS_TABLE,
        GATEWAY_HELD_TABLE: HELD_TABLE,
        AWS_ENDPOINT_URL_S3: `${s3Endpoint.protocol}//${s3Endpoint.hostname}:${s3Endpoint.port}`,
        AWS_ENDPOINT_URL_DYNAMODB: (await dynamoEndpoint()) ?? '',
        AWS_ENDPOINT_URL_SESV2: stubUrl,
        AWS_ENDPOINT_URL_SES: stubUrl,
        AWS_ENDPOINT_URL_SNS: stubUrl,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: stubUrl,
        AWS_ENDPOINT_URL_MAILMANAGER: stubUrl,
        GATEWAY_INGRESS_POINT_ID: INGRESS,
        // s3rver predates the SDK's default upload checksums.
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      }),
      event,
    );
  }, 120_000);

  async function dynamoEndpoint(): Promise<string | undefined> {
    const endpoint = await dynamo.doc.config.endpoint?.();
    return endpoint ? `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}` : undefined;
  }

  afterAll(async () => {
    await Promise.all([s3?.close(), dynamo?.close(), new Promise((resolve) => stub?.close(resolve))]);
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
    expect(calls.map((c) => c.service).sort()).toEqual([
      'json:MailManagerSvc.GetArchiveSearch',
      'json:MailManagerSvc.GetArchiveSearchResults',
      'json:MailManagerSvc.StartArchiveSearch',
      'json:secretsmanager.GetSecretValue',
      'query:Publish',
      'sesv2:SendEmail',
    ]);
    const notice = calls.find((c) => c.service === 'query:Publish')!;
    expect(notice.body).not.toContain(NINO.replaceAll(' ', '+'));
  });

  it('takes the message out of intake once decided, and never logs the identifier', async () => {
    expect(await keysUnder('intake/')).toEqual([]);
    expect(ran.output).not.toContain(NINO);
    expect(ran.output).not.toContain(NINO.replaceAll(' ', ''));
    expect(ran.output).not.toContain(TOKEN);
  });
});
