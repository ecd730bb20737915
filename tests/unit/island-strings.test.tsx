import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import type { IslandStrings } from '../../src/forms/island-language.ts';
import { type FormIsland, islandKeys, stringsForIsland } from '../../src/forms/strings-for-island.ts';
import type { FieldError } from '../../src/forms/validation.ts';
import type { Language } from '../../src/i18n/languages.ts';
import type { ConsultationData } from '../../src/schemas/consultation.ts';

/**
 * Issue 20: in the browser an island has only the strings its page gave it, in the page's
 * language (src/forms/island-strings.ts builds t.ts and domain-messages.ts with no string file).
 * Here the same happens: the string files are emptied, the page's strings are provided, and each
 * form is validated and rendered with every error showing. The markup and messages must be exactly
 * those the server gives with every string, or a resident would see a difference (or t() throw).
 */
const consultation: Pick<ConsultationData, 'questions' | 'anonymous'> = {
  anonymous: false,
  questions: [
    { id: 'one', kind: 'single', text: 'Which is clearer?', options: ['A', 'B'], required: true },
    { id: 'two', kind: 'multiple', text: 'Which did you read?', options: ['A', 'B'], required: true },
    { id: 'three', kind: 'scale', text: 'How clear was it?', options: ['Not clear', 'Very clear'], required: true },
    { id: 'four', kind: 'text', text: 'What would you change?', options: [], required: true },
  ],
};

/** Answers that bring out each form's messages, the domain rules' among them. */
const CASES: Record<FormIsland, Record<string, string>[]> = {
  OptOutForm: [
    {},
    { who: 'child', nhsNumberKnown: 'yes', nhsNumber: '123', dateOfBirthDay: '40', phone: '12', email: 'x' },
    { who: 'self', nhsNumberKnown: 'no', postcode: 'nope', dateOfBirthYear: '99' },
  ],
  OptOutStatusForm: [{}, { reference: 'IOU', dateOfBirthDay: '1', dateOfBirthMonth: '2', dateOfBirthYear: '3000' }],
  FeedbackForm: [{}, { type: 'complaint', aboutOwnRecord: 'yes', replyBy: 'email', email: 'x', postcode: 'nope' }],
  SubscribeForm: [{}, { email: 'x' }],
  ConsultationForm: [{}, { 'q-one': 'C', email: 'x' }],
};

type Modules = Awaited<ReturnType<typeof load>>;
const load = async () => ({
  validation: await import('../../src/forms/validation.ts'),
  languages: await import('../../src/i18n/languages.ts'),
  islandLanguage: await import('../../src/forms/island-language.ts'),
  optOut: await import('../../src/schemas/forms/opt-out.ts'),
  optOutView: await import('../../src/forms/opt-out/OptOutFormView.tsx'),
  status: await import('../../src/schemas/forms/opt-out-status.ts'),
  statusView: await import('../../src/forms/opt-out/StatusFormView.tsx'),
  feedback: await import('../../src/schemas/forms/feedback.ts'),
  contactView: await import('../../src/forms/feedback/ContactForm.tsx'),
  subscription: await import('../../src/schemas/forms/subscription.ts'),
  subscribeView: await import('../../src/forms/subscriptions/SubscribeForm.tsx'),
  consultation: await import('../../src/schemas/forms/consultation-answer.ts'),
  consultationView: await import('../../src/forms/consultations/ConsultationForm.tsx'),
  t: await import('../../src/i18n/t.ts'),
});

/** Each form in `lang`, validated on `input` and rendered with its errors, as the island does. */
function render(m: Modules, island: FormIsland, lang: Language, input: Record<string, string>): string {
  return m.languages.inLanguage(lang, () => {
    const errors = validate(m, island, input);
    return `${JSON.stringify(errors)}\n${renderToStaticMarkup(view(m, island, input, errors))}`;
  });
}

function validate(m: Modules, island: FormIsland, input: Record<string, string>): FieldError[] {
  const today = calendarDate('2026-12-07');
  const schema = () => {
    switch (island) {
      case 'OptOutForm':
        return m.optOut.optOutSchema({ today, requireDeclaration: false });
      case 'OptOutStatusForm':
        return m.status.optOutStatusSchema({ today });
      case 'FeedbackForm':
        return m.feedback.feedbackFormSchema({ today });
      case 'SubscribeForm':
        return m.subscription.subscribeFormSchema();
      case 'ConsultationForm':
        return m.consultation.consultationAnswerSchema(consultation);
    }
  };
  const result = m.validation.validateForm(schema(), input);
  return result.ok ? [] : result.errors;
}

