import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { staffRecoveryCodes } from '../../db/staff-schema.ts';
import { sha256 } from '../session.ts';

/**
 * One-time recovery codes for a lost authenticator (ASVS 5.0 V6.5): ten codes of ten characters
 * from an alphabet without look-alikes (about 50 bits each), shown once, stored only as SHA-256 —
 * random codes of this length need no slow hash. Each works once.
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
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
  await db
    .insert(staffRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: sha256(normalise(code)), createdAt: now })));
  return codes;
}

/** Uses a recovery code up; true if it was valid and unused. */
export async function redeemRecoveryCode(db: Database, userId: number, code: string, now: Date): Promise<boolean> {
  const normalised = normalise(code);
  if (normalised.length !== 10) return false;
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffRecoveryCodes.userId, userId),
        eq(staffRecoveryCodes.codeHash, sha256(normalised)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
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
