import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { functionPages } from '../../scripts/reading-age-functions.ts';

/**
 * The purge (scripts/purge-css.ts) can never silently break a component: every class a page or a
 * state uses must still have a rule in the stylesheets THAT page links. The purge makes one copy of
 * each stylesheet per template (content pages, residents' form pages, staff), so a content page
 * using a class that only the forms' copy kept fails here, though the class has a rule somewhere.
 * Reads the built, purged site, so `npm test` runs it after the
 * build (scripts/test.ts sets CHECK_BUILT_SITE); in the first Vitest pass, before any build, it is
 * skipped. Run by hand: npm run build, then CHECK_BUILT_SITE=dist vitest run tests/unit/css-coverage.test.ts
 */
const built = process.env['CHECK_BUILT_SITE'];

/**
 * Classes that are meant to have no rule: hooks for scripts and tests, and NHS.UK frontend names
 * set in markup whose look comes from a parent's rule or from nothing at all. Each with its reason.
 * None of them had a rule before the purge either (checked against the unpurged build, 2026-12-06),
 * except the table parts: they have rules, but only under a modifier their tables do not use.
 */
const TABLE_PARTS =
  'NHS.UK frontend 10 styles a plain table by its elements (th, td); these names have rules only under a modifier (--responsive, --compact, --striped) that the table does not use';
const UNSTYLED_CLASSES = new Map<string, string>([
  ['a-to-z__letter', 'the A to Z on /search/: a name for the list, laid out by NHS.UK list rules'],
  ['a-to-z__nav', 'the A to Z on /search/: a name for the list, laid out by NHS.UK list rules'],
  ['choice', '/your-choices/: names each choice for tests; styled by its parts'],
  ['choice-compare', '/your-choices/: a name for the comparison table; styled by nhsuk-table'],
  ['choice-flow', '/your-choices/: a name for the question list; styled by NHS.UK rules'],
  ['clearshare-line', 'check your answers: a name for a line of an address; plain text'],
  ['clearshare-page-helpful', '"was this page helpful": its script finds the box by this name'],
  ['clearshare-page-helpful__form', '"was this page helpful": its script finds the form by this name'],
  ['clearshare-paper-form', '/opt-out/paper-form/: a name for the printed form; print rules style its elements'],
  ['clearshare-paper-ticks', '/opt-out/paper-form/: a name for the tick boxes; a plain list'],
  ['clearshare-reference', 'the reference on confirmations: found by tests; styled by nhsuk-panel'],
  ['cms-absolute-claims', 'CMS preview check: the content check finds the notice by this name'],
  ['cms-reading-age', 'CMS preview check: the content check finds the notice by this name'],
  ['contact-details', 'a name for the contact block; styled by NHS.UK typography'],
  ['toolkit-side', '/toolkit/ leaflets: a name for each printed side; only the back has a rule (a page break)'],
  ['toolkit-sheet--easy-read', '/toolkit/: names the version; Easy Read is styled by its points, not the sheet'],
  ['toolkit-sheet--standard', '/toolkit/: names the version; the standard print needs no rule of its own'],
  ['faq', '/faqs/: a name for each question, for tests; styled by nhsuk-details'],
  ['home-intro', 'home page: a name for the opening section; styled by NHS.UK typography'],
  ['nhsuk-contents-list', 'NHS.UK frontend styles only its items and links (__item, __link)'],
  ['nhsuk-file-upload', 'NHS.UK frontend 10 has no rule for the file input itself; the browser draws it'],
  [
    'nhsuk-header__navigation-item--current',
    'NHS.UK frontend 10 marks the current item through its link, not this class',
  ],
  ['nhsuk-icon--arrow-right-circle', 'NHS.UK frontend styles the action link icon through nhsuk-action-link__icon'],
  ['nhsuk-panel--confirmation', 'NHS.UK frontend 10 styles the panel by nhsuk-panel alone'],
  [
    'nhsuk-summary-list',
    'the CMS preview check of settings loads site.css only, as the CMS does; public pages get it from forms.css',
  ],
  ['nhsuk-summary-list__key', 'as nhsuk-summary-list'],
  ['nhsuk-summary-list__row', 'as nhsuk-summary-list'],
  ['nhsuk-summary-list__value', 'as nhsuk-summary-list'],
  // The transparency page and a consultation's results (function-rendered, resident stylesheets).
  ['nhsuk-table__body', TABLE_PARTS],
  ['nhsuk-table__cell', TABLE_PARTS],
  ['nhsuk-table__head', TABLE_PARTS],
  ['nhsuk-table__header', TABLE_PARTS],
  ['nhsuk-table__row', TABLE_PARTS],
  ['organisation-filter', '/organisations/: a name for the filter form; styled by NHS.UK form rules'],
  ['translation-notice', "a translated page's notice: a name for tests; styled by nhsuk-inset-text"],
  ['media-transcript', "a BSL or audio version's transcript: a name for the wrapper; styled by NHS.UK typography"],
  ['privacy-controllers', '/privacy-notice/: a name for the controllers list, for tests; a plain list'],
]);