function view(m: Modules, island: FormIsland, input: Record<string, string>, errors: FieldError[]): ReactElement {
  const byField = m.validation.errorsByField(errors);
  const withErrors = { errors, summaryErrors: errors };
  switch (island) {
    case 'OptOutForm':
      return createElement(m.optOutView.OptOutFormView, {
        summaryErrors: errors,
        byField,
        enhanced: true,
        choices: input,
      });
    case 'OptOutStatusForm':
      return createElement(m.statusView.StatusFormView, { summaryErrors: errors, byField });
    case 'FeedbackForm':
      return createElement(m.contactView.ContactForm, { ...withErrors, reveal: input });
    case 'SubscribeForm':
      return createElement(m.subscribeView.SubscribeForm, {
        ...withErrors,
        action: '/api/updates/subscribe',
        submitLabel: m.t.t('subscriptions.form.submit'),
      });
    case 'ConsultationForm':
      return createElement(m.consultationView.ConsultationForm, { ...withErrors, slug: 'example', consultation });
  }
}

const ISLANDS: [FormIsland, Language][] = [
  ['OptOutForm', 'en'],
  ['OptOutForm', 'pl'],
  ['OptOutForm', 'ur'],
  ['OptOutStatusForm', 'en'],
  ['OptOutStatusForm', 'pl'],
  ['OptOutStatusForm', 'ur'],
  ['FeedbackForm', 'en'],
  ['FeedbackForm', 'pl'],
  ['FeedbackForm', 'ur'],
  ['SubscribeForm', 'en'],
  ['ConsultationForm', 'en'],
];

describe('each form island speaks its page language on the strings the page gives it', () => {
  const expected = new Map<string, string[]>();
  const given = new Map<string, IslandStrings>();
  let browser: Modules;

  beforeAll(async () => {
    const server = await load();
    for (const [island, lang] of ISLANDS) {
      given.set(`${island} ${lang}`, stringsForIsland(island, lang));
      expected.set(
        `${island} ${lang}`,
        CASES[island].map((input) => render(server, island, lang, input)),
      );
    }
    // The browser build: no string file, in any language.
    vi.resetModules();
    const i18n = join(import.meta.dirname, '../../src/i18n');
    for (const lang of readdirSync(i18n).filter((name) => !name.includes('.')))
      for (const file of readdirSync(join(i18n, lang)).filter((name) => name.endsWith('.json')))
        vi.doMock(join(i18n, lang, file), () => ({ default: {} }));
    browser = await load();
  });

  it('has no strings of its own in the emulated browser build', () => {
    expect(() => browser.t.t('optOut.form.title')).toThrow('There is no UI string');
  });

  it.each(ISLANDS)('%s in %s: the same errors and markup as the server', (island, lang) => {
    const strings = given.get(`${island} ${lang}`);
    if (!strings) throw new Error('no strings');
    browser.islandLanguage.provideIslandStrings(strings);
    const actual = CASES[island].map((input) => render(browser, island, lang, input));
    expect(actual).toEqual(expected.get(`${island} ${lang}`));
    // The messages are in the page's language, not English (the cases produce some).
    if (lang !== 'en') expect(actual.join()).not.toEqual(render(browser, island, 'en', {}));
  });
});

describe('a page gives its island only its own language and its own form', () => {
  it('gives the Polish opt-out form Polish strings and none from other forms', () => {
    const { ui, domain, lang } = stringsForIsland('OptOutForm', 'pl');
    expect(lang).toBe('pl');
    expect(ui['optOut.fullName.label']).not.toBe(stringsForIsland('OptOutForm', 'en').ui['optOut.fullName.label']);
    expect(Object.keys(domain).length).toBeGreaterThan(5);
    expect(Object.keys(ui).some((key) => key.startsWith('feedback.') || key.startsWith('optOut.status.'))).toBe(false);
    expect(ui['optOut.who.child']).toBeDefined(); // named only as `optOut.who.${route}`
  });

  it('names far fewer keys for a form than the residents have', () => {
    expect(islandKeys('OptOutStatusForm').length).toBeLessThan(40);
    expect(
      islandKeys('SubscribeForm').filter((key) => /^(optOut\.(start|status|paper)|consultations)\./.test(key)),
    ).toEqual([]);
  });
});
