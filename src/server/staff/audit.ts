import { and, desc, eq } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client.ts';
import { staffAuditLog } from '../db/staff-schema.ts';

/** One entry in the append-only audit log. Never personal data: references and ids only. */
export interface AuditEvent {
  /** Null for the command line, or a failed sign-in to an account that does not exist. */
  actorId: number | null;
  /** Dotted verb: "sign-in", "feedback.view", "opt-out.status", "opt-out.export", "staff.create". */
  action: string;
  subjectType?: string;
  subjectRef?: string;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Appends an event. The table refuses UPDATE, DELETE and TRUNCATE (a trigger in migration 0004).
 * Given the transaction of the change it records (or through withAudit), it commits with it.
 */
export async function recordAudit(db: Database | Transaction, event: AuditEvent, at = new Date()): Promise<void> {
  await db.insert(staffAuditLog).values({
    at,
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectRef: event.subjectRef ?? null,
    detail: event.detail ?? {},
  });
}

/**
 * Makes a change and writes its audit entry in ONE transaction, so both commit or neither does: a
 * failed audit write rolls the change back, and nothing is live that the log cannot account for.
 * The entry is made from what the change returns; undefined means it changed nothing (a refusal,
 * or an item someone else moved first), so there is nothing to record. Everything the change
 * reads or writes must go through `tx`: on PGlite a query on the outer handle waits for this
 * transaction to end, and never would.
 */
export function withAudit<T>(
  db: Database,
  change: (tx: Transaction) => Promise<T>,
  entry: (result: T) => AuditEvent | undefined,
  at: Date,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await change(tx);
    const event = entry(result);
    if (event) await recordAudit(tx, event, at);
    return result;
  });
}

/** The newest entries first, for the admin's audit screen, optionally only one action or one actor. */
export function readAudit(db: Database, options: { limit?: number; action?: string; actorId?: number } = {}) {
  const filters = [
    options.action ? eq(staffAuditLog.action, options.action) : undefined,
    options.actorId === undefined ? undefined : eq(staffAuditLog.actorId, options.actorId),
  ].filter((filter) => filter !== undefined);
  return db
    .select()
    .from(staffAuditLog)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(staffAuditLog.at), desc(staffAuditLog.id))
    .limit(options.limit ?? 200);
}
