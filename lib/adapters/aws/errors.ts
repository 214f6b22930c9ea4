// Errors the AWS email door throws to Lambda. Messages are fixed sentences: the causes (SDK errors,
// which can quote addresses) are kept as `cause` for debugging and never copied into the message.
import { GatewayError } from '../../errors.ts';

/**
 * The invocation did not finish and must run again: Lambda's asynchronous retries (and, after
 * them, the on-failure destination) take it from here. Everything done so far is idempotent.
 */
export class RetryableError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** An event named an intake object that is not there: already finished, or a misconfigured prefix. */
export class IntakeMissingError extends GatewayError {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeMissingError';
  }
}
