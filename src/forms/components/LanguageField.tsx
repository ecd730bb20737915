import { currentLanguage, DEFAULT_LANGUAGE } from '../../i18n/languages.ts';

/**
 * The form's language, posted with it, so the function answers without JavaScript in the
 * language the resident was reading (errors, "Check your answers", the confirmation, the email).
 * English forms post none: English is what a post without it gets.
 */
export function LanguageField() {
  const lang = currentLanguage();
  return lang === DEFAULT_LANGUAGE ? null : <input type="hidden" name="lang" value={lang} />;
}
