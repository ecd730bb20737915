import { z } from 'zod/mini';

/**
 * Reference numbers given to a person when they send a form ("Your reference is HK3BN7PD").
 *
 * The design is GOV.UK Forms': 8 characters from an alphabet with no look-alikes (no I, O, Q, Z,
 * 0 or 1), so a reference read out on the phone or copied from a letter cannot be misheard or
 * mistyped into someone else's. The 3rd and 6th characters are always digits, so no word (rude or
 * otherwise) can form. That leaves 30^6 × 8^2 ≈ 4.7 × 10^10 references: guessing one is hopeless,
 * but the database still enforces uniqueness and the caller retries on a clash.
 */

declare const referenceBrand: unique symbol;

/** 8 characters in the reference alphabet, digits in positions 3 and 6. */
export type Reference = string & { readonly [referenceBrand]: true };

/** Digits that cannot be mistaken for letters (no 0 or 1). */
export const REFERENCE_DIGITS = '23456789';
/** A to Y without I, O and Q (Z is left out as it looks like 2). */
export const REFERENCE_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXY';
const ANY = REFERENCE_LETTERS + REFERENCE_DIGITS;
const REFERENCE_LENGTH = 8;
/** The character set for each position: digits only at the 3rd and 6th. */
const POSITIONS = Array.from({ length: REFERENCE_LENGTH }, (_, index) => (index % 3 === 2 ? REFERENCE_DIGITS : ANY));
const REFERENCE_PATTERN = new RegExp(`^${POSITIONS.map((set) => `[${set}]`).join('')}$`);

/** A source of random bytes, `crypto.getRandomValues` by default; tests pass a fixed sequence. */
export type RandomBytes = (count: number) => Uint8Array;

const webCryptoBytes: RandomBytes = (count) => globalThis.crypto.getRandomValues(new Uint8Array(count));

/** Gives up rather than spin for ever if a broken byte source never yields a usable byte. */
const MAX_ROUNDS = 100;

/**
 * A new random reference. Each character is chosen by rejection sampling: a byte is used only if
 * it falls below the largest multiple of the set size that fits in a byte (240 for 30 characters),
 * so every character is equally likely. `byte % 30` on every byte would favour the first 16.
 */
export function generateReference(randomBytes: RandomBytes = webCryptoBytes): Reference {
  let reference = '';
  for (let round = 0; round < MAX_ROUNDS && reference.length < REFERENCE_LENGTH; round += 1) {
    for (const byte of randomBytes(REFERENCE_LENGTH)) {
      const set = POSITIONS[reference.length];
      if (set === undefined) break;
      const limit = 256 - (256 % set.length);
      if (byte < limit) reference += set.charAt(byte % set.length);
    }
  }
  if (reference.length < REFERENCE_LENGTH) {
    throw new Error(`The random source gave no usable bytes in ${MAX_ROUNDS} rounds`);
  }
  return reference as Reference; // built only from POSITIONS
}

/**
 * Tidies a reference as a person typed it: capitals, and no spaces or hyphens (people group
 * characters as they copy them). Nothing else is changed: turning "O" into "0" would be a guess,
 * and neither is in the alphabet, so a wrong character is reported rather than silently fixed.
 */
export function normaliseReference(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** True if the input, once normalised, is a well-formed reference. It may still not exist. */
export function isReference(input: string): input is Reference {
  return REFERENCE_PATTERN.test(input);
}

/**
 * The reference every hint and error message shows as an example ("like HK3BN7PD"). Checked
 * against the same rules as a real one when this module loads, so an example that cannot be
 * typed back in (a letter in 3rd place) stops the build and the tests instead of reaching a page.
 */
export const EXAMPLE_REFERENCE: Reference = checkedExample('HK3BN7PD');

function checkedExample(text: string): Reference {
  if (!isReference(text)) throw new Error(`The example reference ${text} breaks the reference rules`);
  return text;
}

/** The normalised reference, or `undefined` if it is not well formed. */
export function parseReference(input: string): Reference | undefined {
  const normalised = normaliseReference(input);
  return isReference(normalised) ? normalised : undefined;
}

/**
 * How a reference is shown: the 8 characters as they are, with no grouping. GOV.UK Forms shows
 * references this way; 8 characters are short enough to read, and a separator we added would be
 * one more thing for people to copy (normaliseReference forgives it, but staff search tools and
 * emails would not all agree on it). Use a monospace font in the page, not extra characters.
 */
export function formatReference(reference: Reference): string {
  return reference;
}

/** A zod field for "Enter your reference" boxes: outputs the normalised `Reference`. */
export const referenceSchema = () =>
  z.pipe(
    z.string(),
    z.transform((value: string, context): Reference => {
      const reference = parseReference(value);
      if (reference !== undefined) return reference;
      context.issues.push({
        code: 'custom',
        input: value,
        message:
          value.trim() === ''
            ? 'Enter your reference'
            : `Check your reference. It has 8 letters and numbers, like ${EXAMPLE_REFERENCE}`,
      });
      return z.NEVER;
    }),
  );
