import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Removes the temporary folders each test file made (test/helpers/cli.ts tempDir).
    setupFiles: ['test/helpers/setup.ts'],
  },
});
