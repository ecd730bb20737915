import { EXAMPLE_REFERENCE } from '../domain/reference.ts';
import { currentLanguage, type Language } from './languages.ts';
import pl from './pl/domain-messages.json' with { type: 'json' };
import ur from './ur/domain-messages.json' with { type: 'json' };

/**
 * The domain rules (NHS number, phone, postcode, dates, references) answer in English, because
 * src/domain knows no languages and is shared with the staff tools. A resident's form shows their
 * messages in the form's language: each translation is keyed by the exact English message, and a
 * unit test checks every message those rules can give has one (tests/unit/i18n-domain.test.ts).
 */
const byLanguage: Partial<Record<Language, Readonly<Record<string, string>>>> = { pl, ur };

/** The English messages that carry the example reference, keyed as they are written in the JSON. */
const withExample = (message: string) => message.replaceAll(EXAMPLE_REFERENCE, '{exampleReference}');

/** A domain rule's English message in `lang`; a message without a translation is kept as it is. */
export function localiseMessage(message: string, lang: Language = currentLanguage()): string {
  const table = byLanguage[lang];
  if (!table) return message;
  const translated = table[message] ?? table[withExample(message)];
  return translated === undefined ? message : translated.replaceAll('{exampleReference}', EXAMPLE_REFERENCE);
}

/** A language's table, for an island's strings (src/forms/strings-for-island.ts); none for English. */
export function messagesIn(lang: Language): Readonly<Record<string, string>> {
  return byLanguage[lang] ?? {};
}

/** In the browser, the page's table, when this copy was built without it (as provideStrings in t.ts). */
export function provideMessages(lang: Language, table: Readonly<Record<string, string>>): void {
  if (Object.keys(byLanguage[lang] ?? {}).length === 0) byLanguage[lang] = table;
}

/** The English messages each language translates, for the coverage test. */
export function translatedMessages(lang: Language): readonly string[] {
  return Object.keys(byLanguage[lang] ?? {});
}
