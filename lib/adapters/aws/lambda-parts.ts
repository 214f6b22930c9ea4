// What every Lambda door is built with besides its settings and AWS clients: Powertools' logger
// and metrics, the cached rules engine, and a clock tests can set.
import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { EngineState } from './engine-cache.ts';

export interface LambdaParts {
  logger: PowertoolsLogger;
  metrics: Metrics;
  engines: () => Promise<EngineState>;
  now?: () => Date;
}
