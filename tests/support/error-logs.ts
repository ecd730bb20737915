/**
 * Error-level log lines in tests. An error line in the server log is what wakes someone up, so a
 * test run must not print one that nobody meant: tests/support/error-log-check.ts (a Vitest setup
 * file) fails any test, or any file's set-up and tear-down, that writes an error line it did not
 * declare. A test that injects a fault on purpose says which lines it expects.
 */
export interface ErrorLogState {
  /** Patterns allowed for the whole file (declared outside a test: at the top or in beforeAll). */
  file: RegExp[];
  /** Patterns allowed for the test that is running. */
  test: RegExp[];
  /** True while a test (with its beforeEach and afterEach) runs. */
  inTest: boolean;
}

const KEY = Symbol.for('clearshare.error-logs');

export function errorLogState(): ErrorLogState {
  const store = globalThis as { [KEY]?: ErrorLogState };
  store[KEY] ??= { file: [], test: [], inTest: false };
  return store[KEY];
}

/**
 * Declares the error lines this test (or, called outside a test, this whole file) expects because
 * it injects the fault behind them, e.g. `expectErrorLogs(/Outbox dispatch failed/)`. Each
 * pattern is matched against the line's message. Lines that match none still fail the test.
 */
export function expectErrorLogs(...patterns: RegExp[]): void {
  if (patterns.length === 0) throw new Error('expectErrorLogs needs at least one pattern for the lines expected');
  const state = errorLogState();
  (state.inTest ? state.test : state.file).push(...patterns);
}
