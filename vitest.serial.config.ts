import { defineConfig } from 'vitest/config';

/** Tests that start several server processes (the PostgreSQL cluster mode), run alone after the main suite. */
export default defineConfig({
  test: {
    include: ['tests/**/*.serial.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
