import { describe, expect, it } from 'vitest';
import { buildCmsConfig } from '../../src/admin/cms-config.ts';
import type { DecapField } from '../../src/admin/decap-config.ts';

/**
 * The comms team edits the Polish and Urdu versions of a page side by side in Decap (its i18n
 * support), with the fields generated from the translation's zod schema like every other collection.
 */
const config = buildCmsConfig();
const translations = config.collections.find((collection) => collection.name === 'translations');

const allFields = (fields: DecapField[]): DecapField[] =>
  fields.flatMap((field) => [
    field,
    ...allFields(field.fields ?? []),
    ...(field.field ? allFields([field.field]) : []),
  ]);

describe('translations in the CMS', () => {
  it('are edited side by side, one folder per language, as the site reads them', () => {
    expect(config.i18n).toEqual({ structure: 'multiple_folders', locales: ['pl', 'ur'], default_locale: 'pl' });
    expect(translations).toMatchObject({ folder: 'content/translations', i18n: true, extension: 'md' });
  });

  it('keep every field, nested ones too, per language (Decap drops the others from all but the first)', () => {
    const fields = allFields(translations?.fields ?? []);
    expect(fields.length).toBeGreaterThan(5);
    expect(fields.filter((field) => field.i18n !== true).map((field) => field.name)).toEqual([]);
  });

  it('come from the zod schema: the English fingerprint and the translator check', () => {
    const names = (translations?.fields ?? []).map((field) => field.name);
    expect(names).toEqual(['title', 'description', 'sourceHash', 'translationReview', 'body']);
    const review = translations?.fields?.find((field) => field.name === 'translationReview');
    const status = review?.fields?.find((field) => field.name === 'status');
    expect(status).toMatchObject({ widget: 'select', options: ['needs-review', 'signed-off'] });
  });

  it('leave the other collections without i18n', () => {
    const pages = config.collections.find((collection) => collection.name === 'pages');
    expect(pages?.['i18n']).toBeUndefined();
    expect(allFields(pages?.fields ?? []).some((field) => 'i18n' in field)).toBe(false);
  });
});
