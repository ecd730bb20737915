import lunr from 'lunr';

/**
 * The site search, wrapped so the rest of the site never touches lunr directly (the same code
 * builds the index at build time, loads it in the browser and is measured by bench/search.ts).
 */

/** What a result shows: enough to choose a page without opening it. */
export interface SearchHit {
  title: string;
  /** What kind of page it is, in words ("Myth", "Question"). */
  type: string;
  url: string;
  snippet: string;
}

/** One page to index: what is shown, plus the words that are searched. */
export interface SearchDoc extends SearchHit {
  /** The page's prose; searched, not shipped in the docs map. */
  body: string;
}

/** The static file at /search-index.json. */
export interface SerialisedSearch {
  index: object;
  /** What each result shows; the lunr ref is the position in this list (short refs keep the file small). */
  docs: SearchHit[];
}

/**
 * How much of each body is indexed. A small site indexes every word. Past FULL_TEXT_DOCS
 * entries only the title, the snippet and the first BODY_WORDS words of the body are indexed:
 * they say what a page is about, while the rest mostly grows the file, which must stay small
 * (≤ 300 KB gzip at 2,000 entries) for a cheap phone on a slow connection.
 */
export const FULL_TEXT_DOCS = 300;
export const BODY_WORDS = 20;

/**
 * Builds the index. `language` sets the pipelines for a language other than English
 * (src/utils/search-languages.ts); it is passed in, not imported, so the English search page
 * never downloads the Polish stemmer.
 */
export function buildSearchIndex(docs: SearchDoc[], language?: lunr.Builder.Plugin): SerialisedSearch {
  const limit = docs.length > FULL_TEXT_DOCS ? BODY_WORDS : Number.POSITIVE_INFINITY;
  const opening = (text: string) => text.split(/\s+/).slice(0, limit).join(' ');
  const index = lunr(function () {
    if (language) this.use(language);
    this.ref('id');
    // A match in the title is the strongest sign a page answers the question.
    this.field('title', { boost: 10 });
    this.field('body');
    // Positions are only needed for highlighting, which we do not do; leaving them out shrinks the file.
    this.metadataWhitelist = [];
    docs.forEach((doc, id) => {
      this.add({ id: String(id), title: doc.title, body: `${doc.snippet} ${opening(doc.body)}` });
    });
  });
  return { index: index.toJSON(), docs: docs.map(({ title, type, url, snippet }) => ({ title, type, url, snippet })) };
}

/** A loaded index, ready to answer queries. */
export interface SearchEngine {
  search(query: string, limit?: number): SearchHit[];
}

/** Thrown when /search-index.json is missing, unreadable or not an index. */
export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

function isHit(value: unknown): value is SearchHit {
  if (typeof value !== 'object' || value === null) return false;
  const fields = new Map(Object.entries(value));
  return ['title', 'type', 'url', 'snippet'].every((key) => typeof fields.get(key) === 'string');
}

/** Checks the fetched file before use, so a broken deploy shows a message instead of wrong results. */
export function loadSearchIndex(data: unknown): SearchEngine {
  if (typeof data !== 'object' || data === null || !('index' in data) || !('docs' in data)) {
    throw new SearchIndexError('The search index file is not in the expected shape');
  }
  const { index: rawIndex, docs: rawDocs } = data;
  if (typeof rawIndex !== 'object' || rawIndex === null || !Array.isArray(rawDocs) || !rawDocs.every(isHit)) {
    throw new SearchIndexError('The search index file is not in the expected shape');
  }
  const docs: SearchHit[] = rawDocs;
  let index: lunr.Index;
  try {
    index = lunr.Index.load(rawIndex);
  } catch (error) {
    throw new SearchIndexError('The search index could not be loaded', { cause: error });
  }
  return {
    search(query, limit = 20) {
      const terms = lunr.tokenizer(query).map(String).filter(Boolean);
      if (terms.length === 0) return [];
      // Built clause by clause rather than with index.search(): typed words such as "can't" or
      // "A&E:" would otherwise be read as lunr query syntax and throw.
      const run = (fuzzy: boolean) =>
        index.query((q) => {
          terms.forEach((term, i) => {
            q.term(term, { boost: 10 });
            // The last word may be half-typed: match words that start with it, without stemming.
            if (i === terms.length - 1 && term.length >= 2) {
              q.term(term, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
            }
            if (fuzzy && term.length >= 5) q.term(term, { boost: 1, editDistance: 1 });
          });
        });
      // Typo-tolerant matching is slow on a large index, so it is only tried when nothing matched.
      let results = run(false);
      if (results.length === 0) results = run(true);
      return results.flatMap((r) => docs[Number(r.ref)] ?? []).slice(0, limit);
    },
  };
}
