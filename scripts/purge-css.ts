import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import postcss, { type Rule } from 'postcss';
import { PurgeCSS } from 'purgecss';
import { residentSources, TEMPLATES, type Template, templateOf } from './css-templates.ts';
import { dropMsHighContrast } from './drop-ms-high-contrast.ts';
import { dropUnmatchedRules, parsePage } from './drop-unmatched-rules.ts';
import { canFold, foldedCss, foldMembers, linkFolded } from './fold-css.ts';
import { mergeAdjacentRules } from './merge-adjacent-rules.ts';

/**
 * The step of `npm run build` between Astro's build and compression (issue 20): takes out of every
 * stylesheet the built pages load the rules that nothing can use. `site.css` is mostly NHS.UK
 * frontend, about 195 KB raw, and a phone on a weak signal gets about 14 KB in its first round trip.
 *
 * Each stylesheet is purged once per template (scripts/css-templates.ts), against what can use it
 * on that template's pages, so no page or state loses a rule:
 * - content pages: their built HTML, which is everything they will ever show (no script, no island,
 *   no form but the "Was this page helpful?" vote, whose answer is a form-shell page);
 * - residents' form pages and the form shells (form-shell/ in each language) the functions render
 *   into: those pages, plus the source of everything that prints a resident's page at run time
 *   (every form state: errors, check your answers, confirmation, status; the islands that re-render
 *   in the browser). Any word in those files keeps a class of that name: generous, but a class the
 *   server can print is never lost. The staff screens' source is left out;
 * - the staff shell, the CMS and its preview checks: every built page and SOURCE_CONTENT, the
 *   generous purge all pages had before the split;
 * - SAFELIST: classes whose names are built at run time from a value, so no file holds them whole
 *   (RESIDENT_SAFELIST: those a resident's page can print).
 *
 * Every copy is a filtered copy of the same compiled CSS, so the rules keep their order. The
 * `-ms-high-contrast` media queries go (scripts/drop-ms-high-contrast.ts); on the content pages,
 * whose HTML is all they will ever show, so do the rules no element of them can match
 * (scripts/drop-unmatched-rules.ts); neighbouring rules of the same selector are joined
 * (scripts/merge-adjacent-rules.ts); and the sheets every page of a template links are folded into
 * one file (scripts/fold-css.ts). Each file gets
 * a new name from its content, and the pages are pointed at their template's copies: `/_astro/`
 * files are cached as immutable, so a file whose rules change must not keep an old name. The
 * original stays only while a script still names it (the CMS loads site.css for its previews).
 * tests/unit/css-coverage.test.ts renders every page and state and fails if a class has no rule in
 * the stylesheets that page links.
 */
export const SOURCE_CONTENT = [
  'src/server/**/*.{ts,tsx}',
  'src/forms/**/*.{ts,tsx}',
  'src/islands/**/*.{ts,tsx}',
  'src/admin/**/*.{ts,tsx}',
  'src/domain/**/*.ts',
];

/** Classes built from a value at run time (grep className={` and class:list). */
export const SAFELIST = {
  standard: [
    /^nhsuk-tag--/, // src/forms/components/Tag.tsx: `nhsuk-tag--${colour}`
    /^nhsuk-input--width-/, // src/forms/components/{DateInput,TextInput}.tsx: `nhsuk-input--width-${width}`
  ],
};

/**
 * The residents' pages print no tag: Tag.tsx is imported by the staff screens only, so it is not
 * among the resident sources (residentSources) and neither are its colours.
 */
export const RESIDENT_SAFELIST = { standard: SAFELIST.standard.filter((pattern) => !pattern.test('nhsuk-tag--blue')) };

/**
 * Content pages run no script, so nothing adds a class after the build: their HTML is the whole
 * list. States the browser gives an element with no class or attribute in the HTML are kept by
 * PurgeCSS itself: pseudo-classes (`:focus` on the skip link and every link, `:hover`, `:target`)
 * are never matched against the content, and `[open]` (a `details` opened) and `[checked]` are
 * always kept. Print rules (`_print.scss`) and the right-to-left rules for /ur/ (`rtl.scss`, on
 * `[dir=rtl]`) are matched like any other: their classes and the `dir` attribute are in the HTML.
 */
export const CONTENT_SAFELIST = { standard: [] as RegExp[] };

/** Stylesheets a template's pages now load as one file (scripts/fold-css.ts). */
export interface FoldedFile {
  template: Template;
  /** The purged copies folded in, in cascade order. */
  members: string[];
  file: string;
  /** How many of the template's pages link it, and how many pages the template has. */
  pages: number;
  of: number;
}

export interface PurgedFile {
  /** The pages this copy is for. */
  template: Template;
  before: string;
  after: string;
  bytesBefore: number;
  bytesAfter: number;
}

