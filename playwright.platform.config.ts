import { defineConfig } from '@playwright/test';
import { platformPorts } from './tests/platform/state.ts';
import { chromiumLaunchOptions } from './tests/support/chromium.ts';

/**
 * The journeys against the site as deployed: every function bundled by Netlify's bundler and run
 * outside the repository, behind a stand-in for Netlify's CDN (tests/platform/global-setup.ts),
 * once on PostgreSQL directly and once through pgbouncer in transaction mode.
 */
const ports = platformPorts();

export default defineConfig({
  testDir: 'tests/platform',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 90_000,
  // One retry in CI: these journeys run real PostgreSQL, pgbouncer, an SMTP sink and 13 function
  // processes on a loaded 2-core machine. A test that passes only on its retry is counted and named
  // in the summary (scripts/test.ts); one that fails twice fails the run. Staff journeys take a fresh
  // account on a retry, because a set-up link works once.
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright-platform.json' }]],
  use: {
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  projects: [
    { name: 'direct', use: { baseURL: `http://127.0.0.1:${ports.direct}` } },
    { name: 'pgbouncer', use: { baseURL: `http://127.0.0.1:${ports.pgbouncer}` } },
  ],
  // Bundling all the functions takes one to two minutes on this machine.
  globalSetup: './tests/platform/global-setup.ts',
  globalTimeout: 20 * 60_000,
});
