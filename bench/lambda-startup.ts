// `npm run bench:lambda`: each function bundled exactly as `cdk synth` bundles it (the app built with
// infra's own bundling settings), its size, and how long a fresh Node process takes to import it
// (init), as Lambda does on a cold start. The email filter then handles a first S3 event (cold) and
// a second (warm) — a real council message each, read from s3rver, decided with dynalite as
// DynamoDB and a local stub for Secrets Manager, the Mail Manager archive, SES and SNS: no network.
// The other functions are timed to the end of their init.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Template } from 'aws-cdk-lib/assertions';
import { createGatewayApp } from '../infra/create-app.ts';
import { FUNCTION_NAMES, PROJECT_ROOT, type FunctionName } from '../infra/layout.ts';
import { startDynamo, startS3 } from '../test/adapters/aws/helpers/protocol-servers.ts';
import { startAwsStub } from '../test/infra/aws-stub.ts';
import { bundleDirOf, emailFilterLocalEnv, environmentOf, LAMBDA_BASE_ENV, type BundledGateway } from '../test/infra/bundles.ts';
import { untilIdle } from './processes.ts';

const TARGET_COLD_MS = 1000;
const BUCKET = 'gateway-messages-bench';
const INGRESS = 'inp-bench';
const TOKEN = 'BenchOriginToken0123456789abcdefghijklmnopqrstuv';
const SENDER = 'cllr.dokafor@rushcliffe.gov.uk';
const RECIPIENT = 'planning@example.net';
/** Two of the corpus's messages: a hold (contact details) for the cold start, a pass for the warm one. */
const MESSAGES = ['hold-contact-phone-and-email.eml', 'pass-benign-business-phone.eml'];

/**
 * Runs in the fresh process: times the import, then each event; prints one JSON line. performance.now()
 * counts from the process's start, so `init` includes Node's own start-up, as a Lambda cold start does.
 */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, ...events] = process.argv.slice(1);
const { handler } = await import(pathToFileURL(bundle).href);
const times = { init: performance.now(), events: [] };
for (const event of events) {
  const t = performance.now();
  let error;
  try { await handler(JSON.parse(event)); } catch (e) { error = e.name + ': ' + e.message; }
  times.events.push({ ms: performance.now() - t, ...(error ? { error } : {}) });
}
process.stdout.write('\\n@@times ' + JSON.stringify(times) + '\\n');
`;

interface Times {
  init: number;
  events: Array<{ ms: number; error?: string }>;
}

async function runBundle(dir: string, env: Record<string, string>, events: unknown[]): Promise<Times> {
  await untilIdle();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER, join(dir, 'index.mjs'), ...events.map((e) => JSON.stringify(e))], {
      cwd: dir,
      env: { ...LAMBDA_BASE_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('@@times '));
      if (line) resolve(JSON.parse(line.slice('@@times '.length)) as Times);
      else reject(new Error(`the bundle in ${dir} printed no times:\n${out.slice(-2000)}`));
    });
  });
}

/** The corpus message with the Message-ID the archive stub knows it by. */
function message(name: string, id: string): Buffer {
  const text = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'corpus', name), 'latin1').replace(/^Message-ID:[^\n]*\n/im, '');
  return Buffer.from(`X-Gateway-Origin: ${TOKEN}\r\nMessage-ID: <${id}>\r\n${text}`, 'latin1');
}

const work = mkdtempSync(join(tmpdir(), 'bench-lambda-'));
try {
  process.stderr.write('Bundling the functions as cdk synth does…\n');
  const { stack } = createGatewayApp({ outdir: work, bundle: true });
  const gateway: BundledGateway = { stack, template: Template.fromStack(stack), outdir: work };

  const ids = MESSAGES.map((_, i) => `bench-${i}@rushcliffe.gov.uk`);
  const stub = await startAwsStub({
    'secretsmanager.GetSecretValue': { Name: 'councillor-gateway/email/origin-token', SecretString: TOKEN },
    'MailManagerSvc.StartArchiveSearch': { SearchId: 'search-bench' },
    'MailManagerSvc.GetArchiveSearch': { Status: { State: 'COMPLETED' } },
    'MailManagerSvc.GetArchiveSearchResults': {
      Rows: ids.map((id) => ({ MessageId: `<${id}>`, IngressPointId: INGRESS, Envelope: { From: SENDER, To: [RECIPIENT] } })),
    },
  });
  const [s3, dynamo] = await Promise.all([startS3(BUCKET), startDynamo()]);
  try {
    const template = JSON.parse(readFileSync(join(PROJECT_ROOT, 'events', 's3-object-created.json'), 'utf8'));
    const events = await Promise.all(
      MESSAGES.map(async (name, i) => {
        const key = `intake/mail-manager/bench-${i}`;
        await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: message(name, ids[i]!) }));
        const event = structuredClone(template);
        event.Records[0].s3.bucket = { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` };
        event.Records[0].s3.object.key = key;
        return event;
      }),
    );
    const local = await emailFilterLocalEnv({ s3, dynamo, stubUrl: stub.url }, { bucket: BUCKET, ingressPointId: INGRESS });

    console.log(`Lambda start-up on ${process.version} (a fresh process per row; Lambda itself runs Node 24 on ARM)\n`);
    let missed = false;
    for (const name of FUNCTION_NAMES as readonly FunctionName[]) {
      const dir = bundleDirOf(gateway, name);
      const size = `${(statSync(join(dir, 'index.mjs')).size / 1024 / 1024).toFixed(2)} MB`;
      const withEvents = name === 'email-filter';
      const times = await runBundle(dir, environmentOf(gateway, name, withEvents ? local : {}), withEvents ? events : []);
      let line = `${name.padEnd(17)} bundle ${size.padStart(8)}   init ${times.init.toFixed(0).padStart(5)} ms`;
      if (withEvents) {
        const [cold, warm] = times.events;
        const coldTotal = times.init + cold!.ms;
        missed = coldTotal >= TARGET_COLD_MS || Boolean(cold!.error || warm!.error);
        line += `   first event ${cold!.ms.toFixed(0)} ms (cold total ${coldTotal.toFixed(0)} ms, ${coldTotal < TARGET_COLD_MS ? 'ok' : 'MISS'}, target < ${TARGET_COLD_MS})   second event ${warm!.ms.toFixed(0)} ms (warm)`;
        for (const event of times.events) if (event.error) line += `\n  an event failed: ${event.error}`;
      }
      console.log(line);
    }
    process.exitCode = missed ? 1 : 0;
  } finally {
    await Promise.all([s3.close(), dynamo.close(), stub.close()]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
