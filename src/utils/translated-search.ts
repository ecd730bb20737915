import type { Language } from '../i18n/languages.ts';
import { t } from '../i18n/t.ts';
import { pathIn } from './language-paths.ts';
import { buildSearchIndex, type SearchDoc } from './search-index.ts';
import { languagePlugin } from './search-languages.ts';
import { getSettings } from './settings.ts';
import { pathOfPage, translatedEntries } from './translations.ts';

/**
 * The pages a Polish or Urdu reader can search: that language's translations and its opt-out start
 * page. English pages are left out: the language's stemmer would mangle English words, and a reader
 * who searched in Polish wants a page in Polish. The English search is one switch away.
 */
export async function translatedSearchDocs(lang: Language): Promise<SearchDoc[]> {
  const settings = await getSettings();
  const type = t('site.search.type.page', {}, lang);
  const pages = (await translatedEntries(lang)).map(({ id, entry }) => ({
    title: entry.data.title,
    type,
    url: pathIn(lang, pathOfPage(id)),
    snippet: entry.data.description,
    body: entry.body ?? '',
  }));
  const optOut = {
    title: t('optOut.start.title', {}, lang),
    type,
    url: pathIn(lang, '/opt-out/'),
    snippet: t('optOut.start.lede', { scheme: settings.schemeName }, lang),
    body: '',
  };
  return [...pages, optOut];
}

/** The static file at /pl/search-index.json or /ur/search-index.json. */
export async function translatedSearchIndex(lang: Language): Promise<Response> {
  const index = buildSearchIndex(await translatedSearchDocs(lang), languagePlugin(lang));
  return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