const stylesheetRefs = (html: string) =>
  [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/_astro\/[^"]+\.css)"/g)].flatMap(([, href]) =>
    href ? [href] : [],
  );

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => join(dir, name));
}

/** A rule's identity: the at-rules round it (media queries), its selector and its declarations. */
function ruleKey(rule: Rule): string {
  let context = '';
  for (let parent = rule.parent; parent && parent.type !== 'root'; parent = parent.parent) {
    context = `${parent.type === 'atrule' && 'name' in parent ? `@${parent.name} ${parent.params}` : parent.type}|${context}`;
  }
  return `${context}${rule.selector}{${rule.nodes.map(String).join(';')}}`;
}

/**
 * Each stylesheet compiles NHS.UK frontend's shared parts again (the forms stylesheet repeats the
 * button, typography and form-group rules of site.css: about 2.3 KB gzip of its 5.2 KB). A rule
 * that a stylesheet linked LATER on every page that links this one repeats exactly changes nothing
 * here: the later copy wins the cascade anyway. So it is dropped. A stylesheet that comes first on
 * some page keeps all its rules. `sheets` maps each href to its CSS; `orders` is each page's links.
 */
export function dropRepeatedRules(sheets: Map<string, string>, orders: string[][]): Map<string, string> {
  const keys = new Map(
    [...sheets].map(([href, css]) => {
      const found = new Set<string>();
      postcss.parse(css).walkRules((rule) => {
        found.add(ruleKey(rule));
      });
      return [href, found];
    }),
  );
  const out = new Map<string, string>();
  for (const [href, css] of sheets) {
    const linking = orders.filter((order) => order.includes(href));
    const alwaysLater = [...sheets.keys()].filter(
      (other) =>
        other !== href && linking.length > 0 && linking.every((order) => order.indexOf(other) > order.indexOf(href)),
    );
    if (alwaysLater.length === 0) {
      out.set(href, css);
      continue;
    }
    const root = postcss.parse(css);
    root.walkRules((rule) => {
      const key = ruleKey(rule);
      if (alwaysLater.some((later) => keys.get(later)?.has(key))) rule.remove();
    });
    root.walkAtRules((atRule) => {
      if (atRule.nodes && atRule.nodes.length === 0) atRule.remove();
    });
    out.set(href, root.toString());
  }
  return out;
}

/** A name like Vite's: the file's stem, then 8 characters of its content's hash. */
function hashedName(file: string, css: string): string {
  const stem = basename(file).split('.')[0] ?? 'style';
  const hash = createHash('sha256').update(css).digest('base64url').slice(0, 8);
  return `${stem}.${hash}.css`;
}

interface BuiltPage {
  file: string;
  html: string;
  links: string[];
  template: Template;
}

/** What can use the rules a template's pages get (scripts/css-templates.ts says which page is which). */
function contentFor(template: Template, group: BuiltPage[], all: BuiltPage[], root: string) {
  const html = (pages: BuiltPage[]) => pages.map((page) => ({ raw: page.html, extension: 'html' }));
  const source = (files: string[]) =>
    files.map((file) => ({ raw: readFileSync(file, 'utf8'), extension: file.endsWith('x') ? 'tsx' : 'ts' }));
  if (template === 'content') return html(group);
  if (template === 'resident') return [...html(group), ...source(residentSources(root))];
  return [...html(all), ...SOURCE_CONTENT.map((glob) => join(root, glob))];
}

/**
 * Purges the stylesheets of one template's pages; returns each href's purged CSS, and the rules a
 * later stylesheet on every one of these pages repeats taken out (dropRepeatedRules).
 */
async function purgeTemplate(dist: string, root: string, template: Template, all: BuiltPage[]) {
  const group = all.filter((page) => page.template === template);
  const hrefs = [...new Set(group.flatMap((page) => page.links))].sort();
  if (hrefs.length === 0) return new Map<string, string>();
  const results = await new PurgeCSS().purge({
    content: contentFor(template, group, all, root),
    css: hrefs.map((href) => join(dist, href)),
    safelist: { content: CONTENT_SAFELIST, resident: RESIDENT_SAFELIST, staff: SAFELIST }[template],
    // Custom properties and animations no kept rule refers to (NHS.UK frontend declares about 200).
    variables: true,
    keyframes: true,
  });
  const sheets = new Map(
    results.map((result) => [`/${relative(dist, result.file ?? '')}`, dropMsHighContrast(result.css)]),
  );
  if (template === 'content') {
    // Their HTML is all they will ever be: a rule no element of them can match goes
    // (scripts/drop-unmatched-rules.ts). Each page is parsed once, for every sheet it links.
    const documents = new Map(group.map((page) => [page, parsePage(page.html)]));
    for (const [href, css] of sheets) {
      const linking = group.filter((page) => page.links.includes(href)).flatMap((page) => documents.get(page) ?? []);
      sheets.set(href, dropUnmatchedRules(css, linking));
    }
  }
  const kept = dropRepeatedRules(
    sheets,
    group.map((page) => page.links),
  );
  return new Map([...kept].map(([href, css]) => [href, mergeAdjacentRules(css)]));
}