const classesIn = (html: string) =>
  [...html.matchAll(/\sclass="([^"]*)"/g)].flatMap(([, list]) => (list ?? '').split(/\s+/).filter(Boolean));

/** Every class a selector names in a stylesheet: declarations taken out first, so `.5rem` does not count. */
function classesWithRules(css: string): Set<string> {
  // Declaration blocks are the innermost braces; one pass leaves selectors inside @media as they are.
  const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\{[^{}]*\}/g, ';');
  return new Set([...selectors.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map(([, name]) => name ?? ''));
}

function stylesheetsOf(dist: string, html: string): string {
  const linked = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+\.css)"/g)].map(([, href]) =>
    readFileSync(join(dist, href ?? ''), 'utf8'),
  );
  const inline = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map(([, css]) => css ?? '');
  return [...linked, ...inline].join('\n');
}

/** For each page, the classes it uses that no stylesheet it loads has a rule for. */
function classesWithoutRules(dist: string, pages: [string, string][]): Map<string, string[]> {
  const missing = new Map<string, string[]>();
  for (const [name, html] of pages) {
    const rules = classesWithRules(stylesheetsOf(dist, html));
    for (const used of new Set(classesIn(html))) {
      if (rules.has(used) || UNSTYLED_CLASSES.has(used)) continue;
      missing.set(used, [...(missing.get(used) ?? []), name]);
    }
  }
  return missing;
}

describe.skipIf(!built)('the purged CSS keeps a rule for every class in use', () => {
  const dist = resolve(built ?? 'dist');
  let pages: [string, string][] = [];
  vi.stubEnv('STATIC_DIR', dist);
  afterAll(() => vi.unstubAllEnvs());
  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error(`No built site in ${dist}: run the build first`);
    const builtPages = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html'))
      .map((file): [string, string] => [`/${file}`, readFileSync(join(dist, file), 'utf8')]);
    // Every state a resident meets that no build writes: errors, check your answers, confirmation,
    // status at each step, fault pages, through the functions themselves into the purged shell.
    pages = [...builtPages, ...(await functionPages(dist, 'content'))];
  }, 120_000);

  it('finds no class on any built page or function-rendered state without a rule', () => {
    expect(pages.length).toBeGreaterThan(50);
    const missing = Object.fromEntries(
      [...classesWithoutRules(dist, pages)].map(([name, where]) => [name, `${where.length} pages, e.g. ${where[0]}`]),
    );
    // A class here lost its rule to the purge: name its source in SOURCE_CONTENT or SAFELIST
    // (scripts/purge-css.ts). A class meant to have no rule goes in UNSTYLED_CLASSES with its reason.
    expect(missing).toEqual({});
  });
});

describe('how the guard reads a stylesheet', () => {
  it('counts a class named in a selector, inside media queries too, and not numbers in declarations', () => {
    const rules = classesWithRules(
      '/* .commented {} */ .a, .b:hover > .c { margin: .5rem } @media print { .d::after { content: ".e" } }',
    );
    expect([...rules].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
