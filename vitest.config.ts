import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    // PGlite takes seconds to open; storage tests open one per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