/** Folds the sheets every page of the template links into one file, and points the pages that can at it. */
function foldTemplate(dist: string, template: Template, all: BuiltPage[], sheets: Map<string, string>) {
  const group = all.filter((page) => page.template === template);
  const members = foldMembers(group.map((page) => page.links));
  const css = foldedCss(members.map((href) => sheets.get(href) ?? ''));
  if (members.length === 0 || css === undefined) return undefined;
  const largest = [...members].sort((a, b) => (sheets.get(b)?.length ?? 0) - (sheets.get(a)?.length ?? 0))[0] ?? '';
  const file = join('/_astro', hashedName(largest, css));
  writeFileSync(join(dist, file), css);
  const folding = group.filter((page) => canFold(page.links, members));
  for (const page of folding) {
    page.html = linkFolded(page.html, members, file);
    page.links = stylesheetRefs(page.html);
  }
  return { template, members, file, pages: folding.length, of: group.length };
}

/**
 * Purges every stylesheet the built pages in `dist` link to, once per template (content pages,
 * residents' form pages, staff and the rest), writes each copy under a name from its content,
 * folds the copies a template's pages share into one file, and points each page at its template's
 * copies. `html` is the built pages' text by file, when the build has read them already
 * (scripts/build-site.ts); without it they are read here.
 */
export async function purgeDist(
  dist: string,
  root = process.cwd(),
  html: Map<string, string> = readPages(dist),
): Promise<{ files: PurgedFile[]; folded: FoldedFile[] }> {
  const pages: BuiltPage[] = [...html].map(([file, text]) => ({
    file,
    html: text,
    links: stylesheetRefs(text),
    template: templateOf(relative(dist, file), text),
  }));
  const purged: PurgedFile[] = [];
  const folded: FoldedFile[] = [];
  for (const template of TEMPLATES) {
    const copies = new Map<string, string>();
    for (const [href, css] of await purgeTemplate(dist, root, template, pages)) {
      const original = readFileSync(join(dist, href), 'utf8');
      const after = css === original ? href : join('/_astro', hashedName(href, css));
      writeFileSync(join(dist, after), css);
      copies.set(after, css);
      purged.push({
        template,
        before: href,
        after,
        bytesBefore: Buffer.byteLength(original),
        bytesAfter: Buffer.byteLength(css),
      });
      for (const page of pages.filter((built) => built.template === template)) {
        page.html = page.html.replaceAll(`href="${href}"`, `href="${after}"`);
        page.links = page.links.map((link) => (link === href ? after : link));
      }
    }
    const fold = foldTemplate(dist, template, pages, copies);
    if (fold) folded.push(fold);
  }
  for (const page of pages) {
    if (page.html === html.get(page.file)) continue;
    writeFileSync(page.file, page.html);
    // A compressed copy from an earlier run would still name the old file (the server prefers it).
    for (const copy of ['.br', '.gz']) rmSync(`${page.file}${copy}`, { force: true });
  }
  // A stylesheet no page links goes, unless a script loads it itself (the CMS previews keep the
  // whole original site.css).
  const scripts = filesIn(dist, /\.(js|mjs)$/).map((file) => readFileSync(file, 'utf8'));
  const linked = new Set(pages.flatMap((page) => page.links));
  for (const href of new Set(purged.flatMap((file) => [file.before, file.after]))) {
    if (linked.has(href) || scripts.some((text) => text.includes(basename(href)))) continue;
    for (const suffix of ['', '.br', '.gz']) rmSync(join(dist, `${href}${suffix}`), { force: true });
  }
  return { files: purged, folded };
}

/** Every built page's HTML, by file. */
export function readPages(dist: string): Map<string, string> {
  return new Map(filesIn(dist, /\.html$/).map((file) => [file, readFileSync(file, 'utf8')]));
}

if (import.meta.main) {
  const dist = resolve(process.argv[2] ?? 'dist');
  if (!existsSync(dist)) throw new Error(`No built site in ${dist}: run the site build first`);
  const started = performance.now();
  const { files, folded } = await purgeDist(dist);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = files.map((p) => `  ${p.template}: ${p.before} ${kb(p.bytesBefore)} → ${p.after} ${kb(p.bytesAfter)}`);
  const folds = folded.map(
    (fold) => `  ${fold.template}: ${fold.members.join(' + ')} → ${fold.file}, on ${fold.pages} of ${fold.of} pages`,
  );
  process.stdout.write(
    `Unused CSS taken out of ${files.length} stylesheets (one copy per template) in ${((performance.now() - started) / 1000).toFixed(1)} s:\n${lines.join('\n')}\nFolded into one file:\n${folds.join('\n')}\n`,
  );
}
