// Builds the gateway app for the infrastructure tests the way infra/app.ts does, from cdk.json's
// settings (over which a test may put its own), without running esbuild unless asked: the template
// tests read the template, not the bundles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { createGatewayApp, type GatewayApp } from '../../infra/create-app.ts';

export interface SynthesisedGateway extends GatewayApp {
  template: Template;
  outdir: string;
}

// Every cloud assembly a test file writes goes under one folder, removed after the file's tests.
let root: string | undefined;
function assemblyDir(): string {
  root ??= mkdtempSync(join(tmpdir(), 'gateway-cdk-'));
  return mkdtempSync(join(root, 'app-'));
}
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/**
 * Synthesising the whole stack takes a few seconds alone and far longer while the rest of the
 * suite shares the machine: hooks and tests that synthesise are given this long.
 */
export const SYNTH_TIMEOUT_MS = 180_000;

export function synthGateway(context: Record<string, unknown> = {}, bundle = false): SynthesisedGateway {
  const outdir = assemblyDir();
  const gateway = createGatewayApp({ context, outdir, bundle });
  return { ...gateway, outdir, template: Template.fromStack(gateway.stack) };
}

/** Address ranges a test admits at the Mail Manager door instead of cdk.json's. */
export const MAIL_MANAGER_CONTEXT = { mailManagerAllowedCidrs: ['203.0.113.0/24', '198.51.100.7/32'] } as const;
