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
 * scrypt cost: N=2^17, r=8, p=1 — OWASP's Password Storage Cheat Sheet minimum (128 MB of
 * memory; about 400 ms a hash on this project's 2-core test machine, see docs/security.md). The
 * parameters are stored with each hash, so they can be raised later and old hashes still check;
 * a hash with weaker parameters than these is re-hashed at the next sign-in.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 } as const;

/**
 * Recovery codes are random (about 49 bits each, recovery-codes.ts), not chosen by a person, so
 * guessing one is hopeless at any cost; the slow hash only guards a stolen table. They stay at
 * N=2^15 because ten are made or checked at once, and ten 128 MB hashes side by side would be a
 * gigabyte of memory a single sign-in could make the server find.
 */
export const RECOVERY_CODE_SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

type ScryptCost = { N: number; r: number; p: number; keyLength: number };

/** A lower cost that tests may choose (lowerScryptCostForTests), for every hash this module makes. */
let testCost: ScryptCost | undefined;

/**
 * Test-only: makes every new hash cheap (N=2^10), so suites that make hundreds of accounts and
 * recovery codes stay quick. Refused unless running under Vitest with NODE_ENV=test, and no
 * environment variable or setting reaches it, so production cannot pick it up.
 */
export function lowerScryptCostForTests(lower: boolean): void {
  if (process.env['VITEST'] !== 'true' || process.env['NODE_ENV'] !== 'test') {
    throw new Error('lowerScryptCostForTests is for tests only (Vitest, NODE_ENV=test)');
  }
  testCost = lower ? { N: 2 ** 10, r: 8, p: 1, keyLength: 32 } : undefined;
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses scrypt above 32 MB unless maxmem allows it: 128·N·r bytes, with room to spare.
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 128 * N * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** "scrypt$N$r$p$salt$hash" (base64url): the salt is 16 random bytes per password. */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT): Promise<string> {
  const { N, r, p, keyLength } = testCost ?? cost;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash used weaker parameters than today's (a test's lower cost, under tests). */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  const cost = testCost ?? SCRYPT;
  return Number(n) < cost.N || Number(r) < cost.r || Number(p) < cost.p;
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
