import { readdirSync, readFileSync } from 'node:fs';
import { type Browser, test as base } from '@playwright/test';

// Everything else is Playwright's own (`expect`, the types); the `test` below takes the place of its.
export * from '@playwright/test';

/** How long a worker waits for Chromium to shut down when its tests are done. */
export const BROWSER_CLOSE_DEADLINE_MS = 20_000;

/**
 * The processes this worker started directly whose command is Chromium. Playwright starts the
 * browser as a child of the worker, in a process group of its own (Linux only, as these runs are).
 */
export function chromiumChildren(parent = process.pid): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and brackets, so read from the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === parent && /chrom/i.test(comm)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/**
 * Closes the browser and waits for it to exit, at most `deadlineMs`; past that, kills the process
 * groups of `pids` (the browser's, from chromiumChildren) and waits for the close to finish.
 */
export async function closeWithDeadline(
  browser: Browser,
  pids: number[],
  deadlineMs = BROWSER_CLOSE_DEADLINE_MS,
): Promise<'closed' | 'killed'> {
  const closed = browser.close({ reason: 'Test ended.' }).then(() => 'closed' as const);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const outcome = await Promise.race([closed, deadline]);
  clearTimeout(timer);
  if (outcome === 'closed') return outcome;
  console.error(
    `Chromium (pid ${pids.join(', ') || 'unknown'}) had not exited ${deadlineMs / 1000} s after the worker closed it; killing its process group`,
  );
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await closed;
  return 'killed';
}

/**
 * Every browser test here imports `test` from this module, not from '@playwright/test' (Biome's
 * noRestrictedImports says so). It is Playwright's own `test`, with one change: the worker's
 * browser is closed with a deadline.
 *
 * Playwright's browser fixture waits for Chromium to exit without a limit. A clean-clone CI run
 * (2026-12-07) failed after all its journeys passed, on an error raised in a worker's teardown that
 * carried Chromium's log up to "<gracefully close start>". Its most likely cause, a scan context
 * closed without anyone waiting (tests/e2e/support.ts), is mended there; a Chromium that will not
 * exit would fail a run the same way, so if Chromium has not exited within BROWSER_CLOSE_DEADLINE_MS
 * its process group is killed (SIGKILL), which is what Playwright itself does on a second close, and
 * the worker says so on its error output.
 */
export const test = base.extend<object, object>({
  browser: [
    async ({ playwright, browserName }, use) => {
      if (browserName !== 'chromium') throw new Error(`These runs use Debian's Chromium, not ${browserName}`);
      const before = new Set(chromiumChildren());
      // Launch options come from the config (`use.launchOptions`) through Playwright's defaults, as
      // in its own fixture.
      const browser = await playwright.chromium.launch();
      const started = chromiumChildren().filter((pid) => !before.has(pid));
      await use(browser);
      await closeWithDeadline(browser, started);
    },
    { scope: 'worker', timeout: 0 },
  ],
});
