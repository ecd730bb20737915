import type { ValidationResult } from '../forms/validation.ts';

/**
 * The server's check that a phone number reaches a person: a UK landline or mobile in a range
 * Ofcom has allocated to lines. The browser's check (src/domain/phone.ts) knows only the first
 * digits, because the numbering plan ("max" metadata, about 150 KB) is too heavy for every page.
 * On the server it is loaded the first time a form carries a phone number, not when a function
 * starts: it was 211 KB of the opt-out module and put its cold start over the 150 ms target
 * (issue 13; docs/benchmarks.md). The bundler still carries it (a literal dynamic import).
 *
 * Refused: ranges no line uses (including the drama ranges our examples show, so copying the example
 * is caught), 070 personal numbers and 076 pagers (used in scams to pass calls on at a cost), shared
 * cost and premium rate (084, 087, 09), freephone, 03 and 05 internet numbers.
 */

const LINES = new Set(['FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE']);
/** +44 is shared with the Crown Dependencies, whose lines are called as UK ones. */
const PLUS_44 = new Set(['GB', 'GG', 'IM', 'JE']);

const NOT_IN_USE =
  'Check your phone number: it is not a UK landline or mobile number in use. Enter the number you answer';
const NOT_A_LINE =
  'Enter a UK landline or mobile number, starting 01, 02 or 07. We cannot call numbers starting 03, 05, 070, 076, 08 or 09';

let numberingPlan: Promise<typeof import('libphonenumber-js/max')> | undefined;

/** The numbering plan, imported once, on first use. */
const loadNumberingPlan = () => {
  numberingPlan ??= import('libphonenumber-js/max');
  return numberingPlan;
};

/** Null when staff can call the number (E.164, as the form's schema gives it), else what the person should do. */
export async function phoneLineProblem(e164: string): Promise<string | null> {
  const { parsePhoneNumberFromString } = await loadNumberingPlan();
  const number = parsePhoneNumberFromString(e164, 'GB');
  if (number === undefined || !PLUS_44.has(number.country ?? '') || !number.isValid()) return NOT_IN_USE;
  const type = number.getType();
  return type !== undefined && LINES.has(type) ? null : NOT_A_LINE;
}

/**
 * A form the schema passed, checked again for its phone number: a number staff cannot call becomes
 * an error on the `field` box, shown on the same page as any other error.
 */
export async function requireCallablePhone<T>(
  result: ValidationResult<T>,
  phoneOf: (data: T) => string | null | undefined,
  field = 'phone',
): Promise<ValidationResult<T>> {
  if (!result.ok) return result;
  const phone = phoneOf(result.data);
  const problem = phone ? await phoneLineProblem(phone) : null;
  return problem === null ? result : { ok: false, errors: [{ field, message: problem }] };
}
