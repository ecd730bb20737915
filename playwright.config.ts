import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium.ts';

/**
 * End-to-end journeys in Debian's Chromium (Playwright cannot download its own browser here)
 * against the real local server: built site + functions, on an embedded database in a
 * throwaway folder. Every journey runs twice: with JavaScript on and with it off.
 */
const port = Number(process.env['E2E_PORT'] ?? 4399);
const dataDir = process.env['E2E_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'clearshare-e2e-'));
process.env['E2E_DATA_DIR'] = dataDir;
// Emails go to a real SMTP server on loopback (tests/e2e/global-setup.ts), which files each one here.
const smtpPort = Number(process.env['E2E_SMTP_PORT'] ?? port + 1000);
process.env['E2E_SMTP_PORT'] = String(smtpPort);
process.env['E2E_MAIL_DIR'] ??= join(dataDir, 'received-mail');

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // Two workers for two cores: each runs Chromium beside the one server, so more only queue. Journeys
  // scan every screen with axe at three widths (about 0.5 s a width since axe is injected once a page,
  // more without JavaScript, where each scan opens a page of its own; docs/accessibility.md), and a
  // busy shared machine can triple that. A time limit, not a speed test: speed is measured in bench/.
  timeout: 90_000,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: { baseURL: `http://127.0.0.1:${port}`, launchOptions: chromiumLaunchOptions, trace: 'off' },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
  globalSetup: './tests/e2e/global-setup.ts',
  // The wrapper makes the staff accounts the journeys sign in with (scripts/e2e-server.ts), then
  // starts the real server; the embedded database allows one process at a time.
  webServer: {
    command: 'node --import tsx scripts/e2e-server.ts',
    // Ready when the home page is served. Not /api/health: Playwright starts this server before
    // the global set-up starts the SMTP server, so the health check's mail probe would log an
    // error (mail route unavailable) that the run then fails on (tests/e2e/global-setup.ts).
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OUTBOX_INTERVAL_MS: '500',
      NODE_ENV: 'test',
      // The journeys submit many forms from one address; the limits themselves have their own tests.
      RATE_LIMIT_PER_CLIENT_PER_HOUR: '10000',
      // Lets the idle sign-out journey move the server's session clock (src/server/staff/test-clock.ts).
      STAFF_TEST_CLOCK: 'allow',
    },
  },
});
