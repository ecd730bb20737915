import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords (OWASP ASVS 5.0 V6.2, NIST SP 800-63B): at least 12 characters, up to 128 so long
 * passphrases fit, any characters, no composition rules, refused if on a list of common breached
 * passwords. Hashed with scrypt from node:crypto (memory-hard; no native module to build).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The zxcvbn common-password list (about 49,000 passwords seen in breaches), lower-cased. */
const common = new Set((dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()));

/**
 * Words specific to this service that make a password easy to guess (ASVS 5.0 V6.1.2, V6.2.11):
 * refused anywhere in a password, ignoring spaces, case and punctuation. The person's own email
 * name is added per account.
 */
export const CONTEXT_WORDS = ['clearshare', 'sharedcarerecord', 'ashbyandwyre', 'ashbywyre', 'carerecord'] as const;

const lettersAndDigits = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export type PasswordProblem = 'missing' | 'too-short' | 'too-long' | 'common';

/** Why a new password is refused, if it is. Length counts characters (code points), not bytes. */
export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | undefined {
  const length = [...password].length;
  if (length === 0) return 'missing';
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  const lower = password.toLowerCase();
  // Padding a listed password with repeats or digits ("password1234") does not make it safe.
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (common.has(lower) || (core.length >= 4 && common.has(core))) return 'common';
  if (/^(.)\1*$/u.test(password) || /^(.{1,4})\1+$/u.test(password)) return 'common';
  const squashed = lettersAndDigits(password);
  const emailName = lettersAndDigits(context.email?.split('@')[0] ?? '');
  if (CONTEXT_WORDS.some((word) => squashed.includes(word))) return 'common';
  if (emailName.length >= 3 && squashed.includes(emailName)) return 'common';
  return undefined;
}

/**
 * scrypt cost: N=2^15, r=8, p=1 (about 32 MB and ~60 ms here) — OWASP's recommended minimum.
 * The parameters are stored with each hash, so they can be raised later and old hashes still
 * check; a hash with weaker parameters than these is re-hashed at the next sign-in.
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 128 * N * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** "scrypt$N$r$p$salt$hash" (base64url): the salt is 16 random bytes per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash used weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p;
}

/**
 * A hash of a random password, checked when no account matches the email address, so that an
 * unknown address costs the same scrypt work as a known one (no timing difference to probe).
 */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
