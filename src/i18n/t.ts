import common from './en/common.json' with { type: 'json' };
import feedback from './en/feedback.json' with { type: 'json' };
import optOut from './en/opt-out.json' with { type: 'json' };
import site from './en/site.json' with { type: 'json' };
import staffAuth from './en/staff-auth.json' with { type: 'json' };
import staffQueues from './en/staff-queues.json' with { type: 'json' };
import staffReports from './en/staff-reports.json' with { type: 'json' };

/**
 * UI strings, one JSON file per area so that teams can work on them side by side. Keys are
 * dotted and start with the area ("optOut.who.legend"); a key defined twice is a start-up error.
 */
const en = { ...common, ...site, ...optOut, ...feedback, ...staffAuth, ...staffQueues, ...staffReports };
const sizes = [common, site, optOut, feedback, staffAuth, staffQueues, staffReports].reduce<number>(
  (sum, part) => sum + Object.keys(part).length,
  0,
);
if (Object.keys(en).length !== sizes) throw new Error('A UI string key is defined in two files under src/i18n/en/');

/** The UI strings for one language. */
export type MessageKey = keyof typeof en;

const languages = { en } as const;
export type Language = keyof typeof languages;

/**
 * Looks up a UI string and fills `{name}` placeholders. Residents' text lives here or in
 * content/, never inline in components, so a second language (e.g. Welsh) can be added by
 * adding a folder of JSON files. A missing placeholder value is an error, not a silent "{name}".
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}, lang: Language = 'en'): string {
  const template: string = languages[lang][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Missing value "${name}" for UI string "${key}"`);
    return String(value);
  });
}

/** Formats a date the GOV.UK way: "22 November 2026". Dates are calendar days, so UTC is used. */
export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}
