import { and, desc, eq, inArray } from 'drizzle-orm';
import type { StaffRole } from '../../../domain/staff.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';
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

/**
 * The role that owns a dead email, by what it is about (its dedupe key names the kind): opt-out
 * emails and rights-request emails belong to IG officers, other feedback emails to comms
 * officers. Staff set-up and reset links belong to nobody here: they carry a sign-in secret, and
 * an admin sends a fresh link (a reset) rather than resending an old one. Unknown kinds belong to
 * nobody, so a new kind of email is not resent by whoever happens to see it.
 */
function ownerOf(dedupeKey: string, rightsRequests: ReadonlySet<string>): StaffRole | undefined {
  const reference = REFERENCE_IN_KEY.exec(dedupeKey)?.[1];
  if (dedupeKey.startsWith('opt-out:')) return 'ig';
  if (dedupeKey.startsWith('feedback:') && reference) return rightsRequests.has(reference) ? 'ig' : 'comms';
  return undefined;
}

/** Which of these dedupe keys' references are rights requests (one query for the whole list). */
async function rightsRequestsAmong(db: Database, dedupeKeys: readonly string[]): Promise<Set<string>> {
  const references = dedupeKeys
    .filter((key) => key.startsWith('feedback:'))
    .map((key) => REFERENCE_IN_KEY.exec(key)?.[1])
    .filter((reference) => reference !== undefined);
  if (references.length === 0) return new Set();
  const rows = await db
    .select({ reference: feedbackItems.reference })
    .from(feedbackItems)
    .where(and(inArray(feedbackItems.reference, references), eq(feedbackItems.type, 'rights-request')));
  return new Set(rows.map((row) => row.reference));
}

const mayHandle = async (db: Database, roles: readonly StaffRole[], dedupeKeys: readonly string[]) => {
  const rights = await rightsRequestsAmong(db, dedupeKeys);
  return (dedupeKey: string) => {
    const owner = ownerOf(dedupeKey, rights);
    return owner !== undefined && roles.includes(owner);
  };
};

/** The dead emails these roles own (see ownerOf), newest first. */
export async function listDeadLetters(db: Database, roles: readonly StaffRole[], limit = 200): Promise<DeadLetter[]> {
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
  const owned = await mayHandle(
    db,
    roles,
    rows.map((row) => row.dedupeKey),
  );
  return rows
    .filter((row) => owned(row.dedupeKey))
    .map(({ dedupeKey, ...row }) => ({ ...row, reference: REFERENCE_IN_KEY.exec(dedupeKey)?.[1] ?? null }));
}

/**
 * Puts a dead message back in the queue with a fresh retry window. The outbox measures its window
 * from created_at (a message is dead once created_at is 72 hours old), so a retry restarts that
 * clock and the attempt count; the last error stays visible until a send succeeds. Only a dead
 * message is touched, so two people pressing "Retry" at once send it once. A message these roles
 * do not own is "not-yours", and is answered as if it did not exist.
 */
export async function retryDeadLetter(
  db: Database,
  id: number,
  roles: readonly StaffRole[],
  now: Date,
): Promise<{ template: string } | 'not-yours' | undefined> {
  const [message] = await db
    .select({ dedupeKey: outboxMessages.dedupeKey })
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id));
  if (!message || !(await mayHandle(db, roles, [message.dedupeKey]))(message.dedupeKey)) return 'not-yours';
  const [row] = await db
    .update(outboxMessages)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, lockedUntil: null })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'dead')))
    .returning({ template: outboxMessages.template });
  return row;
}
