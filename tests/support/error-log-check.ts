import { afterAll, afterEach, beforeEach } from 'vitest';
import { errorLogState } from './error-logs.ts';

/**
 * Vitest setup file (vitest.config.ts, vitest.serial.config.ts): watches what this process writes
 * to stderr for the error-level lines of src/server/log.ts, and fails the test (or the file, for
 * lines written in beforeAll/afterAll or between tests) when one appears that was not declared
 * with expectErrorLogs. So "no unexplained error in a test run" is checked on every run, rather
 * than by someone reading the output. Lines from server processes a test starts are that test's
 * to read; they do not pass through here.
 */
const state = errorLogState();
let unexpected: string[] = [];

function errorMessages(chunk: unknown): string[] {
  const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : '';
  const messages: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"level":"error"')) continue;
    try {
      const entry: unknown = JSON.parse(line);
      if (typeof entry === 'object' && entry !== null && 'level' in entry && entry.level === 'error') {
        messages.push('message' in entry ? String(entry.message) : line);
      }
    } catch {
      // Not a log line.
    }
  }
  return messages;
}

const write = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
  const allowed = state.inTest ? [...state.file, ...state.test] : state.file;
  for (const message of errorMessages(chunk)) {
    if (!allowed.some((pattern) => pattern.test(message))) unexpected.push(message);
  }
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stderr.write;

function check(where: string): void {
  if (unexpected.length === 0) return;
  const lines = unexpected;
  unexpected = [];
  throw new Error(
    `${where} logged ${lines.length === 1 ? 'an error line' : `${lines.length} error lines`} it did not declare:\n` +
      `${lines.map((line) => `  ${line}`).join('\n')}\n` +
      'If it injects this fault on purpose, call expectErrorLogs(/…/) from tests/support/error-logs.ts; otherwise fix the cause.',
  );
}

beforeEach(() => {
  // Lines written before this test (the file's beforeAll, or an earlier test's timers) are the file's.
  check('Set-up or a previous test');
  state.inTest = true;
  state.test = [];
});

afterEach(() => {
  state.inTest = false;
  state.test = [];
  check('This test');
});

afterAll(() => {
  check("This file's set-up or tear-down");
});
