// The WhatsApp secrets from Secrets Manager: read by name, cached for a while, "missing" not cached.
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SECRET_CACHE_MS, SecretCache, SecretReadError } from '../../../lib/adapters/aws/whatsapp-secrets.ts';

const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());
afterAll(() => sm.restore());

const client = () => new SecretsManagerClient({ region: 'eu-west-2' });
const notFound = () => new ResourceNotFoundException({ message: 'Secrets Manager can\'t find the specified secret.', $metadata: {} });

describe('SecretCache', () => {
  it('reads a secret by name once while it is fresh, and again after', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'gateway/whatsapp/app-secret' }).resolves({ SecretString: ' s3cret\n' });
    let now = 1_000;
    const cache = new SecretCache(client(), () => now);
    expect(await cache.get('gateway/whatsapp/app-secret')).toBe('s3cret');
    now += SECRET_CACHE_MS - 1;
    expect(await cache.get('gateway/whatsapp/app-secret')).toBe('s3cret');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now += 2;
    await cache.get('gateway/whatsapp/app-secret');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it.each([
    ['a secret that does not exist', () => sm.on(GetSecretValueCommand).rejectsOnce(notFound()).resolves({ SecretString: 'later' })],
    ['an empty secret', () => sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: '  ' }).resolves({ SecretString: 'later' })],
  ])('reads %s as not configured, and asks again next time', async (_name, arrange) => {
    arrange();
    const cache = new SecretCache(client());
    expect(await cache.get('name')).toBeUndefined();
    expect(await cache.get('name')).toBe('later');
  });

  it('fails with the secret\'s name (never its value) when Secrets Manager fails, and does not cache the failure', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(new Error('AccessDeniedException')).resolves({ SecretString: 'value' });
    const cache = new SecretCache(client());
    await expect(cache.get('gateway/whatsapp/access-token')).rejects.toThrow(SecretReadError);
    await expect(cache.get('gateway/whatsapp/access-token')).resolves.toBe('value');
  });
});
