import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_DESCRIPTION_MAX, metaDescription } from '../../src/utils/meta-description.ts';

/**
 * Search results and link previews show a page's description and title (src/components/PageMeta.astro).
 * The built-page checks read the built site, so `npm test` runs them after the build (scripts/test.ts
 * sets CHECK_BUILT_SITE); in the first Vitest pass, before any build, they are skipped.
 */
const built = process.env['CHECK_BUILT_SITE'];

/** Not the public site: the CMS app, its preview checks and the staff shell, all kept from search engines. */
const NOT_PUBLIC = /^(admin\/|staff-shell\/)/;

const metaContents = (html: string, attribute: 'name' | 'property', key: string) =>
  [...html.matchAll(new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`, 'g'))].map(([, value]) =>
    (value ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"'),
  );

describe('a meta description from a summary', () => {
  it('keeps a short summary whole, on one line', () => {
    expect(metaDescription('Who can see  your record,\nand why.')).toBe('Who can see your record, and why.');
  });

  it('cuts a long summary at a whole word, with an ellipsis, within 160 characters', () => {
    const summary = `${'From January the community pharmacies in Kelham will see the record. '.repeat(4)}`;
    const description = metaDescription(summary);
    expect(description.length).toBeLessThanOrEqual(META_DESCRIPTION_MAX);
    expect(description.endsWith('…')).toBe(true);
    expect(summary.startsWith(description.slice(0, -1))).toBe(true);
    expect(summary[description.length - 1]).toBe(' ');
  });
});

describe.skipIf(!built)('every built page can be found and shared', () => {
  const dist = resolve(built ?? 'dist');
  const pages = existsSync(dist)
    ? readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !NOT_PUBLIC.test(f))
    : [];

  it('has exactly one description of at most 160 characters, an Open Graph card and a summary card', () => {
    expect(pages.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const page of pages) {
      const html = readFileSync(join(dist, page), 'utf8');
      const descriptions = metaContents(html, 'name', 'description');
      const [description = ''] = descriptions;
      if (descriptions.length !== 1) problems.push(`${page}: ${descriptions.length} descriptions`);
      else if (description.trim() === '' || description.length > META_DESCRIPTION_MAX)
        problems.push(`${page}: description of ${description.length} characters`);
      for (const key of ['og:title', 'og:description', 'og:type', 'og:url']) {
        const values = metaContents(html, 'property', key);
        if (values.length !== 1 || values[0]?.trim() === '') problems.push(`${page}: ${key} ${values.length} times`);
      }
      if (metaContents(html, 'name', 'twitter:card').join() !== 'summary') problems.push(`${page}: no summary card`);
    }
    expect(problems).toEqual([]);
  });
});
