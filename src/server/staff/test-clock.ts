import type { Env } from '../env.ts';

/** The header an end-to-end test sets to move the server's clock for staff sessions. */
export const TEST_CLOCK_HEADER = 'x-clearshare-test-now';

/**
 * The clock for one request. Normally the real one. The idle sign-out journey needs the server
 * to believe 15 minutes have passed while the browser runs without JavaScript (the browser side
 * is faked with Playwright's clock), so an end-to-end test may send the time in a header —
 * honoured only when NODE_ENV=test AND STAFF_TEST_CLOCK=allow. env.ts refuses STAFF_TEST_CLOCK in
 * any other environment at start-up, so production cannot be made to accept it.
 */
export function staffClock(env: Env, request: Request): () => Date {
  if (env.NODE_ENV !== 'test' || env.STAFF_TEST_CLOCK !== 'allow') return () => new Date();
  const value = request.headers.get(TEST_CLOCK_HEADER);
  const fixed = value ? new Date(value) : undefined;
  if (!fixed || Number.isNaN(fixed.getTime())) return () => new Date();
  return () => fixed;
}

/**
 * What the local server hands each function as `context.now` (main.ts → app.ts): a clock a test
 * may set, only when this environment allows it; otherwise nothing, and functions use the real
 * time. No function imports this module, so the deployed bundles carry no test code and never
 * read the header (tests/unit/functions-no-test-code.test.ts).
 */
export function testClockFor(env: Env): ((request: Request) => () => Date) | undefined {
  if (env.NODE_ENV !== 'test' || env.STAFF_TEST_CLOCK !== 'allow') return undefined;
  return (request) => staffClock(env, request);
}
