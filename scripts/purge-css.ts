import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import postcss, { type Rule } from 'postcss';
import { PurgeCSS } from 'purgecss';

/**
 * The step of `npm run build` between Astro's build and compression (issue 20): takes out of every
 * stylesheet the built pages load the rules that nothing can use. `site.css` is mostly NHS.UK
 * frontend, about 195 KB raw, and a phone on a weak signal gets about 14 KB in its first round trip.
 *
 * What counts as used, so that no page or state loses a rule:
 * - every built page (dist/**\/*.html), which includes the page shells the functions render into
 *   (form-shell/, staff-shell/) and the CMS preview checks, so pages other engineers add are covered
 *   with no change here;
 * - the source of everything that renders markup outside the static build: the functions' pages and
 *   every form state (errors, check your answers, confirmation, status), the staff screens, the
 *   islands that re-render in the browser, the CMS previews. Any word in those files keeps a class of
 *   that name: generous, but a class the server can print is never lost;
 * - SAFELIST: classes whose names are built at run time from a value, so no file holds them whole.
 *
 * The purged file gets a new name from its content, and the pages are pointed at it: `/_astro/`
 * files are cached as immutable, so a file whose rules change must not keep an old name. The
 * original stays only while a script still names it (the CMS loads site.css for its previews).
 * tests/unit/css-coverage.test.ts renders every page and state and fails if a class has no rule.
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
    /^nhsuk-tag--/, // src/server/staff/ui/queues/parts.tsx: `nhsuk-tag--${colour}`
    /^nhsuk-input--width-/, // src/forms/components/{DateInput,TextInput}.tsx: `nhsuk-input--width-${width}`
  ],
};

export interface PurgedFile {
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

/** Purges every stylesheet the built pages in `dist` link to, in place, and re-points the pages. */
export async function purgeDist(dist: string, root = process.cwd()): Promise<PurgedFile[]> {
  const pages = filesIn(dist, /\.html$/);
  const hrefs = [...new Set(pages.flatMap((page) => stylesheetRefs(readFileSync(page, 'utf8'))))].sort();
  const results = await new PurgeCSS().purge({
    content: [join(dist, '**/*.html'), ...SOURCE_CONTENT.map((glob) => join(root, glob))],
    css: hrefs.map((href) => join(dist, href)),
    safelist: SAFELIST,
    // Custom properties and animations no kept rule refers to (NHS.UK frontend declares about 200).
    variables: true,
    keyframes: true,
  });
  const deduplicated = dropRepeatedRules(
    new Map(results.map((result) => [`/${relative(dist, result.file ?? '')}`, result.css])),
    pages.map((page) => stylesheetRefs(readFileSync(page, 'utf8'))),
  );
  const renamed = new Map<string, string>();
  const purged: PurgedFile[] = [];
  for (const result of results) {
    const file = result.file ?? '';
    const href = `/${relative(dist, file)}`;
    const original = readFileSync(file, 'utf8');
    const css = deduplicated.get(href) ?? result.css;
    const after = css === original ? href : join('/_astro', hashedName(file, css));
    writeFileSync(join(dist, after), css);
    renamed.set(href, after);
    purged.push({
      before: href,
      after,
      bytesBefore: Buffer.byteLength(original),
      bytesAfter: Buffer.byteLength(css),
    });
  }
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    let next = html;
    for (const [from, to] of renamed) next = next.replaceAll(`href="${from}"`, `href="${to}"`);
    if (next === html) continue;
    writeFileSync(page, next);
    // A compressed copy from an earlier run would still name the old file (the server prefers it).
    for (const copy of ['.br', '.gz']) rmSync(`${page}${copy}`, { force: true });
  }
  // A script that loads a stylesheet itself (the CMS previews) keeps the whole original.
  const scripts = filesIn(dist, /\.(js|mjs)$/).map((file) => readFileSync(file, 'utf8'));
  for (const [from, to] of renamed) {
    if (from === to || scripts.some((text) => text.includes(basename(from)))) continue;
    for (const suffix of ['', '.br', '.gz']) rmSync(join(dist, `${from}${suffix}`), { force: true });
  }
  return purged;
}

if (import.meta.main) {
  const dist = resolve(process.argv[2] ?? 'dist');
  if (!existsSync(dist)) throw new Error(`No built site in ${dist}: run the site build first`);
  const started = performance.now();
  const purged = await purgeDist(dist);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = purged.map((p) => `  ${p.before} ${kb(p.bytesBefore)} → ${p.after} ${kb(p.bytesAfter)}`);
  process.stdout.write(
    `Unused CSS taken out of ${purged.length} stylesheets in ${((performance.now() - started) / 1000).toFixed(1)} s:\n${lines.join('\n')}\n`,
  );
}
