import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,integration,platform}/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    // Tests that start several server processes run on their own afterwards (vitest.serial.config.ts):
    // beside the rest of the suite they competed for the machine and the database's connections.
    exclude: ['**/node_modules/**', '**/*.serial.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Fails a test that logs an error line it did not declare (tests/support/error-logs.ts).
    setupFiles: ['tests/support/error-log-check.ts'],
    // PGlite takes seconds to open; storage tests open one per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
