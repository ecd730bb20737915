import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { staffSetupTokens, staffUsers } from '../../db/staff-schema.ts';
import { newSecret, sha256 } from '../session.ts';

/** A set-up or reset link works once, within a day: long enough to read the email, short enough to go stale. */
export const SETUP_TOKEN_HOURS = 24;

/** Issues a single-use token; only its SHA-256 is stored, so the table cannot be replayed as links. */
export async function issueSetupToken(
  db: Database,
  userId: number,
  purpose: 'set-up' | 'reset',
  now: Date,
): Promise<string> {
  const token = newSecret();
  await db.insert(staffSetupTokens).values({
    tokenHash: sha256(token),
    userId,
    purpose,
    expiresAt: new Date(now.getTime() + SETUP_TOKEN_HOURS * 60 * 60 * 1000),
  });
  return token;
}

/** The account a live (unused, unexpired) token belongs to, without using it up; never a disabled one. */
export async function peekSetupToken(db: Database, token: string, now: Date): Promise<number | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db
    .select({ userId: staffSetupTokens.userId })
    .from(staffSetupTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSetupTokens.userId))
    .where(
      and(
        eq(staffSetupTokens.tokenHash, sha256(token)),
        isNull(staffSetupTokens.usedAt),
        gt(staffSetupTokens.expiresAt, now),
        ne(staffUsers.status, 'disabled'),
      ),
    )
    .limit(1);
  return row?.userId;
}

/** Uses a token up. Returns the account, or undefined if someone else used it first. */
export async function consumeSetupToken(db: Database, token: string, now: Date): Promise<number | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [row] = await db
    .update(staffSetupTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffSetupTokens.tokenHash, sha256(token)),
        isNull(staffSetupTokens.usedAt),
        gt(staffSetupTokens.expiresAt, now),
      ),
    )
    .returning({ userId: staffSetupTokens.userId });
  return row?.userId;
}

/** Makes every outstanding link of an account worthless (on reset or disable). */
export async function cancelSetupTokens(db: Database, userId: number, now: Date): Promise<void> {
  await db
    .update(staffSetupTokens)
    .set({ usedAt: now })
    .where(and(eq(staffSetupTokens.userId, userId), isNull(staffSetupTokens.usedAt)));
}

/** The link printed by the command line or emailed to a new member of staff. */
export const setupLink = (siteUrl: string, token: string): string => `${siteUrl}/staff/set-up?token=${token}`;
