import { defineConfig } from 'vitest/config';

/** Tests that start several server processes (the PostgreSQL cluster mode), run alone after the main suite. */
export default defineConfig({
  test: {
    include: ['tests/**/*.serial.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Fails a test that logs an error line it did not declare (tests/support/error-logs.ts).
    setupFiles: ['tests/support/error-log-check.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
