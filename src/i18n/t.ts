import en from './en.json' with { type: 'json' };

/** The UI strings for one language. Keys are dotted, like "nav.home". */
export type MessageKey = keyof typeof en;

const languages = { en } as const;
export type Language = keyof typeof languages;

/**
 * Looks up a UI string and fills `{name}` placeholders. Residents' text lives here or in
 * content/, never inline in components, so a second language (e.g. Welsh) can be added by
 * adding a JSON file. A missing placeholder value is an error, not a silent "{name}".
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}, lang: Language = 'en'): string {
  const template = languages[lang][key];
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
