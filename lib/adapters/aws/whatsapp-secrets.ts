// The WhatsApp credentials from Secrets Manager, by name, cached in the container. The cache is
// short-lived so that a value the operator puts in after deployment (the stack creates each secret
// with a placeholder) or rotates is picked up without a redeploy; a secret that is missing or
// empty is not cached, and reads as "not configured". Values never reach a log or an error.
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GatewayError } from '../../errors.ts';

/** Five minutes: a warm container asks Secrets Manager about a dozen times an hour per secret. */
export const SECRET_CACHE_MS = 5 * 60 * 1000;

export class SecretReadError extends GatewayError {
  constructor(secretName: string, options?: { cause?: unknown }) {
    super(`could not read the secret ${secretName} from Secrets Manager`, options);
    this.name = 'SecretReadError';
  }
}

interface Cached {
  value: Promise<string | undefined>;
  until: number;
}

export class SecretCache {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = SECRET_CACHE_MS,
  ) {}

  /** The secret's text, or undefined when there is no such secret or it is empty. */
  get(name: string): Promise<string | undefined> {
    const cached = this.cache.get(name);
    if (cached && cached.until > this.now()) return cached.value;
    const value = this.read(name);
    this.cache.set(name, { value, until: this.now() + this.ttlMs });
    // Only a value is worth keeping: "missing" and failures are asked about again next time.
    value.then(
      (v) => v === undefined && this.cache.delete(name),
      () => this.cache.delete(name),
    );
    return value;
  }

  private async read(name: string): Promise<string | undefined> {
    try {
      const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: name }));
      const value = SecretString?.trim();
      return value ? value : undefined;
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw new SecretReadError(name, { cause: error });
    }
  }
}
