import { and, asc, eq } from 'drizzle-orm';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../../domain/feedback.ts';
import type { Database } from '../../db/client.ts';
import { staffAuditLog } from '../../db/staff-schema.ts';

/**
 * Who last moved an item to each status, read from the audit log (every status change is audited
 * with its actor and { from, to }), so the history can say "Acknowledged by Sam Smith" rather
 * than only when. The item's own stamps say when; the log says who.
 */
export async function statusActors(db: Database, reference: string): Promise<Map<FeedbackStatus, number | null>> {
  const rows = await db
    .select({ actorId: staffAuditLog.actorId, detail: staffAuditLog.detail })
    .from(staffAuditLog)
    .where(
      and(
        eq(staffAuditLog.action, 'feedback.status'),
        eq(staffAuditLog.subjectType, 'feedback'),
        eq(staffAuditLog.subjectRef, reference),
      ),
    )
    .orderBy(asc(staffAuditLog.id));
  const actors = new Map<FeedbackStatus, number | null>();
  for (const row of rows) {
    const to = (row.detail as { to?: unknown } | null)?.to;
    const status = FEEDBACK_STATUSES.find((known) => known === to);
    if (status) actors.set(status, row.actorId); // later rows win: the stamp is the latest change
  }
  return actors;
}
