import { todayInLondon } from '../../domain/calendar-date.ts';
import { type ValidationResult, validateForm } from '../../forms/validation.ts';
import { localiseMessage } from '../../i18n/domain-messages.ts';
import { inLanguage, type Language } from '../../i18n/languages.ts';
import { type OptOutAnswers, optOutSchema } from '../../schemas/forms/opt-out.ts';
import { requireCallablePhone } from '../phone-line.ts';

/**
 * An opt-out's answers checked as the server checks them wherever they arrive (the JSON call, the
 * form's first page, "Send request"): the form's own schema, the same one the browser runs, then
 * the phone number against the numbering plan, which is too large for the browser. Dates are
 * judged against today in London, where the scheme's residents are.
 */
export async function checkAnswers(
  fields: Record<string, string>,
  options: AnswerOptions,
): Promise<ValidationResult<OptOutAnswers>> {
  const result = await requireCallablePhone(readAnswers(fields, options), (answers) => answers.contact.phone);
  if (result.ok) return result;
  const lang = options.lang ?? 'en';
  return {
    ok: false,
    errors: result.errors.map((error) => ({ ...error, message: localiseMessage(error.message, lang) })),
  };
}

interface AnswerOptions {
  requireDeclaration: boolean;
  /** The form's language: messages come back in it (the schema's, and the domain rules' translated). */
  lang?: Language;
}

/** The answers without the phone check: for showing a draft back, which was checked when it was saved. */
export function readAnswers(
  fields: Record<string, string>,
  { requireDeclaration, lang = 'en' }: AnswerOptions,
): ValidationResult<OptOutAnswers> {
  return inLanguage(lang, () =>
    validateForm(optOutSchema({ today: todayInLondon(new Date()), requireDeclaration }), fields),
  );
}
