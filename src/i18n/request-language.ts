import { DEFAULT_LANGUAGE, type Language, languageOr } from './languages.ts';

/**
 * The language a form was filled in, as it travels without JavaScript: a hidden `lang` field in
 * a post, `?lang=` on a redirect or a link. Anything else (an old page, a hand-made request) is
 * answered in English. The language is not personal data, so it may sit in a URL.
 */
export function requestLanguage(request: Request, posted?: Record<string, unknown>): Language {
  const field = posted?.['lang'];
  if (field !== undefined) return languageOr(field);
  return languageOr(new URL(request.url).searchParams.get('lang'));
}

/** A function's own path with the language kept: "/api/opt-out/check?lang=pl". */
export function withLanguage(path: string, lang: Language): string {
  if (lang === DEFAULT_LANGUAGE) return path;
  const [base = '', hash] = path.split('#');
  const url = `${base}${base.includes('?') ? '&' : '?'}lang=${lang}`;
  return hash === undefined ? url : `${url}#${hash}`;
}
