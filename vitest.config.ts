import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/build-dist.ts'],
    testTimeout: 30_000,
    // Set-up hooks that send mail through a local gateway wait for its scanning threads to start,
    // from the TypeScript sources through tsx: a second or more each on a loaded machine.
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
