import { messagesIn } from '../i18n/domain-messages.ts';
import { type Language, translationOf } from '../i18n/t.ts';
import type { IslandStrings } from './island-language.ts';

/**
 * The sources of everything an island can import, as text, read when the site is built. Only pages
 * import this module (at build time): an island must not, or the browser would download the sources.
 */
const SOURCES: Readonly<Record<string, string>> = import.meta.glob(
  ['/src/islands/*.tsx', '/src/forms/**/*.{ts,tsx}', '/src/schemas/**/*.ts', '/src/domain/**/*.ts', '/src/i18n/*.ts'],
  { query: '?raw', import: 'default', eager: true },
);

/** The islands that ask for UI strings (Search is given its few strings as props). */
export type FormIsland = 'OptOutForm' | 'OptOutStatusForm' | 'FeedbackForm' | 'SubscribeForm' | 'ConsultationForm';

/** A relative import's target, as a key of SOURCES ("/src/forms/validation.ts"). */
function resolveImport(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** Every module an island's code can run, following relative imports (type-only ones load nothing). */
export function islandModules(island: FormIsland): string[] {
  const seen = new Set<string>();
  const queue = [`/src/islands/${island}.tsx`];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const text = SOURCES[file];
    if (seen.has(file) || text === undefined) continue;
    seen.add(file);
    for (const [, target] of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s*)?['"](\.[^'"]+)['"]/gm))
      if (target) queue.push(resolveImport(file, target));
  }
  return [...seen];
}

/**
 * The UI string keys an island's modules name: each key written out whole, and every key under a
 * prefix a key is built from at run time (`optOut.who.${route}`). A key put together any other way
 * would be missing in the browser, where t() then throws: tests/unit/island-strings.test.ts renders
 * each form with every error shown on those keys alone.
 */
export function islandKeys(island: FormIsland): string[] {
  let keys = keysByIsland.get(island);
  if (!keys) {
    keys = findIslandKeys(island);
    keysByIsland.set(island, keys);
  }
  return keys;
}

/** Worked out once per island: every page in every language that carries the island asks again. */
const keysByIsland = new Map<FormIsland, string[]>();

function findIslandKeys(island: FormIsland): string[] {
  const all = Object.keys(translationOf('en'));
  const named = new Set<string>();
  for (const file of islandModules(island)) {
    const text = SOURCES[file] ?? '';
    for (const [, literal] of text.matchAll(/['"`]([\w.-]+)['"`]/g)) if (literal) named.add(literal);
    for (const [, prefix] of text.matchAll(/`([\w.-]+\.)\$\{/g))
      for (const key of all) if (prefix && key.startsWith(prefix)) named.add(key);
  }
  return all.filter((key) => named.has(key));
}

/**
 * Issue 20: what a form's island needs to speak the page's language in the browser, and nothing
 * more: the strings its modules name, each in `lang` (or in English where `lang` has no
 * translation, as t() would show), and the domain rules' messages in `lang`. The page passes it as
 * the island's `strings` prop, so it is serialised into that page's HTML.
 */
export function stringsForIsland(island: FormIsland, lang: Language): IslandStrings {
  const own = translationOf(lang);
  const english = translationOf('en');
  const ui = Object.fromEntries(islandKeys(island).map((key) => [key, own[key] ?? english[key] ?? '']));
  return { lang, ui, domain: messagesIn(lang) };
}
