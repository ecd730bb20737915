import { parsedField } from './parsed-field.ts';

/**
 * UK postcodes, checked for format only.
 *
 * A format check cannot prove a postcode exists, and BFPO addresses and the ZZ99 pseudo-postcodes
 * used in NHS systems do not match it. Forms that ask for a postcode should also offer "I do not
 * have a UK postcode" so nobody is locked out of objecting because of this check.
 */

declare const postcodeBrand: unique symbol;

/** A postcode in capitals with one space before the inward code: "SW1A 2AA". */
export type Postcode = string & { readonly [postcodeBrand]: true };

/** Why a postcode was refused. */
export type PostcodeProblem = 'empty' | 'invalid';

/** The outcome of `parsePostcode`. `message` is the default English error text. */
export type PostcodeResult =
  | { readonly ok: true; readonly postcode: Postcode }
  | { readonly ok: false; readonly problem: PostcodeProblem; readonly message: string };

/** Default English messages: say what to do and show the expected shape. */
export const POSTCODE_MESSAGES: Readonly<Record<PostcodeProblem, string>> = {
  empty: 'Enter a postcode',
  invalid: 'Enter a full UK postcode, like SW1A 2AA',
};

// The outward code (area and district) and the inward code (sector and unit), from the published
// format rules; letters that are never used in a position (such as Q, V and X first) are excluded.
const OUTWARD =
  '[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]';
const INWARD = '[0-9][ABD-HJLNP-UWXYZ]{2}';
/** The official format with one optional space, plus GIR 0AA (the old Girobank postcode, still live). */
const POSTCODE_PATTERN = new RegExp(`^(?:(${OUTWARD}) ?(${INWARD})|(GIR) ?(0AA))$`);

/** Capitals, surrounding spaces removed, and runs of spaces inside reduced to one. */
function tidy(input: string): string {
  return input.trim().replace(/\s+/g, ' ').toUpperCase();
}

/**
 * Checks the format of a postcode as typed: any letter case, with or without the space.
 * People often type two spaces or none, so runs of spaces count as one.
 */
export function parsePostcode(input: string): PostcodeResult {
  const tidied = tidy(input);
  if (tidied === '') return { ok: false, problem: 'empty', message: POSTCODE_MESSAGES.empty };
  const match = POSTCODE_PATTERN.exec(tidied);
  if (match === null) return { ok: false, problem: 'invalid', message: POSTCODE_MESSAGES.invalid };
  const outward = match[1] ?? match[3];
  const inward = match[2] ?? match[4];
  return { ok: true, postcode: `${outward} ${inward}` as Postcode }; // both parts matched the pattern
}

/** True if the input has the format of a UK postcode. */
export function isPostcode(input: string): boolean {
  return parsePostcode(input).ok;
}

/** The postcode in capitals with a single space before the inward code, or `undefined` if it is not one. */
export function normalisePostcode(input: string): Postcode | undefined {
  const result = parsePostcode(input);
  return result.ok ? result.postcode : undefined;
}

/** A zod field for postcode boxes: outputs the normalised `Postcode` or the plain-words message. */
export const postcodeSchema = () => parsedField(parsePostcode, 'postcode');
