import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prebundleFunctions } from '../../scripts/prebundle-functions.ts';

/**
 * Issue 13's import target (the opt-out function loads in under 150 ms): a resident's function
 * carries and sets up only what it answers with. Checked on the module the build writes for
 * Netlify's bundler: its text for the tables it defines, and, imported in a fresh Node process
 * with V8's coverage on, which of our functions ran at import (call count 1) or waited (0).
 */
describe('the opt-out function as built for deployment', () => {
  const out = mkdtempSync(join(tmpdir(), 'clearshare-opt-out-import-'));
  let source = '';
  const calls = new Map<string, number>();

  beforeAll(async () => {
    await prebundleFunctions(join(out, 'functions'));
    const modulePath = join(out, 'functions', 'opt-out.mjs');
    source = readFileSync(modulePath, 'utf8');
    const coverageDir = join(out, 'coverage');
    mkdirSync(coverageDir);
    const moduleUrl = pathToFileURL(modulePath).href;
    execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(moduleUrl)});`], {
      env: { PATH: process.env['PATH'] ?? '', NODE_V8_COVERAGE: coverageDir },
    });
    for (const file of readdirSync(coverageDir)) {
      const { result } = JSON.parse(readFileSync(join(coverageDir, file), 'utf8')) as {
        result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
      };
      for (const fn of result.find((script) => script.url === moduleUrl)?.functions ?? []) {
        calls.set(fn.functionName, fn.ranges[0]?.count ?? 0);
      }
    }
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const definesTable = (name: string) => new RegExp(`pgTable\\(\\s*["']${name}["']`).test(source);

  it('defines the tables an opt-out is saved in (the check that it can see a table)', () => {
    expect(definesTable('opt_out_requests')).toBe(true);
    expect(definesTable('outbox_messages')).toBe(true);
  });

  it("leaves out the staff screens' and other areas' tables, which no opt-out touches", () => {
    for (const table of [
      'staff_users',
      'staff_sessions',
      'staff_audit_log',
      'feedback_items',
      'feedback_notes',
      'retention_runs',
      'opt_out_match_uploads',
      'subject_access_decisions',
    ]) {
      expect(definesTable(table), table).toBe(false);
    }
  });

  it("joins no language's UI strings until the first string is asked for", () => {
    // A function that never ran has a count of 0; one left out of the module has no entry.
    expect(calls.get('t')).toBe(0);
    expect(calls.get('joinFiles')).toBe(0);
  });
});
