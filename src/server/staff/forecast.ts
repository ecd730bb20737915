import { inArray, sql } from 'drizzle-orm';
import { addDays, type CalendarDate, todayInLondon } from '../../domain/calendar-date.ts';
import { addWorkingDays, isWorkingDay } from '../../domain/working-days.ts';
import type { Database } from '../db/client.ts';
import { optOutRequests } from '../db/opt-out-schema.ts';

/** How many working days of throughput the forecast averages (issue 19, item 4). */
export const FORECAST_WORKING_DAYS = 5;

/** Requests still waiting for a staff step: not yet applied, rejected or withdrawn. */
export const BACKLOG_STATUSES = ['received', 'contact-confirmed', 'identity-checked'] as const;

/** When the opt-out backlog clears at the recent rate of work, against the promise to residents. */
export interface BacklogForecast {
  today: CalendarDate;
  /** Requests waiting for a staff step now. */
  backlog: number;
  /** The last FORECAST_WORKING_DAYS complete working days, oldest first: requests finished on each. */
  days: { date: CalendarDate; finished: number }[];
  /** Requests finished per working day, on average over those days. */
  perDay: number;
  /** Working days from today until the backlog clears; null when nothing was finished (no rate to go on). */
  clearsInWorkingDays: number | null;
  clearsOn: CalendarDate | null;
  /** The promise in residents' emails: apply within N working days (settings, optOutWorkingDays). */
  promiseWorkingDays: number;
  promiseDate: CalendarDate;
  /** True when the forecast clears the backlog later than the promise. */
  breaches: boolean;
}

/** The last `count` working days before `today` (today is not over, so it is not counted), oldest first. */
export function lastWorkingDays(today: CalendarDate, count: number): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let day = addDays(today, -1); days.length < count; day = addDays(day, -1)) {
    if (isWorkingDay(day)) days.unshift(day);
  }
  return days;
}

/**
 * The forecast from the counts, with no database: backlog ÷ mean daily throughput, rounded up
 * to whole working days (a part-day of work still needs that day), counted from today with the
 * domain's working days, so weekends and bank holidays are skipped as the residents' clocks skip them.
 */
export function forecastFrom(
  today: CalendarDate,
  backlog: number,
  days: BacklogForecast['days'],
  promiseWorkingDays: number,
): BacklogForecast {
  const finished = days.reduce((sum, day) => sum + day.finished, 0);
  // backlog ÷ (finished ÷ days) in whole numbers, so the figure is exact for given counts.
  const clearsInWorkingDays = finished === 0 ? null : Math.ceil((backlog * days.length) / finished);
  return {
    today,
    backlog,
    days,
    perDay: days.length === 0 ? 0 : finished / days.length,
    clearsInWorkingDays,
    clearsOn: clearsInWorkingDays === null ? null : addWorkingDays(today, clearsInWorkingDays),
    promiseWorkingDays,
    promiseDate: addWorkingDays(today, promiseWorkingDays),
    breaches: clearsInWorkingDays !== null && clearsInWorkingDays > promiseWorkingDays,
  };
}

/**
 * Works the forecast out from the requests' own status history: a request is finished on the
 * London day it was first applied, rejected or withdrawn (the timestamps each step stamps, by
 * staff one at a time, in bulk, or by the person's own withdrawal link), counted once even if
 * applied and later withdrawn. Counts only; nothing is decrypted.
 */
export async function forecastBacklog(db: Database, now: Date, promiseWorkingDays: number): Promise<BacklogForecast> {
  const today = todayInLondon(now);
  const dates = lastWorkingDays(today, FORECAST_WORKING_DAYS);
  const finishedDay = sql<string>`(least(${optOutRequests.appliedAt}, ${optOutRequests.rejectedAt}, ${optOutRequests.withdrawnAt}) at time zone 'Europe/London')::date`;
  const [first, last] = [dates[0] ?? today, dates.at(-1) ?? today];
  const [backlogRow] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(optOutRequests)
    .where(inArray(optOutRequests.status, [...BACKLOG_STATUSES]));
  const perDay = await db
    .select({ day: sql<string>`${finishedDay}::text`, count: sql<number>`count(*)::int` })
    .from(optOutRequests)
    .where(sql`${finishedDay} between ${first}::date and ${last}::date`)
    .groupBy(finishedDay);
  const counts = new Map(perDay.map((row) => [row.day, row.count]));
  const days = dates.map((date) => ({ date, finished: counts.get(date) ?? 0 }));
  return forecastFrom(today, backlogRow?.count ?? 0, days, promiseWorkingDays);
}
