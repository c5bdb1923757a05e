import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The process tests (test/server-process.ts) spawn the production bundle.
    globalSetup: ['test/build-server.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
