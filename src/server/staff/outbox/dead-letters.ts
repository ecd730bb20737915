import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { outboxMessages } from '../../db/schema.ts';

/**
 * Dead-letter mail: messages the outbox gave up on after its 72-hour retry window
 * (src/server/mail/outbox.ts marks them "dead"). Staff see what failed and can send it again.
 * The recipient stays encrypted: the template and reference say what the message was, and the
 * item it belongs to holds the address for whoever needs it.
 */
export interface DeadLetter {
  id: number;
  template: string;
  /** The reference in the dedupe key ("opt-out:HK3BN7PD:received"), if it has one. */
  reference: string | null;
  attempts: number;
  /** The last delivery error; the outbox strips email addresses from it before storing. */
  lastError: string | null;
  createdAt: Date;
}

const REFERENCE_IN_KEY = /(?:^|:)([A-HJ-NPR-Y2-9]{8})(?::|$)/;

export async function listDeadLetters(db: Database, limit = 200): Promise<DeadLetter[]> {
  const rows = await db
    .select({
      id: outboxMessages.id,
      template: outboxMessages.template,
      dedupeKey: outboxMessages.dedupeKey,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, 'dead'))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(limit);
  return rows.map(({ dedupeKey, ...row }) => ({ ...row, reference: REFERENCE_IN_KEY.exec(dedupeKey)?.[1] ?? null }));
}

/**
 * Puts a dead message back in the queue with a fresh retry window. The outbox measures its window
 * from created_at (a message is dead once created_at is 72 hours old), so a retry restarts that
 * clock and the attempt count; the last error stays visible until a send succeeds. Only a dead
 * message is touched, so two people pressing "Retry" at once send it once.
 */
export async function retryDeadLetter(db: Database, id: number, now: Date): Promise<{ template: string } | undefined> {
  const [row] = await db
    .update(outboxMessages)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, lockedUntil: null })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'dead')))
    .returning({ template: outboxMessages.template });
  return row;
}
