import { and, count, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { FEEDBACK_TYPES, type FeedbackType } from '../../../domain/feedback.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import type { BucketUnit } from './buckets.ts';
import type { DatePairCount } from './median.ts';
import type { ReportRange } from './range.ts';

/**
 * The aggregate queries behind the staff reports and the public transparency page. Every figure
 * is counted by the database (GROUP BY, COUNT FILTER), so a report reads a few hundred rows at
 * most whatever the size of the tables. Only plain-text columns are read — type, status, themes
 * and dates — so the figures survive the retention job, which deletes everything else.
 */

/** A timestamp as the calendar day it was in England. */
const londonDay = (column: PgColumn | SQL) => sql`(${column} at time zone 'Europe/London')::date`;

const within = (day: SQL, range: ReportRange) => sql`${day} between ${range.from}::date and ${range.to}::date`;

/** Rows per bucket (week or month) of one date column within the range. */
async function countPerBucket(db: Database, day: SQL, range: ReportRange, unit: BucketUnit) {
  // The unit is written into the SQL, not passed as a parameter, so GROUP BY matches the select.
  const bucket = sql<string>`date_trunc(${sql.raw(unit === 'week' ? "'week'" : "'month'")}, ${day})::date::text`;
  const rows = await db
    .select({ start: bucket, count: count() })
    .from(optOutRequests)
    .where(within(day, range))
    .groupBy(bucket);
  return new Map(rows.map((row) => [row.start, row.count]));
}

/**
 * Opt-outs received, applied in the clinical systems, and withdrawn, per bucket. "Applied" is the
 * day staff applied it (applied_on), falling back to when the status changed for older rows.
 */
export async function optOutCounts(db: Database, range: ReportRange, unit: BucketUnit) {
  const [received, applied, withdrawn] = await Promise.all([
    countPerBucket(db, londonDay(optOutRequests.receivedAt), range, unit),
    countPerBucket(db, sql`coalesce(${optOutRequests.appliedOn}, ${londonDay(optOutRequests.appliedAt)})`, range, unit),
    countPerBucket(db, londonDay(optOutRequests.withdrawnAt), range, unit),
  ]);
  return { received, applied, withdrawn };
}

const receivedWithin = (range: ReportRange) =>
  sql`${feedbackItems.receivedOn} between ${range.from}::date and ${range.to}::date`;

/** Feedback received in the range, by type (every type listed, 0 when none). */
export async function feedbackByType(
  db: Database,
  range: ReportRange,
): Promise<{ type: FeedbackType; count: number }[]> {
  const rows = await db
    .select({ type: feedbackItems.type, count: count() })
    .from(feedbackItems)
    .where(receivedWithin(range))
    .groupBy(feedbackItems.type);
  const counts = new Map(rows.map((row) => [row.type, row.count]));
  return FEEDBACK_TYPES.map((type) => ({ type, count: counts.get(type) ?? 0 }));
}

/** Feedback received in the range, by theme (an item with two themes counts under each), most first. */
export async function feedbackByTheme(db: Database, range: ReportRange): Promise<{ theme: string; count: number }[]> {
  const theme = sql<string>`unnest(${feedbackItems.themes})`;
  const rows = await db
    .select({ theme: theme.as('theme'), count: count() })
    .from(feedbackItems)
    .where(receivedWithin(range))
    .groupBy(sql`1`);
  return rows.toSorted((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
}

/**
 * For items received in the range and acknowledged (or answered): how many went from each
 * received day to each done day, for the median in working days (see median.ts).
 */
export async function responseDayPairs(
  db: Database,
  range: ReportRange,
  step: 'acknowledge' | 'answer',
): Promise<DatePairCount[]> {
  const done = step === 'acknowledge' ? feedbackItems.acknowledgedAt : feedbackItems.answeredAt;
  const from = sql<CalendarDate>`${feedbackItems.receivedOn}::text`;
  const to = sql<CalendarDate>`${londonDay(done)}::text`;
  return db
    .select({ from, to, count: count() })
    .from(feedbackItems)
    .where(and(receivedWithin(range), isNotNull(done)))
    .groupBy(from, to);
}

/**
 * Items overdue on `today`, whenever they arrived: a complaint not yet acknowledged after its
 * acknowledgement date, or anything not yet answered after its answer date (as the queue shows).
 */
export async function overdueCounts(db: Database, today: CalendarDate) {
  const acknowledge = sql`${feedbackItems.status} = 'new' and ${feedbackItems.acknowledgeBy} < ${today}::date`;
  const answer = sql`${feedbackItems.status} not in ('answered', 'closed') and ${feedbackItems.respondBy} < ${today}::date`;
  const [row] = await db
    .select({
      acknowledge: sql<number>`count(*) filter (where ${acknowledge})`.mapWith(Number),
      answer: sql<number>`count(*) filter (where ${answer})`.mapWith(Number),
      total: sql<number>`count(*) filter (where (${acknowledge}) or (${answer}))`.mapWith(Number),
    })
    .from(feedbackItems)
    .where(sql`${feedbackItems.status} <> 'closed'`);
  return { acknowledge: row?.acknowledge ?? 0, answer: row?.answer ?? 0, total: row?.total ?? 0 };
}
