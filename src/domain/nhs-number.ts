import { parsedField } from './parsed-field.ts';

/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit, shown as 3-3-4 ("485 777 3457").
 *
 * People copy the number from letters, the NHS App and prescriptions, which print it with spaces
 * or hyphens, so both are accepted. Anything else (letters, dots, a stray "O" for zero) is refused
 * rather than guessed at: a wrong NHS number could attach an objection to someone else's record.
 */

declare const nhsNumberBrand: unique symbol;

/** Ten digits that pass every check here. Store and compare this form, never the formatted one. */
export type NhsNumber = string & { readonly [nhsNumberBrand]: true };

/** Why a number was refused, so a form can say the right thing and analytics can count it. */
export type NhsNumberProblem = 'empty' | 'invalid-characters' | 'wrong-length' | 'check-digit' | 'repeated-digit';

/** The outcome of `parseNhsNumber`. `message` is the default English error text. */
export type NhsNumberResult =
  | { readonly ok: true; readonly nhsNumber: NhsNumber }
  | { readonly ok: false; readonly problem: NhsNumberProblem; readonly message: string };

/** Default English messages, GOV.UK style: say what to do, give an example of the right format. */
export const NHS_NUMBER_MESSAGES: Readonly<Record<NhsNumberProblem, string>> = {
  empty: 'Enter your NHS number',
  'invalid-characters': 'NHS number must only include numbers 0 to 9, spaces and hyphens',
  'wrong-length': 'Enter an NHS number with 10 digits, like 485 777 3457',
  'check-digit': 'Check the NHS number. It is not a valid NHS number',
  'repeated-digit': 'Check the NHS number. It is not a valid NHS number',
};

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The Modulus 11 check digit for the first nine digits, or `undefined` when the remainder makes it
 * 10: the NHS never issues those numbers, so no check digit can make them valid.
 */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('Expected exactly 9 digits');
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(firstNine[index]), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

/**
 * Reads an NHS number as a person typed it and says why it was refused, if it was.
 *
 * Numbers made of one repeated digit (0000000000, 1111111111 … 9999999999) are refused even
 * though every one of them passes Modulus 11: they are what people type to get past a form, the
 * NHS does not issue them, and accepting 0000000000 would file an objection against nobody.
 * Numbers beginning 999 stay accepted: NHS England uses them for test patients.
 */
export function parseNhsNumber(input: string): NhsNumberResult {
  const fail = (problem: NhsNumberProblem): NhsNumberResult => ({
    ok: false,
    problem,
    message: NHS_NUMBER_MESSAGES[problem],
  });
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty');
  if (!/^[\d\s-]+$/.test(trimmed)) return fail('invalid-characters');
  const digits = trimmed.replace(/[\s-]/g, '');
  if (digits.length !== 10) return fail('wrong-length');
  if (/^(\d)\1{9}$/.test(digits)) return fail('repeated-digit');
  if (nhsCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return fail('check-digit');
  return { ok: true, nhsNumber: digits as NhsNumber }; // every check above has passed
}

/** True if the input, once spaces and hyphens are removed, is a valid NHS number. */
export function isNhsNumber(input: string): boolean {
  return parseNhsNumber(input).ok;
}

/**
 * The 3-3-4 form the NHS prints ("485 777 3457"). Screen readers read grouped digits more
 * clearly than a run of ten, and people can compare it against their letter group by group.
 */
export function formatNhsNumber(nhsNumber: NhsNumber): string {
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}

/**
 * A zod field for forms: the same checks in the browser and in the function, outputting the
 * 10-digit `NhsNumber` or one issue carrying the plain-words message.
 */
export const nhsNumberSchema = () => parsedField(parseNhsNumber, 'nhsNumber');
