import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prebundleFunctions } from '../../scripts/prebundle-functions.ts';

/**
 * Issue 13: a cold start sets up only what every request needs. The page renderer (react-dom's
 * server build) and the YAML parser behind the site settings are inlined in each function's
 * module but set up on first use: a JSON opt-out never renders a page, and the settings are read
 * beside the database connection. Checked on the module the build writes for Netlify's bundler,
 * imported in a fresh Node process with V8's coverage on: a package's code that ran at import
 * has a call count of 1, one that waits has 0.
 */
interface FunctionCoverage {
  functionName: string;
  ranges: { count: number }[];
}

describe('the opt-out function as built for deployment, when its module loads', () => {
  const out = mkdtempSync(join(tmpdir(), 'clearshare-cold-start-'));
  const calls = new Map<string, number>();

  beforeAll(async () => {
    await prebundleFunctions(join(out, 'functions'));
    const coverageDir = join(out, 'coverage');
    mkdirSync(coverageDir);
    const moduleUrl = pathToFileURL(join(out, 'functions', 'opt-out.mjs')).href;
    execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(moduleUrl)});`], {
      env: { PATH: process.env['PATH'] ?? '', NODE_V8_COVERAGE: coverageDir },
    });
    for (const file of readdirSync(coverageDir)) {
      const { result } = JSON.parse(readFileSync(join(coverageDir, file), 'utf8')) as {
        result: { url: string; functions: FunctionCoverage[] }[];
      };
      for (const fn of result.find((script) => script.url === moduleUrl)?.functions ?? []) {
        calls.set(fn.functionName, fn.ranges[0]?.count ?? 0);
      }
    }
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // esbuild names each inlined CommonJS file's wrapper after its path.
  const ranAtImport = (path: string) => calls.get(`node_modules/${path}`);

  it('sets up what the handlers use at once (the check that the coverage is read)', () => {
    expect(ranAtImport('react/cjs/react-jsx-runtime.production.js')).toBe(1);
  });

  it('leaves the page renderer until the first page', () => {
    expect(ranAtImport('react-dom/cjs/react-dom-server-legacy.node.production.js')).toBe(0);
    expect(ranAtImport('react-dom/cjs/react-dom.production.js')).toBe(0);
  });

  it('leaves the YAML parser until the settings are first read', () => {
    expect(ranAtImport('yaml/dist/index.js')).toBe(0);
  });
});
