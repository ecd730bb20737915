import { provideMessages } from '../i18n/domain-messages.ts';
import type { Language } from '../i18n/languages.ts';
import { provideStrings } from '../i18n/t.ts';

/**
 * What a form's island needs to speak its page's language in the browser (issue 20): the UI strings
 * its modules name, already in `lang` (English where `lang` has no translation), and the domain
 * rules' messages in `lang`. The page builds it (src/forms/strings-for-island.ts) and passes it as
 * the island's `strings` prop, so each page carries one language, not all three, and only the
 * strings its own form can show.
 */
export interface IslandStrings {
  /** The page's language. */
  lang: Language;
  /** UI string templates by key, with their `{placeholders}` still to fill. */
  ui: Readonly<Record<string, string>>;
  /** The domain rules' English messages and their translation in `lang` (empty for English). */
  domain: Readonly<Record<string, string>>;
}

/**
 * Hands the page's strings to t() and to the domain messages before the island builds its schema
 * or renders. On the server (Astro's render of the island) both keep their full tables.
 */
export function provideIslandStrings({ lang, ui, domain }: IslandStrings): Language {
  provideStrings(lang, ui);
  provideMessages(lang, domain);
  return lang;
}
