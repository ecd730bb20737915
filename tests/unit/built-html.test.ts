import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What a built page sends is meant for residents. An HTML comment in a component's markup is sent
 * with every page that uses it: the note on "Was this page helpful?" cost every content page about
 * 200 bytes gzip until 2026-12-07. Developer notes belong in `{/* *\/}` or the frontmatter.
 * Allowed: React's empty text separators (`<!-- -->`), Astro's island end marker, and the shells'
 * placeholders the functions fill (`<!--page:…-->`, `<!--staff:…-->`).
 * Runs on the built site (scripts/test.ts sets CHECK_BUILT_SITE); skipped before any build.
 */
const built = process.env['CHECK_BUILT_SITE'];
const ALLOWED = /^<!--(?: |astro:end|page:[a-z]+|staff:[a-z]+)-->$/;

const strayComments = (html: string): string[] =>
  [...html.matchAll(/<!--[\s\S]*?-->/g)].map(([comment]) => comment).filter((comment) => !ALLOWED.test(comment));

describe('HTML comments', () => {
  it('finds a developer note and lets the markers through', () => {
    expect(strayComments('<p>a<!-- -->b</p><!--astro:end--><!--page:main--><!--staff:body-->')).toEqual([]);
    expect(strayComments('<div><!--\n  Why this is plain HTML\n--></div>')).toHaveLength(1);
  });
});

describe.skipIf(!built)('every built page', () => {
  const dist = resolve(built ?? 'dist');

  it('sends no developer comments', () => {
    // Read here, not in the suite's body: Vitest runs a skipped suite's body to collect its tests,
    // and before a build (npm test's first pass) there is no dist/ to read.
    const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(100);
    const found = pages.flatMap((page) =>
      strayComments(readFileSync(join(dist, page), 'utf8')).map((comment) => `${page}: ${comment.slice(0, 80)}`),
    );
    expect(found).toEqual([]);
  });
});
