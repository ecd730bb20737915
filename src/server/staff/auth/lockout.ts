import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { staffUsers } from '../../db/staff-schema.ts';

/**
 * Per-account lock-out against guessing (ASVS 5.0 V6.3.1): after 10 failures in a row (password
 * or code) the account locks for 15 minutes, and each further failure doubles the lock, up to a
 * day. A success resets the count. The per-address limit is in sign-in-limits.ts.
 */
export const FAILURES_BEFORE_LOCK = 10;
const FIRST_LOCK_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

export function lockDurationMs(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FAILURES_BEFORE_LOCK));
}

export const isLocked = (lockedUntil: Date | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/** Counts a failure (atomically, so parallel guesses all count) and locks when due. */
export async function recordFailure(db: Database, userId: number, now: Date): Promise<number> {
  const [row] = await db
    .update(staffUsers)
    .set({ failedSignIns: sql`${staffUsers.failedSignIns} + 1` })
    .where(eq(staffUsers.id, userId))
    .returning({ failures: staffUsers.failedSignIns });
  const failures = row?.failures ?? 0;
  const lockMs = lockDurationMs(failures);
  if (lockMs > 0) {
    await db
      .update(staffUsers)
      .set({ lockedUntil: new Date(now.getTime() + lockMs) })
      .where(eq(staffUsers.id, userId));
  }
  return failures;
}

export async function clearFailures(db: Database, userId: number): Promise<void> {
  await db.update(staffUsers).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staffUsers.id, userId));
}
