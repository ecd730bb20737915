import { describe, expect, it } from 'vitest';
import { type CalendarDate, parseDateFields } from '../../src/domain/calendar-date.ts';
import { NHS_NUMBER_MESSAGES } from '../../src/domain/nhs-number.ts';
import { PHONE_MESSAGES } from '../../src/domain/phone.ts';
import { POSTCODE_MESSAGES } from '../../src/domain/postcode.ts';
import { EXAMPLE_REFERENCE, referenceSchema } from '../../src/domain/reference.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { localiseMessage, translatedMessages } from '../../src/i18n/domain-messages.ts';
import { inLanguage } from '../../src/i18n/languages.ts';
import { optOutSchema } from '../../src/schemas/forms/opt-out.ts';

/**
 * The domain rules answer in English; a Polish or Urdu form shows their messages translated,
 * keyed by the English text. A rule that changes its wording, or a new rule, must not slip
 * through to a resident in English: every message the opt-out form's rules can give is listed
 * here and must have a translation in each language.
 */
const today = '2026-12-06' as CalendarDate;
const dateMessages = [
  { day: '', month: '', year: '' },
  { day: '1', month: '', year: '' },
  { day: '', month: '1', year: '' },
  { day: '', month: '', year: '1990' },
  { day: '', month: '', year: '' },
  { day: '1', month: '2', year: '' },
  { day: '1', month: '', year: '1990' },
  { day: '', month: '2', year: '1990' },
  { day: '32', month: '1', year: '1990' },
  { day: '1', month: '1', year: '90' },
  { day: '1', month: '1', year: '2030' },
].flatMap((input) => {
  const result = parseDateFields(input, { label: 'Date of birth', relativeTo: { today, mustBe: 'past' } });
  return result.ok ? [] : [result.message];
});
const referenceMessages = ['', 'HKT3RW7P'].map(
  (value) => referenceSchema().safeParse(value).error?.issues[0]?.message ?? '',
);
const english = [
  ...new Set([
    ...Object.values(NHS_NUMBER_MESSAGES),
    ...Object.values(PHONE_MESSAGES),
    ...Object.values(POSTCODE_MESSAGES),
    ...dateMessages,
    ...referenceMessages,
  ]),
];

describe('domain rule messages on a translated form', () => {
  it('lists every message the rules give (so the check below covers them)', () => {
    expect(dateMessages).toContain('Date of birth must include a month and year');
    expect(dateMessages).toContain('Date of birth must be in the past');
    expect(referenceMessages[1]).toContain(EXAMPLE_REFERENCE);
  });

  for (const lang of ['pl', 'ur'] as const) {
    it(`has a ${lang} translation for each, with the example reference filled in`, () => {
      const missing = english.filter((message) => localiseMessage(message, lang) === message);
      expect(missing).toEqual([]);
      expect(localiseMessage(referenceMessages[1] ?? '', lang)).toContain(EXAMPLE_REFERENCE);
    });

    it(`keys every ${lang} translation by a message a rule really gives, or the phone line check's`, () => {
      const known = new Set(english.map((message) => message.replaceAll(EXAMPLE_REFERENCE, '{exampleReference}')));
      const unknown = translatedMessages(lang).filter((message) => !known.has(message));
      // The phone line check (src/server/phone-line.ts) is server-only; its one extra message is expected.
      expect(unknown).toEqual([expect.stringMatching(/^Check your phone number: it is not a UK landline/)]);
    });
  }

  it('shows a Polish form its date error in Polish, through the same validation the browser runs', () => {
    const fields = { who: 'self', dateOfBirthDay: '1' };
    const result = inLanguage('pl', () => validateForm(optOutSchema({ today, requireDeclaration: false }), fields));
    const english = validateForm(optOutSchema({ today, requireDeclaration: false }), fields);
    const dateOf = (r: typeof result) => (r.ok ? '' : r.errors.find((e) => e.field === 'dateOfBirth')?.message);
    expect(dateOf(english)).toBe('Date of birth must include a month and year');
    expect(dateOf(result)).toBe('Data urodzenia musi mieć miesiąc i rok');
    // Built per language: the English schema is not handed to the Polish form, nor the other way.
    const who = (r: typeof result) => (r.ok ? '' : r.errors.find((e) => e.field === 'fullName')?.message);
    expect(who(result)).not.toBe(who(english));
  });
});
