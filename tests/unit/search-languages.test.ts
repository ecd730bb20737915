import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex, type SearchDoc } from '../../src/utils/search-index.ts';
import { languagePlugin, prepareToLoad } from '../../src/utils/search-languages.ts';

/** A saved index goes through JSON to the browser, which loads it fresh: test it that way. */
function roundTrip(docs: SearchDoc[], lang: 'pl' | 'ur') {
  const saved = JSON.stringify(buildSearchIndex(docs, languagePlugin(lang)));
  prepareToLoad(lang);
  return loadSearchIndex(JSON.parse(saved));
}

const doc = (title: string, body: string, url: string): SearchDoc => ({ title, body, url, type: 'Page', snippet: '' });

describe('search in Polish', () => {
  const engine = roundTrip(
    [
      doc(
        'Kto może zobaczyć twój rejestr',
        'Tylko pracownicy, którzy się tobą opiekują, widzą rejestr.',
        '/pl/who-can-see-it/',
      ),
      doc('Twoje wybory', 'Możesz zrezygnować z udostępniania.', '/pl/your-choices/'),
    ],
    'pl',
  );

  it('finds a word in another form (the Polish stemmer), and keeps Polish letters', () => {
    expect(engine.search('rejestru').map((hit) => hit.url)).toEqual(['/pl/who-can-see-it/']);
    expect(engine.search('zrezygnować').map((hit) => hit.url)).toEqual(['/pl/your-choices/']);
  });

  it('ignores Polish stop words rather than matching every page', () => {
    expect(engine.search('się')).toEqual([]);
  });
});

describe('search in Urdu (no stemmer: words as written)', () => {
  const engine = roundTrip(
    [
      doc('آپ کا ریکارڈ کون دیکھ سکتا ہے', 'صرف وہ عملہ جو آپ کی دیکھ بھال کر رہا ہے۔', '/ur/who-can-see-it/'),
      doc('آپ کے اختیارات', 'آپ آپٹ آؤٹ کر سکتے ہیں۔', '/ur/your-choices/'),
    ],
    'ur',
  );

  it('finds Urdu words, which lunr’s English trimmer would erase', () => {
    expect(engine.search('ریکارڈ').map((hit) => hit.url)).toEqual(['/ur/who-can-see-it/']);
    expect(engine.search('اختیارات').map((hit) => hit.url)).toEqual(['/ur/your-choices/']);
  });

  it('finds a word typed with Arabic letters for the Urdu ones, and with its full stop', () => {
    // "اختیارات" typed with Arabic yeh (U+064A) instead of Urdu yeh (U+06CC).
    expect(engine.search('اختيارات').map((hit) => hit.url)).toEqual(['/ur/your-choices/']);
    expect(engine.search('ہیں۔').map((hit) => hit.url)).toEqual(['/ur/your-choices/']);
  });
});
