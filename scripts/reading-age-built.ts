import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parse } from 'yaml';
import { blocksToProse, type ReadingAgeResult, readingAgeOfProse } from '../src/domain/reading-age.ts';
import { readingAgeOfHtml } from '../src/domain/reading-age-html.ts';
import { TRANSLATED_LANGUAGES } from '../src/i18n/languages.ts';
import { readSiteSettings } from '../src/server/site-settings.ts';
import { renderEmailDocs } from './email-docs.ts';

/**
 * The reading-age gate on what residents actually read (docs/reading-age.md): every built page's
 * <main> in dist/, every page the functions answer with (rendered into the built shell by
 * reading-age-functions.ts), the form and status messages (src/i18n/en/), and every email
 * rendered with example values. Run by `npm test` after the build; fails listing each text over
 * its limit, and always prints the five highest with their figures.
 */

/** Built paths residents never see: the CMS, the staff area and the shell functions fill in (as the sitemap). */
const NOT_FOR_RESIDENTS = /^\/(admin|staff[^/]*|form-shell)\//;

/**
 * Pages in Polish and Urdu (/pl/, /ur/, docs/languages.md). The method counts English syllables
 * and its grades are for English readers, so it says nothing about a Polish or Urdu sentence; and
 * the English pages shown there until a translation exists are the same pages measured at their
 * English address. They are left out by their prefix, and the report says how many, so it is not silent.
 */
export const NOT_MEASURED_LANGUAGES = new RegExp(`^/(${TRANSLATED_LANGUAGES.join('|')})/`);

/** Collections whose entries each have a page of their own, and the URL folder it is built at. */
const ENTRY_FOLDERS: Record<string, string> = { pages: '', myths: 'myths/', stories: 'stories/' };

/**
 * Emails that go to staff only (account invitation, reset, lock-out): the target is for what
 * residents read. Named one by one, so a new template is measured until someone says otherwise.
 */
const STAFF_ONLY_EMAILS = new Set(['staff-invite', 'staff-reset', 'staff-locked']);

/**
 * Message files residents read (errors, confirmations, status and link pages no built page shows):
 * every file in src/i18n/en/ but the staff area's, so a new area's strings are measured too.
 */
const MESSAGE_DIR = 'src/i18n/en';
const STAFF_MESSAGES = /^staff-/;

export interface ScoredText extends ReadingAgeResult {
  /** The page's path, "function: <page>", "messages: <file>", or "email: <template>". */
  name: string;
  /** The highest reading age allowed: the site target, or the entry's stated exception. */
  limit: number;
  /** Why the limit is above the target, from the entry's readingAge.reason. */
  reason?: string;
}

/** Every built HTML path residents can reach. */
function residentPaths(distDir: string): [string, string][] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .sort()
    .filter((file) => file.endsWith('.html'))
    .map((file): [string, string] => [`/${file.split(sep).join('/')}`.replace(/index\.html$/, ''), file])
    .filter(([path]) => !NOT_FOR_RESIDENTS.test(path));
}

/** Every built English HTML page residents can reach, as [path, html]. */
export function builtPages(distDir: string): [string, string][] {
  return residentPaths(distDir)
    .filter(([path]) => !NOT_MEASURED_LANGUAGES.test(path))
    .map(([path, file]) => [path, readFileSync(join(distDir, file), 'utf8')]);
}

/** The built pages under /pl/ and /ur/, which the English formula does not measure (listed in the report). */
export function pagesInOtherLanguages(distDir: string): string[] {
  return residentPaths(distDir)
    .map(([path]) => path)
    .filter((path) => NOT_MEASURED_LANGUAGES.test(path));
}

/** Stated exceptions by page path, from the front matter of entries that have a page of their own. */
export function readingAgeExceptions(contentDir: string): Map<string, { maxReadingAge: number; reason: string }> {
  const exceptions = new Map<string, { maxReadingAge: number; reason: string }>();
  for (const [collection, folder] of Object.entries(ENTRY_FOLDERS)) {
    for (const file of readdirSync(join(contentDir, collection)).filter((name) => name.endsWith('.md'))) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(contentDir, collection, file), 'utf8'));
      const data: unknown = front ? parse(front[1] ?? '') : undefined;
      if (typeof data !== 'object' || data === null || !('readingAge' in data)) continue;
      const { readingAge } = data as { readingAge?: { maxReadingAge?: unknown; reason?: unknown } };
      const slug = file.replace(/\.md$/, '');
      const path = collection === 'pages' && slug === 'home' ? '/' : `/${folder}${slug}/`;
      // The schema (src/schemas/common.ts) demands a reason of 20 characters; without one, no exception.
      if (typeof readingAge?.maxReadingAge === 'number' && typeof readingAge.reason === 'string') {
        exceptions.set(path, { maxReadingAge: readingAge.maxReadingAge, reason: readingAge.reason });
      }
    }
  }
  return exceptions;
}

