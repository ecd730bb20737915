import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Which stylesheets a built page gets (issue 20): scripts/purge-css.ts purges the compiled CSS once
 * per template, each copy against exactly what can use it, so a content page does not carry the
 * rules of the forms or of the staff screens. Each copy is a filtered copy of the same compiled
 * CSS, so the order of the rules, and with it the cascade, is the same in all of them.
 *
 * - `content`: a static page whose built HTML is everything it will ever show. No island, no script
 *   (a JSON-LD block is data, not a script), and no form that posts to a function other than the
 *   "Was this page helpful?" vote. The vote's answer is a function-rendered page in the form shell,
 *   so it is a `resident` page. One stylesheet set for all of them, so a second page comes from
 *   the cache.
 * - `resident`: the residents' form pages and the pages functions render into the form shell
 *   (form-shell/ in each language): opt-out, contact, status, email updates, a consultation's answer
 *   form, search. Purged against those pages and the source of what renders a resident's page at
 *   run time (residentSources: what the residents' functions and the islands import), not the
 *   staff screens.
 * - `staff`: the staff shell, the CMS and its preview checks: every built page and every source,
 *   as generous as the purge was before the split.
 */
export type Template = 'content' | 'resident' | 'staff';
export const TEMPLATES: readonly Template[] = ['content', 'resident', 'staff'];

/** The vote at the foot of every content page: it posts, and its answer is a resident page. */
const PAGE_HELPFUL_ACTION = '/api/feedback';

const attribute = (attributes: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(attributes)?.[1];

/** A form that needs a function: it posts, or it sends its answers to one (`/api/`). */
const postsToFunction = (attributes: string) =>
  (attribute(attributes, 'method') ?? 'get').toLowerCase() === 'post' ||
  (attribute(attributes, 'action') ?? '').startsWith('/api/');

/** `page` is the file's path inside the built site, e.g. `pl/contact/index.html`. */
export function templateOf(page: string, html: string): Template {
  const path = page.replaceAll('\\', '/');
  if (/^(admin|staff-shell)\//.test(path)) return 'staff';
  if (/^([a-z]{2}\/)?form-shell\//.test(path) || /<astro-island\b/.test(html)) return 'resident';
  const script = [...html.matchAll(/<script\b([^>]*)>/g)].some(
    ([, attributes]) => attribute(attributes ?? '', 'type') !== 'application/ld+json',
  );
  const form = [...html.matchAll(/<form\b([^>]*)>/g)].some(
    ([, attributes]) =>
      attribute(attributes ?? '', 'action') !== PAGE_HELPFUL_ACTION && postsToFunction(attributes ?? ''),
  );
  return script || form ? 'resident' : 'content';
}

/**
 * Where a resident's page is printed at run time: the functions residents reach (every one but the
 * staff function) and the islands that re-render in the browser. The purge reads the source these
 * import, file by file, rather than whole folders, so a component only the staff screens use (the
 * select box, the tags in src/forms/components/) keeps no rule on a resident's page, while a staff
 * file a resident's page imports (the charts and tables of the consultation results and the
 * transparency page) is read wherever it lives.
 */
export const RESIDENT_ENTRIES = ['functions', 'src/islands'];
export const STAFF_FUNCTION = 'functions/staff.ts';
const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.tsx?$/;

function sourcesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE.test(name) && !TEST.test(name))
    .map((name) => join(folder, name));
}

/** The files `file` imports by a relative path (static, side-effect and dynamic imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specifiers.flatMap(([, specifier]) => {
    const base = resolve(dirname(file), specifier ?? '');
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
      (candidate) => SOURCE.test(candidate) && existsSync(candidate),
    );
    return found ? [found] : [];
  });
}

/** Every source file that can print markup on a resident's page, as absolute paths. */
export function residentSources(root: string): string[] {
  const staffFunction = resolve(root, STAFF_FUNCTION);
  const entries = RESIDENT_ENTRIES.flatMap((folder) => sourcesIn(resolve(root, folder))).filter(
    (file) => file !== staffFunction,
  );
  const found = new Set(entries);
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    for (const imported of importsOf(file)) {
      if (found.has(imported)) continue;
      found.add(imported);
      queue.push(imported);
    }
  }
  return [...found].sort();
}
