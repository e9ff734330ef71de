import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    // a loaded CI machine renders pages slower than a laptop: polls wait up to 10 s before failing
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    reporters: ['default'],
  },
});
