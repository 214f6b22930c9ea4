// The function bundles of a synthesised gateway, as cdk synth left them: where each one is, and the
// environment its function is given in the template, with stand-ins for values known only at
// deployment. Shared by the bundle tests and the Lambda start-up bench.
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { GatewayFunction } from '../../infra/constructs/gateway-function.ts';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import type { FunctionName } from '../../infra/layout.ts';
import { DECISIONS_TABLE, HELD_TABLE, type RunningDynamo, type RunningS3 } from '../adapters/aws/helpers/protocol-servers.ts';

/** A gateway app synthesised with its bundles into `outdir`. */
export interface BundledGateway {
  stack: GatewayStack;
  template: Template;
  outdir: string;
}

export const functionsOf = (g: BundledGateway): Record<FunctionName, GatewayFunction> => ({
  'email-filter': g.stack.emailFilter.function,
  'whatsapp-send': g.stack.whatsapp.send,
  'whatsapp-webhook': g.stack.whatsapp.webhook,
  'review-api': g.stack.review.function,
});

/** The folder holding the function's index.mjs, its map, the rules and the pdf.js worker. */
export const bundleDirOf = (g: BundledGateway, name: FunctionName): string =>
  join(g.outdir, (functionsOf(g)[name].fn.node.findChild('Code') as Asset).assetPath);

/** Stand-ins for values known only at deployment, where a reader checks their form. */
const DEPLOY_TIME: Readonly<Record<string, string>> = {
  GATEWAY_REVIEW_SIGN_IN_URL: 'https://gateway-review.auth.eu-west-2.amazoncognito.com',
  GATEWAY_REVIEW_CLIENT_ID: 'localclient0123456789abcde',
  GATEWAY_REVIEW_PAGE_URL: 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/',
};

/** The function's environment from the template, with deploy-time values replaced by local ones. */
export function environmentOf(g: BundledGateway, name: FunctionName, local: Record<string, string> = {}): Record<string, string> {
  const fn = functionsOf(g)[name].fn;
  const resource = g.template.toJSON().Resources[(g.stack as Stack).getLogicalId(fn.node.defaultChild as never)];
  const variables = resource.Properties.Environment.Variables as Record<string, unknown>;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    if (typeof value === 'string') env[key] = value;
    else env[key] = DEPLOY_TIME[key] ?? (key.endsWith('_ARN') ? 'arn:aws:sns:eu-west-2:111122223333:gateway-alerts' : `local-${key.toLowerCase()}`);
  }
  // On Lambda the bundle is unpacked in /var/task; here it stays where cdk synth put it.
  if ('GATEWAY_RULES_DIR' in env) env.GATEWAY_RULES_DIR = join(bundleDirOf(g, name), 'rules');
  return { ...env, ...local };
}

/** Only what a Lambda would have: no AWS profile or credentials from the machine running the bundle. */
export const LAMBDA_BASE_ENV: Readonly<Record<string, string>> = {
  PATH: process.env.PATH ?? '',
  HOME: '/tmp',
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
};

/** Where an SDK client's requests go. */
async function endpointOf(client: RunningS3['client'] | RunningDynamo['doc']): Promise<string> {
  const e = await client.config.endpoint!();
  return `${e.protocol}//${e.hostname}:${e.port}`;
}

/**
 * The email filter's settings and AWS endpoints for a run of its bundle here: s3rver and dynalite
 * for S3 and DynamoDB, the stub for every other service.
 */
export async function emailFilterLocalEnv(
  servers: { s3: RunningS3; dynamo: RunningDynamo; stubUrl: string },
  settings: { bucket: string; ingressPointId: string },
): Promise<Record<string, string>> {
  const { s3, dynamo, stubUrl } = servers;
  return {
    GATEWAY_BUCKET: settings.bucket,
    GATEWAY_DECISIONS_TABLE: DECISIONS_TABLE,
    GATEWAY_HELD_TABLE: HELD_TABLE,
    GATEWAY_INGRESS_POINT_ID: settings.ingressPointId,
    AWS_ENDPOINT_URL_S3: await endpointOf(s3.client),
    AWS_ENDPOINT_URL_DYNAMODB: await endpointOf(dynamo.doc),
    AWS_ENDPOINT_URL_SESV2: stubUrl,
    AWS_ENDPOINT_URL_SES: stubUrl,
    AWS_ENDPOINT_URL_SNS: stubUrl,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: stubUrl,
    AWS_ENDPOINT_URL_MAILMANAGER: stubUrl,
    // s3rver predates the SDK's default upload checksums.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}
