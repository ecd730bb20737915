import { z } from 'zod';

/**
 * UK phone numbers for "we may call you about your request".
 *
 * People write numbers in many ways ("(01632) 960 001", "+44 (0)7700 900982", "0044 7700-900982"),
 * so spaces, brackets, hyphens and the +44 / 0044 / 0 prefixes are all accepted. The number is
 * kept in E.164 (+441632960001) so staff tools and any text-message service read one form.
 *
 * Only UK geographic (01, 02), non-geographic (03), mobile (07) and freephone/special (08) ranges
 * are accepted: the scheme's staff phone from a UK line, and 09 premium-rate numbers must not be
 * called. Ofcom keeps ranges for drama (01632 960xxx, 07700 900xxx) which the examples use.
 */

declare const ukPhoneBrand: unique symbol;

/** A UK number in E.164 form, e.g. "+447700900982". */
export type UkPhoneNumber = string & { readonly [ukPhoneBrand]: true };

/** Why a number was refused. */
export type PhoneProblem = 'empty' | 'invalid-characters' | 'not-uk' | 'wrong-length' | 'unsupported-range';

/** The outcome of `parseUkPhoneNumber`. */
export type PhoneResult =
  | {
      readonly ok: true;
      /** "+447700900982": store this. */
      readonly e164: UkPhoneNumber;
      /** "07700900982": the digits as dialled within the UK. */
      readonly national: string;
    }
  | { readonly ok: false; readonly problem: PhoneProblem; readonly message: string };

const EXAMPLE = 'Enter a UK phone number, like 01632 960 001 or 07700 900 982';

/** Default English messages. Most faults get the example: showing the right shape helps more than naming the fault. */
export const PHONE_MESSAGES: Readonly<Record<PhoneProblem, string>> = {
  empty: 'Enter a phone number',
  'invalid-characters': 'Phone number must only include numbers 0 to 9, spaces, brackets, hyphens and +',
  'not-uk': EXAMPLE,
  'wrong-length': EXAMPLE,
  'unsupported-range': EXAMPLE,
};

/**
 * Allowed lengths of the national number after the leading 0, by its first digit. 02, 03 and 07
 * numbers always have 11 digits with the 0; some 01 areas (e.g. 016977) and 0800/0808 freephone
 * numbers have 10.
 */
const NATIONAL_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  '1': [9, 10],
  '2': [10],
  '3': [10],
  '7': [10],
  '8': [9, 10],
};

/** Takes a phone number as typed and returns it in E.164, or says why it cannot be used. */
export function parseUkPhoneNumber(input: string): PhoneResult {
  const fail = (problem: PhoneProblem): PhoneResult => ({ ok: false, problem, message: PHONE_MESSAGES[problem] });
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty');
  if (!/^\+?[\d\s()-]+$/.test(trimmed)) return fail('invalid-characters');

  const compact = trimmed.replace(/[\s()-]/g, '');
  let national: string;
  const international = /^(?:\+|00)(\d+)$/.exec(compact);
  if (international?.[1] !== undefined) {
    if (!international[1].startsWith('44')) return fail('not-uk');
    // "+44 (0)1632 …" is a common way of writing UK numbers: the bracketed 0 is not dialled.
    national = international[1].slice(2).replace(/^0/, '');
  } else if (compact.startsWith('0')) {
    national = compact.slice(1);
  } else {
    // Without the leading 0 we cannot tell "1632960001" from a number abroad.
    return fail('wrong-length');
  }

  const lengths = NATIONAL_LENGTHS[national.charAt(0)];
  if (lengths === undefined) return national === '' ? fail('wrong-length') : fail('unsupported-range');
  if (!lengths.includes(national.length)) return fail('wrong-length');
  return { ok: true, e164: `+44${national}` as UkPhoneNumber, national: `0${national}` }; // checked above
}

/** True if the input is a UK phone number this service accepts. */
export function isUkPhoneNumber(input: string): boolean {
  return parseUkPhoneNumber(input).ok;
}

/** A zod field for phone boxes: outputs the E.164 number or the plain-words message. */
export const ukPhoneNumberSchema = () =>
  z.string().transform((value, context): UkPhoneNumber => {
    const result = parseUkPhoneNumber(value);
    if (result.ok) return result.e164;
    context.issues.push({ code: 'custom', message: result.message, input: value, params: { problem: result.problem } });
    return z.NEVER;
  });
