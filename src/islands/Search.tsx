import { type ChangeEvent, type SubmitEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../i18n/languages.ts';
import type { SearchEngine, SearchHit } from '../utils/search-index.ts';

/** UI strings, passed in from src/i18n so the island ships no string table. `{query}`/`{count}` are filled here. */
export interface SearchStrings {
  label: string;
  button: string;
  loading: string;
  failed: string;
  resultsOne: string;
  resultsMany: string;
  resultsNone: string;
  resultsHeading: string;
}

interface Props {
  /** Where the build put the serialised index (src/pages/search-index.json.ts). */
  indexUrl: string;
  /** The index's language: Polish and Urdu indexes need their word rules loaded first. Default English. */
  lang?: Language;
  strings: SearchStrings;
}

type Status = 'idle' | 'loading' | 'ready' | 'failed';

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/**
 * Site search. It renders nothing on the server, so without JavaScript the page is just the
 * A to Z list; with JavaScript the box appears above it. lunr and the index are fetched on first
 * focus or typing, so people who only browse never download them.
 */
export default function Search({ indexUrl, lang = 'en', strings }: Props) {
  const [mounted, setMounted] = useState(false);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Status>('idle');
  const [results, setResults] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const engine = useRef<Promise<SearchEngine | null> | null>(null);

  const loadEngine = useCallback((): Promise<SearchEngine | null> => {
    if (!engine.current) {
      setStatus('loading');
      engine.current = (async () => {
        try {
          const [{ loadSearchIndex }, response] = await Promise.all([
            import('../utils/search-index.ts'),
            fetch(indexUrl),
          ]);
          if (!response.ok) throw new Error(`The search index answered ${response.status}`);
          // Only a Polish or Urdu page downloads the word rules (the Polish stemmer is not small).
          if (lang !== 'en') (await import('../utils/search-languages.ts')).prepareToLoad(lang);
          const loaded = loadSearchIndex(await response.json());
          setStatus('ready');
          return loaded;
        } catch (error) {
          // Shown to the person (not just logged) so a broken index is never a silent empty result.
          console.error('Search index failed to load', error);
          setStatus('failed');
          engine.current = null;
          return null;
        }
      })();
    }
    return engine.current;
  }, [indexUrl, lang]);

  const run = useCallback(
    async (text: string) => {
      const trimmed = text.trim();
      if (trimmed === '') return setResults(null);
      const loaded = await loadEngine();
      if (loaded) setResults({ query: trimmed, hits: loaded.search(trimmed) });
    },
    [loadEngine],
  );

  // A shared /search/?q=… link shows its results as soon as the island starts.
  useEffect(() => {
    setMounted(true);
    const q = new URLSearchParams(window.location.search).get('q');
    if (q) {
      setQuery(q);
      void run(q);
    }
  }, [run]);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setQuery(event.target.value);
    void run(event.target.value);
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('q', query.trim());
    window.history.replaceState(null, '', url);
    void run(query);
  };

  if (!mounted) return null;

  const summary = results
    ? results.hits.length === 0
      ? fill(strings.resultsNone, { query: results.query })
      : fill(results.hits.length === 1 ? strings.resultsOne : strings.resultsMany, {
          query: results.query,
          count: results.hits.length,
        })
    : '';

  return (
    <div className="site-search">
      <search>
        <form action="/search/" method="get" onSubmit={onSubmit}>
          <label className="nhsuk-label" htmlFor="search-field">
            {strings.label}
          </label>
          <div className="site-search__row">
            <input
              className="nhsuk-input site-search__input"
              id="search-field"
              name="q"
              type="search"
              autoComplete="off"
              value={query}
              onChange={onChange}
              onFocus={() => void loadEngine()}
            />
            <button className="nhsuk-button site-search__button" type="submit">
              {strings.button}
            </button>
          </div>
        </form>
      </search>
      {/* One polite live region: screen-reader users hear the result count without losing their place. */}
      <div aria-live="polite">
        {status === 'failed' && <p className="site-search__failed">{strings.failed}</p>}
        {status === 'loading' && results === null && query.trim() !== '' && <p>{strings.loading}</p>}
        {status !== 'failed' && summary && <p className="nhsuk-body-s site-search__summary">{summary}</p>}
      </div>
      {results && results.hits.length > 0 && (
        <section aria-labelledby="search-results-heading">
          <h2 id="search-results-heading" className="nhsuk-u-visually-hidden">
            {strings.resultsHeading}
          </h2>
          <ul className="nhsuk-list nhsuk-list--border site-search__results">
            {results.hits.map((hit) => (
              <li key={hit.url}>
                <a className="nhsuk-u-font-weight-bold" href={hit.url}>
                  {hit.title}
                </a>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">{hit.type}</p>
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{hit.snippet}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
