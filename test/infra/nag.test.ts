// cdk-nag's AwsSolutions checks over the whole app, as cdk.json configures it and with other sender
// ranges: no finding is left
// unacknowledged, every acknowledgement matches a finding that really occurs (none is stale), each
// has a reason, and all of them are made in infra/nag-acknowledgements.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { createGatewayApp, projectContext } from '../../infra/create-app.ts';
import { GatewayStack } from '../../infra/gateway-stack.ts';
import { PROJECT_ROOT } from '../../infra/layout.ts';
import { acknowledgeFindings } from '../../infra/nag-acknowledgements.ts';
import { readSettings } from '../../infra/settings.ts';
import { MAIL_MANAGER_CONTEXT, SYNTH_TIMEOUT_MS } from './synth.ts';

const MODES = {
  'cdk.json': {},
  'other sender ranges': MAIL_MANAGER_CONTEXT,
} as const;

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

interface Finding {
  rule: string;
  path: string;
}

function findings(scope: IConstruct): Finding[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: (r as { constructPath: string }).constructPath })));
}

/** The stack as the factory builds it, but with nothing acknowledged yet. */
function unacknowledged(context: Record<string, unknown>): GatewayStack {
  const app = new App({ context: projectContext(), postCliContext: { ...context, ...NO_BUNDLING } });
  const settings = readSettings(app.node);
  return new GatewayStack(app, settings.stackName, { settings });
}

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
  );
}

describe.each(Object.entries(MODES))('AwsSolutions checks with the settings of %s', (_mode, context) => {
  it('leaves no finding unacknowledged', () => {
    const { app } = createGatewayApp({ context, bundle: false });
    expect(findings(app)).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('acknowledges only findings that occur, each with a specific reason', () => {
    const stack = unacknowledged(context);
    const raw = findings(stack);
    expect(raw.length).toBeGreaterThan(0);
    acknowledgeFindings(stack);
    const acks = acknowledgements(stack).filter((ack) => !ack.id.startsWith('CloudFormation-Validate::'));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const rule = ack.id.replace(/^Annotation::/, '');
      const covered = raw.filter((f) => f.rule === rule && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)));
      expect(covered.length, `${ack.id} on ${ack.path} matches no finding`).toBeGreaterThan(0);
      expect(ack.reason.length, `${ack.id} on ${ack.path}`).toBeGreaterThanOrEqual(60);
    }
    expect(findings(stack)).toEqual([]);
  }, SYNTH_TIMEOUT_MS);
});

describe('the checks themselves', () => {
  it('report a finding nobody acknowledged, such as an unencrypted, unlogged bucket', () => {
    const { app, stack } = createGatewayApp({ bundle: false });
    new Bucket(stack, 'Careless');
    const rules = findings(app).filter((f) => f.path.includes('/Careless/')).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  }, SYNTH_TIMEOUT_MS);

  it('make synthesis fail on such a finding', () => {
    const { app, stack } = createGatewayApp({ bundle: false });
    new Bucket(stack, 'Careless');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  }, SYNTH_TIMEOUT_MS);
});

describe('acknowledgements in one place', () => {
  const infraFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? infraFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
    });

  it('only infra/nag-acknowledgements.ts acknowledges findings', () => {
    const acknowledging = infraFiles(join(PROJECT_ROOT, 'infra'))
      .filter((file) => /\.acknowledge\(/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(PROJECT_ROOT.length));
    expect(acknowledging).toEqual(['infra/nag-acknowledgements.ts']);
  });
});
