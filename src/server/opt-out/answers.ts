import { todayInLondon } from '../../domain/calendar-date.ts';
import { type ValidationResult, validateForm } from '../../forms/validation.ts';
import { type OptOutAnswers, optOutSchema } from '../../schemas/forms/opt-out.ts';
import { requireCallablePhone } from '../phone-line.ts';

/**
 * An opt-out's answers checked as the server checks them wherever they arrive (the JSON call, the
 * form's first page, "Send request"): the form's own schema, the same one the browser runs, then
 * the phone number against the numbering plan, which is too large for the browser. Dates are
 * judged against today in London, where the scheme's residents are.
 */
export function checkAnswers(
  fields: Record<string, string>,
  options: { requireDeclaration: boolean },
): Promise<ValidationResult<OptOutAnswers>> {
  return requireCallablePhone(readAnswers(fields, options), (answers) => answers.contact.phone);
}

/** The answers without the phone check: for showing a draft back, which was checked when it was saved. */
export function readAnswers(
  fields: Record<string, string>,
  options: { requireDeclaration: boolean },
): ValidationResult<OptOutAnswers> {
  return validateForm(optOutSchema({ today: todayInLondon(new Date()), ...options }), fields);
}
