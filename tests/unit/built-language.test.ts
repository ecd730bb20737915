import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEntities, VOID } from '../../src/domain/reading-age-html.ts';
import type { Language } from '../../src/i18n/languages.ts';
import { translationOf } from '../../src/i18n/t.ts';

/**
 * A Polish or Urdu page speaks one language: a UI string that fell back to English inside an
 * element whose nearest `lang` is pl or ur is read by a screen reader in a Polish or Urdu voice
 * (WCAG 3.1.2), and a reader who does not read English is lost. Until 2026-12-07 the sources
 * heading, the review dates and "Was this page helpful?" did. English that is right (an English
 * document's title) carries lang="en", which this check and screen readers both respect.
 * Runs on the built site (scripts/test.ts sets CHECK_BUILT_SITE); skipped before any build.
 */
const built = process.env['CHECK_BUILT_SITE'];

/** Shorter English strings ("Menu", "Email", "NHS number") are also words in Polish or Urdu text. */
const MIN_LENGTH = 12;

const ENGLISH_DIR = resolve('src/i18n/en');
const englishStrings: Record<string, string> = Object.assign(
  {},
  ...readdirSync(ENGLISH_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(ENGLISH_DIR, file), 'utf8'))),
);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The English a `lang` region must not hold: each string's words between its {placeholders}, at
 * least MIN_LENGTH characters, unless the language's own string is the same (a name kept as it is).
 */
function englishPhrases(lang: Language): Map<string, string> {
  const own = translationOf(lang);
  const phrases = new Map<string, string>();
  for (const [key, value] of Object.entries(englishStrings)) {
    if (own[key] === value) continue;
    for (const part of value.split(/\{\w+\}/).map(squash)) {
      if (part.length >= MIN_LENGTH && !phrases.has(part)) phrases.set(part, key);
    }
  }
  return phrases;
}

/** Not read as text: code and data. */
const SKIPPED = new Set(['script', 'style', 'template']);
/** Attributes a screen reader speaks in the element's language. */
const SPOKEN_ATTRIBUTES = /\s(aria-label|alt|title|placeholder)\s*=\s*"([^"]*)"/g;

/**
 * Each piece of text in a page with its nearest `lang` ("" where none is set): text between tags
 * (a UI string is plain text, so one string is one piece) and the spoken attributes. Our own
 * Astro output, so a tag stack is enough, as in src/domain/reading-age-html.ts.
 */
function textWithLanguage(html: string): { lang: string; text: string }[] {
  const source = html.replace(/<!--[\s\S]*?-->/g, '');
  const pieces: { lang: string; text: string }[] = [];
  const open: { name: string; lang: string }[] = [];
  const here = () => open.at(-1)?.lang ?? '';
  const add = (lang: string, raw: string) => {
    const text = squash(decodeEntities(raw));
    if (text !== '') pieces.push({ lang, text });
  };
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  for (let match = tag.exec(source); match !== null; match = tag.exec(source)) {
    const [, closing, rawName = '', attributes = ''] = match;
    const name = rawName.toLowerCase();
    const inSkipped = open.some((element) => SKIPPED.has(element.name));
    if (!inSkipped) add(here(), source.slice(last, match.index));
    last = tag.lastIndex;
    if (closing) {
      const index = open.findLastIndex((element) => element.name === name);
      if (index >= 0) open.length = index;
      continue;
    }
    if (inSkipped) continue;
    const lang = /\slang\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? here();
    for (const [, , value = ''] of attributes.matchAll(SPOKEN_ATTRIBUTES)) add(lang, value);
    if (!VOID.has(name) && !attributes.trimEnd().endsWith('/')) open.push({ name, lang });
  }
  add(here(), source.slice(last));
  return pieces;
}

/** English UI strings inside Polish or Urdu text of one page: "[pl] Page last reviewed: (review.lastReviewed)". */
function englishInside(html: string, phrases: Record<'pl' | 'ur', Map<string, string>>): string[] {
  const found = new Set<string>();
  for (const { lang, text } of textWithLanguage(html)) {
    const code = lang.split('-')[0];
    if (code !== 'pl' && code !== 'ur') continue;
    for (const [phrase, key] of phrases[code]) if (text.includes(phrase)) found.add(`[${code}] ${phrase} (${key})`);
  }
  return [...found];
}

describe('English UI strings inside Polish or Urdu text', () => {
  const phrases = { pl: englishPhrases('pl'), ur: englishPhrases('ur') };

  it('finds a string that fell back to English, and lets English marked lang="en" through', () => {
    const page = `<html lang="pl"><body><h2>${englishStrings['sources.heading']}</h2>
      <ul><li><a href="x" lang="en">NHS England &amp; the Care Record Guarantee</a></li></ul>
      <div lang="en"><p>${englishStrings['feedback.helpful.comment.label.no']}</p></div>
      <script>const s = "${englishStrings['feedback.helpful.legend']}";</script></body></html>`;
    expect(englishInside(page, phrases)).toEqual([`[pl] Where this information comes from (sources.heading)`]);
  });

  it('finds the words around a placeholder, in a spoken attribute too', () => {
    const page = `<p lang="ur">Page last reviewed: 3 دسمبر 2026</p><button aria-label="Send comment" lang="ur">x</button>`;
    expect(englishInside(page, phrases)).toEqual([
      '[ur] Page last reviewed: (review.lastReviewed)',
      '[ur] Send comment (feedback.helpful.comment.submit)',
    ]);
  });
});

describe.skipIf(!built)('every built Polish and Urdu page', () => {
  const dist = resolve(built ?? 'dist');
  const phrases = { pl: englishPhrases('pl'), ur: englishPhrases('ur') };
  // Read in beforeAll, not here: Vitest runs a skipped suite's body to collect its tests, and
  // before a build (npm test's first pass) there is no dist/ to read.
  let pages: string[] = [];
  beforeAll(() => {
    pages = ['pl', 'ur'].flatMap((lang) =>
      readdirSync(join(dist, lang), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.html'))
        .map((file) => join(lang, file)),
    );
  });

  it('has no English UI string inside an element whose nearest lang is pl or ur', () => {
    expect(pages.length).toBeGreaterThan(50);
    const found = pages.flatMap((page) =>
      englishInside(readFileSync(join(dist, page), 'utf8'), phrases).map((what) => `${page}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  // The sources are English documents: each title and publisher is English, so each says so.
  it('marks each source, an English document, lang="en"', () => {
    const sourceLists = pages.flatMap((page) => {
      const html = readFileSync(join(dist, page), 'utf8');
      // An English page under /pl/ (no translation yet) is <html lang="en">: its sources need nothing.
      const list = /<html lang="(?:pl|ur)"/.test(html)
        ? /<section aria-labelledby="sources-heading">[\s\S]*?<\/section>/.exec(html)?.[0]
        : undefined;
      return list === undefined ? [] : [{ page, items: [...list.matchAll(/<li(?:\s[^>]*)?>/g)].map(([tag]) => tag) }];
    });
    expect(sourceLists.length).toBeGreaterThanOrEqual(8);
    const unmarked = sourceLists.filter(({ items }) => items.some((tag) => !tag.includes('lang="en"')));
    expect(unmarked.map(({ page }) => page)).toEqual([]);
  });
});
