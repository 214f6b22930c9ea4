// Backs lib/'s Logger with Powertools Logger, so every line the shared code writes is a structured
// CloudWatch line carrying the invocation's context (request id, cold start, appended keys).
import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogFields, Logger } from '../../log.ts';

export function powertoolsLog(logger: PowertoolsLogger): Logger {
  const extra = (fields: LogFields | undefined): Record<string, unknown> => ({ ...fields });
  return {
    info: (message, fields) => logger.info(message, extra(fields)),
    warn: (message, fields) => logger.warn(message, extra(fields)),
    error: (message, fields) => logger.error(message, extra(fields)),
  };
}
