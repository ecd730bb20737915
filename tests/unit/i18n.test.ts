import { describe, expect, it } from 'vitest';
import {
  dir,
  isLanguage,
  isTranslatedLanguage,
  LANGUAGE_CODES,
  LANGUAGES,
  languageName,
  languageOr,
  TRANSLATED_LANGUAGES,
} from '../../src/i18n/languages.ts';
import { formatDate, isMessageKey, joinFiles, t, translationOf } from '../../src/i18n/t.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('UI strings in other languages', () => {
  it('names each language in itself, and writes Urdu right to left', () => {
    expect(LANGUAGES.map((language) => language.code)).toEqual([...LANGUAGE_CODES]);
    expect(languageName('pl')).toBe('Polski');
    expect(languageName('ur')).toBe('اردو');
    expect(dir('ur')).toBe('rtl');
    expect(dir('pl')).toBe('ltr');
    expect(dir('en')).toBe('ltr');
  });

  it('takes a language from a request only when it is one of ours', () => {
    expect(isLanguage('pl')).toBe(true);
    expect(isLanguage('de')).toBe(false);
    expect(languageOr('ur')).toBe('ur');
    expect(languageOr('<script>')).toBe('en');
    expect(languageOr(undefined)).toBe('en');
  });

  it('translates pages into every language but English, and knows a translated one from a request', () => {
    expect(TRANSLATED_LANGUAGES).toEqual(['pl', 'ur']);
    expect(isTranslatedLanguage('ur')).toBe(true);
    expect(isTranslatedLanguage('en')).toBe(false);
    expect(isTranslatedLanguage('de')).toBe(false);
  });

  it('falls back to English for a key a translation lacks', () => {
    // Staff screens are never translated, so their keys are the fallback's proof.
    expect(translationOf('pl')['staffAuth.signIn.title']).toBeUndefined();
    expect(t('staffAuth.signIn.title', {}, 'pl')).toBe('Sign in');
  });

  it('shows Polish and Urdu where a translation has the key', () => {
    expect(t('optOut.nhsNumber.error.required', {}, 'pl')).not.toBe(t('optOut.nhsNumber.error.required'));
    expect(t('optOut.nhsNumber.error.required', {}, 'ur')).not.toBe(t('optOut.nhsNumber.error.required'));
  });

  for (const { code } of LANGUAGES.filter((language) => language.code !== 'en')) {
    it(`every ${code} key exists in English (no orphan keys)`, () => {
      const orphans = Object.keys(translationOf(code)).filter((key) => !isMessageKey(key));
      expect(orphans).toEqual([]);
    });

    it(`every ${code} string has the same {placeholders} as its English`, () => {
      const mismatched = Object.entries(translationOf(code))
        .filter(([key]) => isMessageKey(key))
        .filter(([key, text]) => placeholders(text).join() !== placeholders(translationOf('en')[key] ?? '').join())
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
  }

  it('refuses a key defined in two files of one language', () => {
    expect(() => joinFiles('pl', [{ 'a.b': 'x' }, { 'a.b': 'y' }])).toThrow(/two files under src\/i18n\/pl/);
    expect(joinFiles('pl', [{ 'a.b': 'x' }, { 'a.c': 'y' }])).toEqual({ 'a.b': 'x', 'a.c': 'y' });
  });

  it('writes dates in the reader language', () => {
    const date = new Date(Date.UTC(2026, 10, 22));
    expect(formatDate(date)).toBe('22 November 2026');
    expect(formatDate(date, 'pl')).toBe('22 listopada 2026');
    expect(formatDate(date, 'ur')).toMatch(/2026/);
    expect(formatDate(date, 'ur')).not.toMatch(/November/);
  });

  // Every content page ends with these. Until 2026-12-07 they fell back to English on Polish and
  // Urdu pages, and "Was this page helpful?"'s thank-you page and comment box (which no built page
  // holds, so tests/unit/built-language.test.ts cannot see them) came back in English.
  it.each(['pl', 'ur'] as const)('writes the sources, review dates and "Was this page helpful?" in %s', (lang) => {
    const own = translationOf(lang);
    const english = Object.keys(translationOf('en')).filter((key) =>
      /^(feedback\.helpful\.|sources\.|review\.)/.test(key),
    );
    expect(english.length).toBeGreaterThanOrEqual(19);
    expect(english.filter((key) => own[key] === undefined)).toEqual([]);
  });
});
