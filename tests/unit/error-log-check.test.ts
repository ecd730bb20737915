import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

/**
 * The suite's error-log check (tests/support/error-log-check.ts) run on a fixture whose test names
 * say which the check must fail: an undeclared error line fails its test; a declared one does not.
 */
it('fails exactly the tests that log an error line they did not declare', async () => {
  const report = join(mkdtempSync(join(tmpdir(), 'clearshare-error-logs-')), 'report.json');
  await promisify(execFile)(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'tests/fixtures/error-log-check/vitest.config.ts',
      '--reporter=json',
      `--outputFile=${report}`,
    ],
    { env: { ...process.env, CI: '' } },
  ).catch(() => undefined); // failing tests are the point; the report says which
  const results: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] = JSON.parse(
    readFileSync(report, 'utf8'),
  ).testResults;
  const outcomes = results.flatMap((file) => file.assertionResults.map((test) => [test.title, test.status]));
  expect(outcomes).toEqual([
    ['passes: logs only info and warnings', 'passed'],
    ['fails: logs an error it did not declare', 'failed'],
    ['passes: declares the fault it injects', 'passed'],
    ['fails: declares one fault but logs another', 'failed'],
    ['fails: a declaration does not carry over from the test before', 'failed'],
  ]);
  const undeclared = results[0]?.assertionResults[1]?.failureMessages.join('\n') ?? '';
  expect(undeclared).toContain('This test logged an error line it did not declare');
  expect(undeclared).toContain('Outbox dispatch failed; will try again');
});
