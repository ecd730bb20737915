import { EXAMPLE_REFERENCE } from '../domain/reference.ts';
import common from './en/common.json' with { type: 'json' };
import consultations from './en/consultations.json' with { type: 'json' };
import feedback from './en/feedback.json' with { type: 'json' };
import governance from './en/governance.json' with { type: 'json' };
import enLanguages from './en/languages.json' with { type: 'json' };
import launchCheck from './en/launch-check.json' with { type: 'json' };
import optOut from './en/opt-out.json' with { type: 'json' };
import privacy from './en/privacy.json' with { type: 'json' };
import site from './en/site.json' with { type: 'json' };
import staffAuth from './en/staff-auth.json' with { type: 'json' };
import staffMatch from './en/staff-match.json' with { type: 'json' };
import staffOptOutQueue from './en/staff-opt-out-queue.json' with { type: 'json' };
import staffQueues from './en/staff-queues.json' with { type: 'json' };
import staffReports from './en/staff-reports.json' with { type: 'json' };
import subscriptions from './en/subscriptions.json' with { type: 'json' };
import { dateTimeFormats } from './intl-cache.ts';
import { currentLanguage, intlLocale, type Language } from './languages.ts';
import plCommon from './pl/common.json' with { type: 'json' };
import plConsultations from './pl/consultations.json' with { type: 'json' };
import plFeedback from './pl/feedback.json' with { type: 'json' };
import plLanguages from './pl/languages.json' with { type: 'json' };
import plOptOut from './pl/opt-out.json' with { type: 'json' };
import plSite from './pl/site.json' with { type: 'json' };
import plSubscriptions from './pl/subscriptions.json' with { type: 'json' };
import urCommon from './ur/common.json' with { type: 'json' };
import urConsultations from './ur/consultations.json' with { type: 'json' };
import urFeedback from './ur/feedback.json' with { type: 'json' };
import urLanguages from './ur/languages.json' with { type: 'json' };
import urOptOut from './ur/opt-out.json' with { type: 'json' };
import urSite from './ur/site.json' with { type: 'json' };
import urSubscriptions from './ur/subscriptions.json' with { type: 'json' };

export {
  currentLanguage,
  DEFAULT_LANGUAGE,
  dir,
  inLanguage,
  isLanguage,
  LANGUAGES,
  type Language,
  languageName,
  languageOr,
} from './languages.ts';

/**
 * A key defined in two files of one language is an error (on the language's first use, and in
 * tests/unit/i18n.test.ts before any deploy): the second would silently win, and the team
 * editing the first would never see their text.
 */
export function joinFiles(lang: Language, parts: readonly Record<string, string>[]): Record<string, string> {
  const all: Record<string, string> = Object.assign({}, ...parts);
  const size = parts.reduce((sum, part) => sum + Object.keys(part).length, 0);
  if (Object.keys(all).length !== size)
    throw new Error(`A UI string key is defined in two files under src/i18n/${lang}/`);
  return all;
}

/**
 * UI strings, one JSON file per area so that teams can work on them side by side. Keys are
 * dotted and start with the area ("optOut.who.legend"). The files are imported, not read from
 * disk, so the functions' bundles carry them (no repository path at run time).
 *
 * Polish and Urdu translate the resident's pages, forms and emails; a key they lack falls back to
 * English. Staff screens stay English. Their keys are checked against English by a unit test
 * (tests/unit/i18n.test.ts), so an orphan or a changed placeholder fails there, not in front of a resident.
 */
const files: Record<Language, readonly Readonly<Record<string, string>>[]> = {
  en: [
    common,
    site,
    enLanguages,
    governance,
    optOut,
    feedback,
    privacy,
    staffAuth,
    staffQueues,
    staffOptOutQueue,
    staffMatch,
    staffReports,
    launchCheck,
    subscriptions,
    consultations,
  ],
  pl: [plCommon, plSite, plLanguages, plOptOut, plFeedback, plSubscriptions, plConsultations],
  ur: [urCommon, urSite, urLanguages, urOptOut, urFeedback, urSubscriptions, urConsultations],
};

/** The UI strings for one language. */
export type MessageKey =
  | keyof typeof common
  | keyof typeof site
  | keyof typeof enLanguages
  | keyof typeof governance
  | keyof typeof optOut
  | keyof typeof feedback
  | keyof typeof privacy
  | keyof typeof staffAuth
  | keyof typeof staffQueues
  | keyof typeof staffOptOutQueue
  | keyof typeof staffMatch
  | keyof typeof staffReports
  | keyof typeof launchCheck
  | keyof typeof subscriptions
  | keyof typeof consultations;

/**
 * Each language's files are joined the first time a string of that language is asked for, not
 * when this module loads: a function answering in English never joins Polish or Urdu, and a cold
 * start does not pay for any of it before its first answer (issue 13's import target). The
 * duplicate-key check (joinFiles) runs then, and for every language in tests/unit/i18n.test.ts.
 */
const joined = new Map<Language, Readonly<Record<string, string>>>();

/** Every language's own strings, joined on first use; the tests check no key is orphaned and placeholders match. */
export function translationOf(lang: Language): Readonly<Record<string, string>> {
  let strings = joined.get(lang);
  if (strings === undefined) {
    strings = joinFiles(lang, files[lang]);
    joined.set(lang, strings);
  }
  return strings;
}

/**
 * In the browser, an island's copy of this module is built without the string files
 * (src/forms/island-strings.ts): the page hands the island the strings it needs in its own
 * language (src/forms/strings-for-island.ts) and they are put here. A copy that has its files,
 * as on the server, keeps them, so a page built in the same process cannot cut them down.
 */
export function provideStrings(lang: Language, strings: Readonly<Record<string, string>>): void {
  if (files[lang].every((file) => Object.keys(file).length === 0)) joined.set(lang, strings);
}

/**
 * Placeholders every string may use without the caller passing them: examples generated by the
 * domain rules, so a hint never shows a reference the box would refuse.
 */
const shared: Record<string, string> = { exampleReference: EXAMPLE_REFERENCE };

/**
 * Looks up a UI string and fills `{name}` placeholders. Residents' text lives here or in
 * content/, never inline in components, so a second language (e.g. Welsh) can be added by
 * adding a folder of JSON files. A missing placeholder value is an error, not a silent "{name}".
 */
export function t(
  key: MessageKey,
  values: Record<string, string | number> = {},
  lang: Language = currentLanguage(),
): string {
  // A key a translation lacks falls back to English: a mixed page beats an empty box.
  const template = translationOf(lang)[key] ?? translationOf('en')[key];
  if (template === undefined) throw new Error(`There is no UI string "${key}"`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? shared[name];
    if (value === undefined) throw new Error(`Missing value "${name}" for UI string "${key}"`);
    return String(value);
  });
}

/** True when a key built at run time (e.g. from a template's name) names a UI string. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(translationOf('en'), key);
}

const govukDate = dateTimeFormats({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Formats a date the GOV.UK way: "22 November 2026" (in Polish "22 listopada 2026"). Dates are
 * calendar days, so UTC is used.
 */
export function formatDate(date: Date, lang: Language = currentLanguage()): string {
  return govukDate(intlLocale(lang)).format(date);
}
