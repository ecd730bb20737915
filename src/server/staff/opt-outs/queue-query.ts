import {
  and,
  asc,
  desc,
  eq,
  exists,
  inArray,
  isNotNull,
  isNull,
  ne,
  not,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { addDays, type CalendarDate, compareDates } from '../../../domain/calendar-date.ts';
import type { OptOutRoute, OptOutStatus } from '../../../domain/opt-out.ts';
import { addWorkingDays, isWorkingDay } from '../../../domain/working-days.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutEvidence, optOutRequests } from '../../db/opt-out-schema.ts';

/**
 * The opt-out work list as SQL: every filter is a condition in the database, so a page, the
 * "all matching" count and a bulk action on "all matching" see exactly the same requests, and no
 * limit can hide a match behind rows a filter would have dropped afterwards.
 */

export interface OptOutQueueFilter {
  /** One status; undefined means "waiting for staff" (some step other than rejecting is open). */
  status?: OptOutStatus | 'all';
  route?: OptOutRoute;
  /** The person themselves, or someone acting for them (parent, attorney, deputy). */
  who?: 'self' | 'proxy';
  /** Whether a proxy sent evidence of their authority. */
  evidence?: 'yes' | 'no';
  /** Only requests where the person asked to opt back in. */
  withdrawal?: boolean;
  /** Only requests at least this many working days old (the day of receipt is day 0). */
  minAgeWorkingDays?: number;
  /**
   * Only requests whose "apply by" date (identity check + the promised working days) falls within
   * this many working days from today, or has passed: 0 means due today or overdue.
   */
  breachWithinWorkingDays?: number;
  /** Only requests the record platform's latest match file placed at this GP practice (ODS code). */
  practice?: string;
}

/** A GP practice's ODS code, as the record platform's match file gives it: a letter and five digits. */
export const PRACTICE_CODE = /^[A-Z][0-9]{5}$/;

export interface QueueClock {
  today: CalendarDate;
  /** The promise emailed to the resident: applied within this many working days of checking. */
  applyWorkingDays: number;
}

/** The start of the day after `date` in England, as an instant the index on received_at can use. */
const londonEndOf = (date: CalendarDate) => sql`(${addDays(date, 1)}::timestamp at time zone 'Europe/London')`;

/** The latest day of receipt that makes a request at least `workingDays` working days old today. */
export function receivedOnOrBefore(today: CalendarDate, workingDays: number): CalendarDate {
  let day = today;
  for (let counted = 0; counted < workingDays; day = addDays(day, -1)) if (isWorkingDay(day)) counted += 1;
  return day;
}

/** The latest day of an identity check whose "apply by" date is on or before `due`. */
export function checkedOnOrBefore(due: CalendarDate, applyWorkingDays: number): CalendarDate {
  let day = due;
  while (compareDates(addWorkingDays(day, applyWorkingDays), due) > 0) day = addDays(day, -1);
  return day;
}

/** Exactly the rule of needsStaffAction (src/domain/opt-out-transitions.ts), as a condition. */
const waitingForStaff = () =>
  or(
    inArray(optOutRequests.status, ['received', 'contact-confirmed', 'identity-checked']),
    and(isNotNull(optOutRequests.withdrawalRequestedAt), notInArray(optOutRequests.status, ['withdrawn', 'rejected'])),
    and(
      eq(optOutRequests.status, 'withdrawn'),
      isNotNull(optOutRequests.appliedOn),
      isNull(optOutRequests.withdrawalAppliedOn),
    ),
  );

export function queueConditions(filter: OptOutQueueFilter, clock: QueueClock): SQL | undefined {
  const hasEvidence = exists(
    sql`(select 1 from ${optOutEvidence} where ${optOutEvidence.requestId} = ${optOutRequests.id})`,
  );
  const conditions: (SQL | undefined)[] = [
    filter.status === undefined ? waitingForStaff() : undefined,
    filter.status && filter.status !== 'all' ? eq(optOutRequests.status, filter.status) : undefined,
    filter.route ? eq(optOutRequests.route, filter.route) : undefined,
    filter.who === 'self' ? eq(optOutRequests.route, 'self') : undefined,
    filter.who === 'proxy' ? ne(optOutRequests.route, 'self') : undefined,
    filter.evidence === 'yes' ? hasEvidence : undefined,
    filter.evidence === 'no' ? not(hasEvidence) : undefined,
    filter.withdrawal ? isNotNull(optOutRequests.withdrawalRequestedAt) : undefined,
    filter.practice ? eq(optOutRequests.practiceCode, filter.practice) : undefined,
    filter.minAgeWorkingDays
      ? sql`${optOutRequests.receivedAt} < ${londonEndOf(receivedOnOrBefore(clock.today, filter.minAgeWorkingDays))}`
      : undefined,
  ];
  if (filter.breachWithinWorkingDays !== undefined) {
    // The apply clock runs only between the identity check and applying (the promise's words).
    const due = addWorkingDays(clock.today, filter.breachWithinWorkingDays);
    const latestCheck = checkedOnOrBefore(due, clock.applyWorkingDays);
    conditions.push(
      eq(optOutRequests.status, 'identity-checked'),
      sql`${optOutRequests.identityCheckedAt} < ${londonEndOf(latestCheck)}`,
    );
  }
  return and(...conditions);
}

/** Where a page starts: after a row (next), before a row (previous), or at the beginning. */
export type QueueCursor = { after: number } | { before: number } | Record<string, never>;

const keyOf = (id: number) => sql`(select k.received_at, k.id from ${optOutRequests} k where k.id = ${id})`;
const key = sql`(${optOutRequests.receivedAt}, ${optOutRequests.id})`;

type Row = typeof optOutRequests.$inferSelect;

/**
 * One page of the list, oldest first, by keyset: the cursor is a row's id and the page is "the
 * rows after (or before) that row's (received_at, id)", one seek on opt_out_requests_queue_idx
 * however deep the page, where OFFSET would read and throw away every row before it.
 */
export async function readQueuePage(
  db: Database,
  where: SQL | undefined,
  cursor: QueueCursor,
  size: number,
): Promise<{ rows: Row[]; hasPrevious: boolean; hasNext: boolean }> {
  const backwards = 'before' in cursor;
  const from =
    'after' in cursor
      ? sql`${key} > ${keyOf(cursor.after)}`
      : backwards
        ? sql`${key} < ${keyOf(cursor.before)}`
        : undefined;
  const order = backwards
    ? [desc(optOutRequests.receivedAt), desc(optOutRequests.id)]
    : [asc(optOutRequests.receivedAt), asc(optOutRequests.id)];
  const fetched = await db
    .select()
    .from(optOutRequests)
    .where(and(where, from))
    .orderBy(...order)
    .limit(size + 1);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  // The other direction: is there a matching row beyond this page's edge?
  const beyond = async (edge: Row | undefined, direction: 'before' | 'after') => {
    if (!edge) return false;
    const past = direction === 'before' ? sql`${key} < ${keyOf(edge.id)}` : sql`${key} > ${keyOf(edge.id)}`;
    const [found] = await db.select({ id: optOutRequests.id }).from(optOutRequests).where(and(where, past)).limit(1);
    return found !== undefined;
  };
  return backwards
    ? { rows, hasPrevious: more, hasNext: await beyond(last, 'after') }
    : { rows, hasPrevious: await beyond(first, 'before'), hasNext: more };
}

/** How many requests match: the number "Select all N matching" promises to act on. */
export async function countMatching(db: Database | Transaction, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(optOutRequests).where(where);
  return row?.count ?? 0;
}
