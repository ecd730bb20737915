import { sql } from 'drizzle-orm';
import type { Keyring } from '../../src/server/crypto/field-crypto.ts';
import type { Database } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { type DispatchContext, dispatchDue, enqueueEmail } from '../../src/server/mail/outbox.ts';

/** Timeouts short enough for a test to wait out, the same code path as the real ones. */
export const FAST_SMTP_TIMEOUTS = { connectionMs: 400, greetingMs: 400, socketMs: 400 };

/** Queues `count` confirmation emails with keys `fault:<tag>:<i>`; returns the keys. */
export async function queueEmails(db: Database, keyring: Keyring, tag: string, count: number): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, i) => `fault:${tag}:${i}`);
  for (const [i, dedupeKey] of keys.entries()) {
    await enqueueEmail(db, keyring, {
      dedupeKey,
      to: `resident${i}@example.org`,
      template: 'delivery-check',
      params: { reference: `REF${i}` },
    });
  }
  return keys;
}

/**
 * A clock for dispatchDue that jumps two hours per call, past any retry backoff (capped at 1 h),
 * so a test can run many retry rounds at once without waiting. Past 72 simulated hours messages
 * are marked dead (the retry window), so long runs take smaller steps. Starts a second ahead: the
 * database clock has microseconds, JavaScript only milliseconds.
 */
export function leapingClock(stepMs = 2 * 60 * 60 * 1000): { now: () => Date; leap(): void } {
  let at = Date.now() + 1000;
  return {
    now: () => new Date(at),
    leap: () => {
      at += stepMs;
    },
  };
}

/** Rounds of dispatch until nothing is waiting (or `maxRounds`), each a leap of the clock later. */
export async function dispatchUntilEmpty(
  context: DispatchContext,
  clock: ReturnType<typeof leapingClock>,
  maxRounds = 20,
): Promise<number> {
  for (let round = 1; round <= maxRounds; round += 1) {
    clock.leap();
    await dispatchDue({ ...context, now: clock.now }, 100);
    if ((await outboxCounts(context.db)).waiting === 0) return round;
  }
  return maxRounds;
}

/** Rows by status, and the attempts made in all. */
export async function outboxCounts(db: Database): Promise<{ waiting: number; sent: number; attempts: number }> {
  const [row] = await db
    .select({
      waiting: sql<number>`count(*) filter (where ${outboxMessages.status} in ('pending', 'sending'))`.mapWith(Number),
      sent: sql<number>`count(*) filter (where ${outboxMessages.status} = 'sent')`.mapWith(Number),
      attempts: sql<number>`coalesce(sum(${outboxMessages.attempts}), 0)`.mapWith(Number),
    })
    .from(outboxMessages);
  return { waiting: row?.waiting ?? 0, sent: row?.sent ?? 0, attempts: row?.attempts ?? 0 };
}
