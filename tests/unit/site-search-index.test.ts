import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex, type SearchDoc, SearchIndexError } from '../../src/utils/search-index.ts';

const docs: SearchDoc[] = [
  {
    title: 'Will my data be sold?',
    type: 'Myth',
    url: '/myths/sold/',
    snippet: 'Never sold.',
    body: 'companies money',
  },
  { title: 'Who can see your record', type: 'Page', url: '/who/', snippet: 'Staff caring for you.', body: 'doctors' },
  { title: 'Kelham Hospice', type: 'Organisation', url: '/organisations/hospice/', snippet: 'Hospice', body: '' },
];
const engine = loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(docs))));

describe('site search', () => {
  it('finds a page by a word in its title, after a round trip through JSON', () => {
    expect(engine.search('sold')[0]?.url).toBe('/myths/sold/');
  });

  it('matches a half-typed last word', () => {
    expect(engine.search('hosp').map((hit) => hit.url)).toContain('/organisations/hospice/');
  });

  it('forgives a small typo in a longer word', () => {
    expect(engine.search('hospise').map((hit) => hit.url)).toContain('/organisations/hospice/');
  });

  it('does not throw on text that looks like lunr query syntax', () => {
    expect(() => engine.search('A&E: +title:~2 -*')).not.toThrow();
  });

  it('rejects a file that is not an index, so the page can say search is broken', () => {
    expect(() => loadSearchIndex({ nope: true })).toThrow(SearchIndexError);
    expect(() => loadSearchIndex({ index: {}, docs: [] })).toThrow(SearchIndexError);
  });
});
