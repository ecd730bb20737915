import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language, languagePrefix } from '../i18n/languages.ts';

/**
 * Where each language's pages live. English keeps the unprefixed paths (`/your-choices/`); Polish and
 * Urdu sit under `/pl/` and `/ur/`, as Astro's i18n routing builds them (astro.config.mjs). Every
 * English path has a Polish and an Urdu twin: a translation where one exists, otherwise the English
 * page with a notice in the reader's language (the i18n `fallback`), so the switcher never leads to a 404.
 */

/**
 * English pages whose Polish and Urdu versions are built from the UI strings (src/i18n/<language>/)
 * rather than from content/translations: the opt-out start page, the opt-out form and status check,
 * the contact form, the email updates sign-up and search. They count as translated for hreflang and
 * the sitemap.
 */
export const TRANSLATED_BY_UI_STRINGS: readonly string[] = [
  '/opt-out/',
  '/opt-out/form/',
  '/opt-out/status/',
  '/contact/',
  '/updates/subscribe/',
  '/search/',
];

/** The language a path belongs to: its first segment when that names a language, else English. */
export function languageOfPath(pathname: string): Language {
  const first = pathname.split('/')[1];
  return isLanguage(first) && first !== DEFAULT_LANGUAGE ? first : DEFAULT_LANGUAGE;
}

/** The English path a page translates: `/pl/who-can-see-it/` → `/who-can-see-it/`. */
export function englishPathOf(pathname: string): string {
  const lang = languageOfPath(pathname);
  return lang === DEFAULT_LANGUAGE ? pathname : pathname.slice(lang.length + 1) || '/';
}

/** The same page in another language: `pathIn('ur', '/opt-out/')` → `/ur/opt-out/`. */
export function pathIn(lang: Language, pathname: string): string {
  return `${languagePrefix(lang)}${englishPathOf(pathname)}`;
}

/** One `<link rel="alternate" hreflang>` for a page. */
export interface Alternate {
  hreflang: string;
  href: string;
}

/**
 * The hreflang alternates of a page translated into `translated`: English (also the x-default, for
 * readers whose language we do not have) and each translation. Fallback pages are not listed: they
 * are English under another address, and naming them as Polish would mislead search engines.
 */
export function alternatesFor(pathname: string, translated: readonly Language[], site: URL | undefined): Alternate[] {
  if (translated.length === 0) return [];
  const absolute = (path: string) => new URL(path, site).href;
  const english = englishPathOf(pathname);
  return [
    ...LANGUAGES.filter(({ code }) => code === DEFAULT_LANGUAGE || translated.includes(code)).map(({ code }) => ({
      hreflang: code,
      href: absolute(pathIn(code, english)),
    })),
    { hreflang: 'x-default', href: absolute(english) },
  ];
}
