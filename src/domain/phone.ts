import { parsedField } from './parsed-field.ts';

/**
 * UK phone numbers for "we may call you about your request".
 *
 * People write numbers in many ways ("(01632) 960 001", "+44 (0)7700 900982", "0044 7700-900982"),
 * so spaces, brackets, hyphens and the +44 / 0044 / 0 prefixes are all accepted. The number is
 * kept in E.164 (+441632960001) so staff tools and any text-message service read one form.
 *
 * Only UK landlines (01, 02) and mobiles (07) are accepted: staff call people back, so the number
 * must reach the person. 070 "personal numbers" and 076 pagers forward calls at a cost and are used
 * in scams; 084, 087 and 09 cost the caller more; 03, 05 and 08 are service numbers, not a person's
 * line. This is the light check the browser runs as people type; the server also checks the number
 * against Ofcom's allocations with libphonenumber-js (src/server/phone-line.ts), which is too large
 * for the page. Ofcom keeps ranges for drama (01632 960xxx, 07700 900xxx) which the examples use.
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
const NOT_A_LINE =
  'Enter a UK landline or mobile number, starting 01, 02 or 07. We cannot call numbers starting 03, 05, 070, 076, 08 or 09';

/** Default English messages. Most faults get the example: showing the right shape helps more than naming the fault. */
export const PHONE_MESSAGES: Readonly<Record<PhoneProblem, string>> = {
  empty: 'Enter a phone number',
  'invalid-characters': 'Phone number must only include numbers 0 to 9, spaces, brackets, hyphens and +',
  'not-uk': EXAMPLE,
  'wrong-length': EXAMPLE,
  'unsupported-range': NOT_A_LINE,
};

/**
 * Allowed lengths of the national number after the leading 0, by its first digit. 02 and 07
 * numbers always have 11 digits with the 0; some 01 areas (e.g. 016977) have 10.
 */
const NATIONAL_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  '1': [9, 10],
  '2': [10],
  '7': [10],
};

/** 070 personal numbers and 076 pagers: in the 07 range but not mobiles (07624 is the Isle of Man's mobiles). */
const NOT_MOBILES = /^7(?:0|6(?!24))/;

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
  if (NOT_MOBILES.test(national)) return fail('unsupported-range');
  if (!lengths.includes(national.length)) return fail('wrong-length');
  return { ok: true, e164: `+44${national}` as UkPhoneNumber, national: `0${national}` }; // checked above
}

/** True if the input is a UK phone number this service accepts. */
export function isUkPhoneNumber(input: string): boolean {
  return parseUkPhoneNumber(input).ok;
}

/** A zod field for phone boxes: outputs the E.164 number or the plain-words message. */
export const ukPhoneNumberSchema = () => parsedField(parseUkPhoneNumber, 'e164');
