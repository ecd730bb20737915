import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { staffRecoveryCodes } from '../../db/staff-schema.ts';
import { hashPassword, RECOVERY_CODE_SCRYPT, verifyPassword } from './passwords.ts';

/**
 * One-time recovery codes for a lost authenticator: ten codes of ten characters from an alphabet
 * without look-alikes (about 49 bits each), shown once. Below 112 bits a plain hash could be
 * brute-forced from a copy of the table, so each is stored as a salted scrypt hash, like a
 * password (ASVS 5.0 V6.5.2), at a lower cost than a password (passwords.ts says why). Each works once.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXY23456789';

const normalise = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces any earlier codes with a new set, returned once for the person to keep. */
export async function issueRecoveryCodes(db: Database, userId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  // scrypt runs on libuv's thread pool, so the ten hashes run side by side.
  const hashes = await Promise.all(codes.map((code) => hashPassword(normalise(code), RECOVERY_CODE_SCRYPT)));
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
  await db.insert(staffRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
  return codes;
}

/**
 * Uses a recovery code up; true if it was valid and unused. Salted hashes cannot be looked up,
 * so each unused code of the account is checked (ten at most, in parallel). Marking it used is
 * conditional on it still being unused, so two simultaneous uses cannot both succeed.
 */
export async function redeemRecoveryCode(db: Database, userId: number, code: string, now: Date): Promise<boolean> {
  const normalised = normalise(code);
  if (normalised.length !== 10) return false;
  const unused = await db
    .select({ id: staffRecoveryCodes.id, codeHash: staffRecoveryCodes.codeHash })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  const matches = await Promise.all(unused.map((row) => verifyPassword(normalised, row.codeHash)));
  const match = unused[matches.indexOf(true)];
  if (!match) return false;
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(staffRecoveryCodes.id, match.id), isNull(staffRecoveryCodes.usedAt)))
    .returning({ id: staffRecoveryCodes.id });
  return used.length > 0;
}

export async function remainingRecoveryCodes(db: Database, userId: number): Promise<number> {
  const rows = await db
    .select({ id: staffRecoveryCodes.id })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  return rows.length;
}
