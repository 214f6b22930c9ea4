// The app factory: infra/app.ts and the infrastructure tests build the app the same way, from the
// settings in cdk.json, with the cdk-nag checks attached.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GatewayStack } from './gateway-stack.ts';
import { PROJECT_ROOT } from './layout.ts';
import { acknowledgeFindings } from './nag-acknowledgements.ts';
import { readSettings, type Settings } from './settings.ts';

export interface GatewayAppOptions {
  /** Context over cdk.json's and the command line's (tests try other settings with it). */
  context?: Record<string, unknown>;
  /** Where the cloud assembly goes; defaults to what the CDK CLI asks for, else a temporary folder. */
  outdir?: string;
  /** false: skip esbuild, for tests that only read the template. */
  bundle?: boolean;
}

export interface GatewayApp {
  app: App;
  stack: GatewayStack;
  settings: Settings;
}

/** The context cdk.json documents: the defaults under whatever the command line adds. */
export function projectContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function createGatewayApp(options: GatewayAppOptions = {}): GatewayApp {
  const app = new App({
    context: projectContext(),
    postCliContext: {
      ...options.context,
      // An empty list of stacks to bundle: assets are referenced but esbuild never runs.
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const settings = readSettings(app.node);
  const stack = new GatewayStack(app, settings.stackName, { settings });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeFindings(stack);
  return { app, stack, settings };
}
