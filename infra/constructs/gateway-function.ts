// One Lambda function of the gateway: bundled from functions/<name>/handler.ts, Node.js 24 on ARM64,
// its own role (no managed policies: each function is granted exactly what it uses), its own log
// group with a retention period, and the rule files in its bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal, type PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, PROJECT_ROOT, type FunctionName } from '../layout.ts';
import { bundlingWith, type BundledFolder } from './bundling.ts';

export interface GatewayFunctionProps {
  name: FunctionName;
  description: string;
  /** The function's settings (lib/adapters/aws/env.ts reads them). */
  environment: Record<string, string>;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  /** Caps concurrent runs to protect what the function calls; undefined leaves it unreserved. */
  reservedConcurrentExecutions?: number | undefined;
  /** Folders (or files) the code reads from beside its bundle, besides the rules. */
  bundledFolders?: readonly BundledFolder[];
  /** The function reads attachments: its bundle gets the worker thread that reads them. */
  readsAttachments?: boolean;
}

/** The newest Node.js runtime Lambda offers; the bundle's esbuild target follows it (bundling.ts). */
export const RUNTIME = Runtime.NODEJS_24_X;
export const ARCHITECTURE = Architecture.ARM_64;

export const handlerEntry = (name: FunctionName): string => join(PROJECT_ROOT, 'functions', name, 'handler.ts');

export class GatewayFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GatewayFunctionProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} function`,
    });
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup.grantWrite(this.role);

    const entry = handlerEntry(props.name);
    // A missing handler fails the synthesis: a gateway deployed with a door that cannot run would
    // look healthy until messages started failing.
    if (!existsSync(entry)) throw new Error(`functions/${props.name}/handler.ts does not exist: every gateway function needs its handler`);
    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: bundlingWith({ ...(props.bundledFolders ? { folders: props.bundledFolders } : {}), extractWorker: props.readsAttachments ?? false }),
      description: props.description,
      runtime: RUNTIME,
      architecture: ARCHITECTURE,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Stack traces point into the TypeScript sources rather than the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
  }

  /** Adds statements to this function's own policy. */
  allow(...statements: PolicyStatement[]): void {
    for (const statement of statements) this.role.addToPrincipalPolicy(statement);
  }
}