/** Every string of a message file, each its own block, with {placeholders} read as one short word. */
export function messageProse(messages: unknown): string {
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(...value.replace(/\{[^}]+\}/g, 'this').split(/\n+/));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(messages);
  return blocksToProse(strings);
}

/** Each email in the generated email document (subject and body), one line a block. */
export function emailProse(document: string): [string, string][] {
  return document
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const name = /\(`([^`]+)`\)/.exec(section)?.[1] ?? section.split('\n')[0] ?? '';
      const subject = /^\*\*Subject:\*\* (.*)$/m.exec(section)?.[1] ?? '';
      const body = /```text\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
      return [name, blocksToProse([subject, ...body.split('\n')])];
    });
}

/** Scores every text against its limit, highest first. */
export async function scoreEverything(distDir = 'dist', contentDir = 'content'): Promise<ScoredText[]> {
  const settings = await readSiteSettings(contentDir);
  const target = settings.readingAgeTarget;
  const exceptions = readingAgeExceptions(contentDir);
  const pages = builtPages(distDir);
  // An empty folder would pass every page by measuring none: a gate that must fail loudly.
  if (pages.length === 0) throw new Error(`No built pages in ${distDir}/: build the site before measuring it`);
  const scored: ScoredText[] = pages.map(([path, html]) => {
    const exception = exceptions.get(path);
    return {
      name: path,
      ...readingAgeOfHtml(html),
      limit: exception?.maxReadingAge ?? target,
      ...(exception ? { reason: exception.reason } : {}),
    };
  });
  for (const file of readdirSync(MESSAGE_DIR).filter((name) => name.endsWith('.json') && !STAFF_MESSAGES.test(name))) {
    const messages: unknown = JSON.parse(readFileSync(join(MESSAGE_DIR, file), 'utf8'));
    scored.push({
      name: `messages: ${MESSAGE_DIR}/${file}`,
      ...readingAgeOfProse(messageProse(messages)),
      limit: target,
    });
  }
  for (const [name, prose] of emailProse(renderEmailDocs(settings))) {
    if (STAFF_ONLY_EMAILS.has(name)) continue;
    scored.push({ name: `email: ${name}`, ...readingAgeOfProse(prose), limit: target });
  }
  return scored.sort((a, b) => b.readingAge - a.readingAge);
}

/**
 * The pages functions answer with (the opt-out journey, status and links, the contact form's
 * answers, /transparency/, error pages), each scored on its <main> like a built page, against the
 * site target: they are built from code, so they have no exception of their own.
 */
export async function scoreFunctionPages(distDir = 'dist', contentDir = 'content'): Promise<ScoredText[]> {
  const target = (await readSiteSettings(contentDir)).readingAgeTarget;
  // Loaded here: it brings the functions and the embedded database, which the rest does not need.
  const { functionPages } = await import('./reading-age-functions.ts');
  return (await functionPages(distDir, contentDir)).map(([name, html]) => ({
    name,
    ...readingAgeOfHtml(html),
    limit: target,
  }));
}

if (import.meta.main) {
  const scored = [...(await scoreEverything()), ...(await scoreFunctionPages())].sort(
    (a, b) => b.readingAge - a.readingAge,
  );
  const over = scored.filter((text) => text.readingAge > text.limit);
  const row = (text: ScoredText) =>
    `${text.readingAge.toFixed(1).padStart(5)}  limit ${text.limit}  ${String(text.words).padStart(5)} words  ${text.name}${text.reason ? ` (exception: ${text.reason})` : ''}`;
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/reading-age.json', `${JSON.stringify(scored, null, 2)}\n`);
  process.stdout.write(
    `Reading age of ${scored.length} pages (built, and answered by functions), message files and emails as residents see them.\n`,
  );
  const skipped = pagesInOtherLanguages('dist');
  process.stdout.write(
    `English only: ${skipped.length} pages under /pl/ and /ur/ are not measured (the formula is for English; see docs/languages.md).\n`,
  );
  process.stdout.write(`The five highest:\n${scored.slice(0, 5).map(row).join('\n')}\n`);
  if (over.length > 0) {
    process.stdout.write(`\nOver the limit (${over.length}): split the sentences listed, or use plainer words.\n`);
    for (const text of over) {
      process.stdout.write(`${row(text)}\n${text.longSentences.map((s) => `        long: ${s}`).join('\n')}\n`);
    }
    process.exitCode = 1;
  } else {
    process.stdout.write(`All ${scored.length} at or under their limit. Full figures: reports/reading-age.json\n`);
  }
}
