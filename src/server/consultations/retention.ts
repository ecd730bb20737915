import { and, isNotNull, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import { todayInLondon } from '../../domain/calendar-date.ts';
import type { Database } from '../db/client.ts';
import {
  consultationAnswers,
  consultationResultContacts,
  consultationTextAnswers,
} from '../db/consultations-schema.ts';

/** The answers that came in on or before `cutoff`. */
const answersBefore = (cutoff: Date) =>
  sql`${consultationTextAnswers.answerId} in (select ${consultationAnswers.id} from ${consultationAnswers} where ${consultationAnswers.receivedAt} <= ${cutoff.toISOString()}::timestamptz)`;

/**
 * The written answers the retention job deletes: every one not approved for publishing (private,
 * still pending, or rejected) of an answer that came in on or before `cutoff`. Approved ones stay:
 * their authors agreed to publishing and they are on the results page.
 */
export function unpublishedAnswersBefore(cutoff: Date): { table: typeof consultationTextAnswers; where: SQL } {
  return {
    table: consultationTextAnswers,
    where: and(ne(consultationTextAnswers.state, 'approved'), answersBefore(cutoff)) ?? sql`false`,
  };
}

/**
 * Cuts consultation answers older than the period down to what the published results need: the
 * choices (which say nothing about who answered) and the approved quotes. The written answers nobody
 * approved, the names and the results email addresses of the same age go, in one transaction.
 * Returns the number of written answers deleted (what the staff home forecasts).
 */
export async function minimiseConsultationAnswers(db: Database, cutoff: Date): Promise<number> {
  const scope = unpublishedAnswersBefore(cutoff);
  // A results address keeps only the day it was given in England (store.ts), not the time, and the
  // privacy notice promises to keep it the whole period. So only the days wholly before the cutoff
  // go: the cutoff's own London day can hold addresses given after it. An address may so stay up to
  // a day past its period, never less than the period.
  const firstDayKept = todayInLondon(cutoff);
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(scope.table).where(scope.where).returning({ id: consultationTextAnswers.id });
    await tx
      .update(consultationAnswers)
      .set({ nameEncrypted: null })
      .where(and(isNotNull(consultationAnswers.nameEncrypted), lte(consultationAnswers.receivedAt, cutoff)));
    await tx.delete(consultationResultContacts).where(lt(consultationResultContacts.receivedOn, firstDayKept));
    return deleted.length;
  });
}
