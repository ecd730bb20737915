import { and, eq } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';

/**
 * Records the response date agreed with a complainant. The complaints regulations (SI 2009/309,
 * regulation 13(7)) set no deadline for the answer: the period is agreed with the complainant
 * when the complaint is acknowledged. Stored as the item's answer-by date, so the same clock that
 * runs for questions counts down to it and shows it overdue once passed. Complaints only: returns
 * false for anything else.
 */
export async function recordAgreedResponseDate(
  db: Database,
  reference: string,
  agreed: CalendarDate,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(feedbackItems)
    .set({ respondBy: agreed, updatedAt: now })
    .where(and(eq(feedbackItems.reference, reference), eq(feedbackItems.type, 'complaint')))
    .returning({ id: feedbackItems.id });
  return updated.length > 0;
}
