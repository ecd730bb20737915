import { type CollectionEntry, getCollection, getEntry } from 'astro:content';
import { isStale } from '../domain/source-hash.ts';
import { DEFAULT_LANGUAGE, isTranslatedLanguage, type Language, TRANSLATED_LANGUAGES } from '../i18n/languages.ts';
import { HOME_PAGE_ID } from './collections.ts';
import { englishPathOf, TRANSLATED_BY_UI_STRINGS } from './language-paths.ts';

/**
 * Translated pages: content/translations/<language>/<id>.md, each made from the English entry
 * content/pages/<id>.md. Besides these, the pages in TRANSLATED_BY_UI_STRINGS are translated through
 * the UI strings (src/i18n/<language>/), so they count as translated too.
 */

/** The English path of a content page: `home` → `/`, `who-can-see-it` → `/who-can-see-it/`. */
export const pathOfPage = (id: string) => (id === HOME_PAGE_ID ? '/' : `/${id}/`);

const splitId = (id: string) => {
  const [lang, ...rest] = id.split('/');
  return { lang, pageId: rest.join('/') };
};

/** The languages a page (given by any language's path) is translated into, English left out. */
export async function translatedLanguages(pathname: string): Promise<Language[]> {
  const english = englishPathOf(pathname);
  const entries = await getCollection('translations');
  const found = new Set<Language>(
    entries
      .map((entry) => splitId(entry.id))
      .filter(({ pageId }) => pathOfPage(pageId) === english)
      .flatMap(({ lang }) => (isTranslatedLanguage(lang) ? [lang] : [])),
  );
  if (TRANSLATED_BY_UI_STRINGS.includes(english)) for (const lang of TRANSLATED_LANGUAGES) found.add(lang);
  // A consultation's translation: content/translations/consultations/<language>/<slug>.yaml. The
  // list /consultations/ is translated into each language that has at least one.
  const consultation = /^\/consultations\/(?:([a-z0-9-]+)\/)?$/.exec(english);
  if (consultation)
    for (const entry of await getCollection('consultationTranslations')) {
      const { lang, pageId } = splitId(entry.id);
      const listed = consultation[1] === undefined || pageId === consultation[1];
      if (listed && isTranslatedLanguage(lang)) found.add(lang);
    }
  return [...found];
}

/** A translation with the English entry it was made from, and whether that English has changed since. */
export interface TranslatedPage {
  translation: CollectionEntry<'translations'>;
  english: CollectionEntry<'pages'>;
  /** The English changed after the translation was made: the page says so. */
  stale: boolean;
}

/** The translation of content/pages/<id>.md into `lang`; a missing one is a build error, not an empty page. */
export async function getTranslatedPage(lang: Language, id: string): Promise<TranslatedPage> {
  if (lang === DEFAULT_LANGUAGE) throw new Error('English pages are not translations');
  const translation = await getEntry('translations', `${lang}/${id}`);
  const english = await getEntry('pages', id);
  if (!translation) throw new Error(`content/translations/${lang}/${id}.md is missing: its route has nothing to show`);
  if (!english)
    throw new Error(`content/pages/${id}.md is missing: content/translations/${lang}/${id}.md translates it`);
  const stale = isStale(translation.data.sourceHash, {
    title: english.data.title,
    description: english.data.description,
    body: english.body ?? '',
  });
  return { translation, english, stale };
}

/** Every translation into one language, home first, then in the English menu order. */
export async function translatedEntries(
  lang: Language,
): Promise<{ id: string; entry: CollectionEntry<'translations'> }[]> {
  const entries = await getCollection('translations', (entry) => splitId(entry.id).lang === lang);
  const pages = await getCollection('pages');
  const order = (id: string) => (id === HOME_PAGE_ID ? -1 : (pages.find((page) => page.id === id)?.data.order ?? 100));
  return entries.map((entry) => ({ id: splitId(entry.id).pageId, entry })).sort((a, b) => order(a.id) - order(b.id));
}

/** The translated pages of one language but its home page, for that home page's list. */
export async function translationsOf(lang: Language): Promise<{ id: string; title: string; description: string }[]> {
  return (await translatedEntries(lang))
    .filter(({ id }) => id !== HOME_PAGE_ID)
    .map(({ id, entry }) => ({ id, title: entry.data.title, description: entry.data.description }));
}
