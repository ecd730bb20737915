import { chromiumChildren, closeWithDeadline, expect, test } from '../support/playwright-test.ts';

/**
 * The workers' browser is closed with a deadline (tests/support/playwright-test.ts). A Chromium that
 * cannot exit is made here by stopping it (SIGSTOP): the close must give up at the deadline, kill the
 * process group, and finish, instead of holding the worker until its teardown times out.
 */
test('a browser that will not exit is killed at the deadline, and one that exits is not', async ({
  playwright,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'js', 'about the workers, not pages: once is enough');

  const before = new Set(chromiumChildren());
  const stuck = await playwright.chromium.launch();
  const pids = chromiumChildren().filter((pid) => !before.has(pid));
  expect(pids).toHaveLength(1);
  process.kill(pids[0] ?? 0, 'SIGSTOP');
  const started = Date.now();
  expect(await closeWithDeadline(stuck, pids, 2_000)).toBe('killed');
  expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  expect(chromiumChildren()).not.toContain(pids[0]);

  const healthy = await playwright.chromium.launch();
  const others = chromiumChildren().filter((pid) => !before.has(pid));
  expect(await closeWithDeadline(healthy, others, 20_000)).toBe('closed');
  expect(chromiumChildren().filter((pid) => others.includes(pid))).toEqual([]);
});
