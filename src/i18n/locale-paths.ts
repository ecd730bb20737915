import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.ts';

/**
 * getStaticPaths for a page built once per translated language (/pl/…, /ur/…); the English page
 * is its own file at the unprefixed path.
 */
export function translatedLanguagePaths(): { params: { locale: Language }; props: { lang: Language } }[] {
  return LANGUAGES.filter((language) => language.code !== DEFAULT_LANGUAGE).map(({ code }) => ({
    params: { locale: code },
    props: { lang: code },
  }));
}
