import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { functionPages } from '../../scripts/reading-age-functions.ts';
import { readingAgeOfHtml } from '../../src/domain/reading-age-html.ts';
import { pageShellDir } from '../support/page-shells.ts';

/**
 * The reading-age gate reaches the pages no build writes (issue 14): what the functions answer a
 * resident without JavaScript, got through the functions themselves against an embedded database.
 */
const shells = pageShellDir();
// The cross-site refusal finds its shell through the environment, as it does when deployed.
vi.stubEnv('STATIC_DIR', shells);
afterAll(() => vi.unstubAllEnvs());
/** One journey for the file: the embedded database takes seconds to open. */
let pages: Map<string, string>;
beforeAll(async () => {
  pages = new Map(await functionPages(shells, 'content'));
});

describe('pages the functions render, as a resident meets them', () => {
  it('follows an opt-out from its errors to the confirmation and back through the status pages', async () => {
    const text = (name: string) => (pages.get(`function: ${name}`) ?? '').replace(/<[^>]+>/g, ' ');
    expect(text('opt-out form with every error')).toContain('There is a problem');
    expect(text('check your answers')).toContain('Bench Person 1');
    const reference = /\b[A-Z2-9]{8}\b/.exec(text('opt-out confirmation'))?.[0];
    expect(reference).toBeDefined();
    expect(text('status of a request')).toContain(reference);
    for (const name of [
      'transparency',
      'status not found',
      'asking to withdraw',
      'an unknown email link',
      'contact form with every error',
      'contact confirmation',
      'was this page helpful: thanks',
      'database unavailable',
      'page not found',
      'form sent from another website',
      'opt-out draft expired',
    ]) {
      expect(pages.has(`function: ${name}`), name).toBe(true);
    }
    for (const [name, html] of pages) expect(readingAgeOfHtml(html).words, name).toBeGreaterThan(10);
  });

  it('reads at 11 or under on each, measured on its <main> as the gate measures built pages', () => {
    expect(pages.size).toBeGreaterThan(20);
    for (const [name, html] of pages) expect(readingAgeOfHtml(html).readingAge, name).toBeLessThanOrEqual(11);
  });
});
