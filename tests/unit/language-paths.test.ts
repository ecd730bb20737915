import { describe, expect, it } from 'vitest';
import { alternatesFor, englishPathOf, languageOfPath, pathIn } from '../../src/utils/language-paths.ts';

const site = new URL('https://record.example');

describe('language paths', () => {
  it('reads the language from the first part of the address, English when there is none', () => {
    expect(languageOfPath('/pl/who-can-see-it/')).toBe('pl');
    expect(languageOfPath('/ur/')).toBe('ur');
    expect(languageOfPath('/who-can-see-it/')).toBe('en');
    expect(languageOfPath('/')).toBe('en');
    // A page whose own name starts like a language is still English.
    expect(languageOfPath('/plans/')).toBe('en');
    expect(languageOfPath('/en/')).toBe('en');
  });

  it('finds the English page a translated or fallback page stands for', () => {
    expect(englishPathOf('/pl/who-can-see-it/')).toBe('/who-can-see-it/');
    expect(englishPathOf('/ur/')).toBe('/');
    expect(englishPathOf('/myths/x/')).toBe('/myths/x/');
  });

  it('links the same page in each language, from any language', () => {
    expect(pathIn('pl', '/opt-out/')).toBe('/pl/opt-out/');
    expect(pathIn('ur', '/pl/opt-out/')).toBe('/ur/opt-out/');
    expect(pathIn('en', '/ur/opt-out/')).toBe('/opt-out/');
    expect(pathIn('pl', '/')).toBe('/pl/');
  });

  it('lists hreflang alternates for English, each translation and x-default', () => {
    expect(alternatesFor('/pl/who-can-see-it/', ['pl'], site)).toEqual([
      { hreflang: 'en', href: 'https://record.example/who-can-see-it/' },
      { hreflang: 'pl', href: 'https://record.example/pl/who-can-see-it/' },
      { hreflang: 'x-default', href: 'https://record.example/who-can-see-it/' },
    ]);
  });

  it('lists no alternates for a page nobody has translated (its twins are English fallbacks)', () => {
    expect(alternatesFor('/carers/', [], site)).toEqual([]);
  });
});
