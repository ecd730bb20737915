/**
 * The languages the site speaks. English is the source: every other language translates some of
 * its keys and falls back to English for the rest, so an untranslated string shows in English
 * rather than as an empty box or a key name.
 */
export const LANGUAGES = [
  // Each language is named in itself, so a reader who cannot read English can find their own.
  { code: 'en', name: 'English', dir: 'ltr', intl: 'en-GB' },
  { code: 'pl', name: 'Polski', dir: 'ltr', intl: 'pl-PL' },
  { code: 'ur', name: 'اردو', dir: 'rtl', intl: 'ur-PK' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

/** The codes alone, as a tuple for z.enum (a unit test checks they match LANGUAGES). */
export const LANGUAGE_CODES = ['en', 'pl', 'ur'] as const satisfies readonly Language[];

/** The language of the site's unprefixed pages and of staff-facing text. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** The languages pages are translated into: every language but English, in LANGUAGES' order. */
export const TRANSLATED_LANGUAGES: readonly Language[] = LANGUAGE_CODES.filter((code) => code !== DEFAULT_LANGUAGE);

/** True when a value (a content file's folder, a path segment) names a language pages are translated into. */
export function isTranslatedLanguage(value: unknown): value is Language {
  return TRANSLATED_LANGUAGES.some((code) => code === value);
}

/** True when a value read from a request (a form field, a path segment) names a site language. */
export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

/** A request's language, or English when it names none we have (an old form, a hand-made POST). */
export function languageOr(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

function info(lang: Language) {
  const found = LANGUAGES.find((language) => language.code === lang);
  if (!found) throw new Error(`Unknown language "${lang}"`);
  return found;
}

/** The text direction for `<html dir>`: Urdu is written right to left. */
export function dir(lang: Language): TextDirection {
  return info(lang).dir;
}

/** The language's name in itself ("Polski"), for the language switcher. */
export function languageName(lang: Language): string {
  return info(lang).name;
}

/** The BCP 47 tag Intl formats dates with for this language. */
export function intlLocale(lang: Language): string {
  return info(lang).intl;
}

/** The path prefix of a language's pages: "" for English, "/pl" for Polish. */
export function languagePrefix(lang: Language): string {
  return lang === DEFAULT_LANGUAGE ? '' : `/${lang}`;
}

/**
 * The language t() speaks when no language is passed. Forms, schemas and views call t() deep
 * inside (a zod message, a React label), so the language is set around a synchronous piece of work
 * instead of threaded through every call: a function's render or validation (`inLanguage`), or a
 * browser page once it knows its own <html lang> (`setPageLanguage`). Only the synchronous part of
 * the work runs in the language: after an await, another request's work may run, so what renders
 * later (renderPage's body) is given its language explicitly.
 */
let current: Language = DEFAULT_LANGUAGE;

/** The language set by `inLanguage` or `setPageLanguage`; English otherwise. */
export function currentLanguage(): Language {
  return current;
}

/** Runs `work` (its synchronous part) with t() speaking `lang`, then puts the previous language back. */
export function inLanguage<T>(lang: Language, work: () => T): T {
  const previous = current;
  current = lang;
  try {
    return work();
  } finally {
    current = previous;
  }
}

/** In a browser: the page's language, for the whole page (one page, one language). */
export function setPageLanguage(lang: Language): void {
  current = lang;
}
