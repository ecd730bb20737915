import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { decryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import { enqueueEmail } from '../../mail/outbox.ts';
import { kickOutbox } from '../../mail/outbox-timer.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit.ts';

/**
 * Per-account lock-out against guessing spread over many addresses (ASVS 5.0 V6.3.1). One address
 * is slowed down first, per account (sign-in-limits.ts: 5 attempts in 15 minutes), so a lock needs
 * guesses from several addresses: after 20 failures in a row (password or code) the account locks
 * for 15 minutes, and each further failure after a lock has ended doubles it, up to a day.
 *
 * A lock is itself a denial of service on the person, so: failures while locked are not counted
 * and do not extend the lock (someone who knows a work address cannot keep an IG officer out
 * while the legal clocks run); the owner is emailed when a lock starts; an admin can unlock it
 * (account-changes.ts, audited). A success resets the count.
 */
export const FAILURES_BEFORE_LOCK = 20;
const FIRST_LOCK_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

export function lockDurationMs(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FAILURES_BEFORE_LOCK));
}

export const isLocked = (lockedUntil: Date | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil.getTime() > now.getTime();

const notLocked = (now: Date) => or(isNull(staffUsers.lockedUntil), lte(staffUsers.lockedUntil, now));

/**
 * Counts a failure and locks when due, each step conditional on the account not being locked, so
 * parallel guesses all count, none counts during a lock, and only one of them starts a lock.
 * Returns when the lock it started ends, if it started one.
 */
export async function recordFailure(db: Database, userId: number, now: Date): Promise<Date | undefined> {
  const [row] = await db
    .update(staffUsers)
    .set({ failedSignIns: sql`${staffUsers.failedSignIns} + 1` })
    .where(and(eq(staffUsers.id, userId), notLocked(now)))
    .returning({ failures: staffUsers.failedSignIns });
  const lockMs = lockDurationMs(row?.failures ?? 0);
  if (lockMs === 0) return undefined;
  const until = new Date(now.getTime() + lockMs);
  const [locked] = await db
    .update(staffUsers)
    .set({ lockedUntil: until })
    .where(and(eq(staffUsers.id, userId), notLocked(now)))
    .returning({ id: staffUsers.id });
  return locked ? until : undefined;
}

/**
 * A failure, and when it starts a lock: the owner is emailed (through the outbox, at the address
 * on the account, so an attacker cannot redirect it) and the lock is audited, all in the caller's
 * transaction, so a lock is never on without its entry. True when it started a lock (and queued
 * the email): the caller asks the outbox to send once the transaction has committed.
 */
export async function countFailure(tx: Database, keyring: Keyring, userId: number, now: Date): Promise<boolean> {
  const until = await recordFailure(tx, userId, now);
  if (!until) return false;
  const [row] = await tx.select().from(staffUsers).where(eq(staffUsers.id, userId));
  if (!row) return false;
  const minutes = String(Math.round((until.getTime() - now.getTime()) / 60_000));
  await enqueueEmail(tx, keyring, {
    dedupeKey: `staff-locked:${userId}:${until.getTime()}`,
    to: decryptField(keyring, row.emailEncrypted, slotOf(staffUsers.emailEncrypted, userId)),
    template: 'staff-locked',
    params: { minutes },
  });
  await recordAudit(
    tx,
    {
      actorId: null,
      action: 'staff.locked',
      subjectType: 'staff-user',
      subjectRef: String(userId),
      detail: { minutes },
    },
    now,
  );
  return true;
}

/** countFailure in a transaction of its own, then the email sent (a wrong current password or code). */
export async function noteFailure(services: Services, userId: number, now: Date): Promise<void> {
  const locked = await services.store.db.transaction((tx) => countFailure(tx, services.keyring, userId, now));
  if (locked) kickOutbox();
}

export async function clearFailures(db: Database, userId: number): Promise<void> {
  await db.update(staffUsers).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staffUsers.id, userId));
}
