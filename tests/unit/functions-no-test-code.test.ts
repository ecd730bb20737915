import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prebundleFunctions } from '../../scripts/prebundle-functions.ts';
import { TEST_CLOCK_HEADER } from '../../src/server/staff/test-clock.ts';

/**
 * The deployed functions carry no test-only code: the end-to-end tests' clock reaches the staff
 * back office through the local server's function context (main.ts → app.ts → context.now), so
 * no function module reads the test header, and a deployment could not be made to honour it
 * even by mistake. Checked on the modules the build writes for Netlify's bundler.
 */
describe('functions as built for deployment', () => {
  const out = mkdtempSync(join(tmpdir(), 'clearshare-no-test-code-'));
  beforeAll(async () => {
    await prebundleFunctions(out);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('never mention the end-to-end tests’ clock header', () => {
    const modules = readdirSync(out).filter((file) => file.endsWith('.mjs'));
    expect(modules.length).toBeGreaterThanOrEqual(13);
    const reading = modules.filter((file) => readFileSync(join(out, file), 'utf8').includes(TEST_CLOCK_HEADER));
    expect(reading).toEqual([]);
  });
});
