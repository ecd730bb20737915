import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Database } from '../db/client.ts';
import { type BacklogForecast, forecastBacklog } from '../staff/forecast.ts';
import { type PublicCount, publicCount, SUPPRESS_BELOW } from './suppress.ts';

/** The staff home's backlog forecast as the public may see it. */
export interface PublicForecast {
  backlog: PublicCount;
  /** The last working days, oldest first, each with the opt-outs we finished that day. */
  days: { date: CalendarDate; finished: PublicCount }[];
  finished: PublicCount;
  /**
   * When the backlog clears at the recent rate. Null when it cannot be shown: nothing finished,
   * or fewer than 5 waiting or finished, because the date is worked out from those numbers and
   * would give a hidden one away.
   */
  clearsOn: CalendarDate | null;
  clearsInWorkingDays: number | null;
  promiseWorkingDays: number;
  promiseDate: CalendarDate;
}

/** Applies the page's small-number rule (suppress.ts) to every count, and hides a date that would undo it. */
export function publicForecast(forecast: BacklogForecast): PublicForecast {
  const finished = forecast.days.reduce((sum, day) => sum + day.finished, 0);
  const enough = forecast.backlog >= SUPPRESS_BELOW && finished >= SUPPRESS_BELOW;
  return {
    backlog: publicCount(forecast.backlog),
    days: forecast.days.map((day) => ({ date: day.date, finished: publicCount(day.finished) })),
    finished: publicCount(finished),
    clearsOn: enough ? forecast.clearsOn : null,
    clearsInWorkingDays: enough ? forecast.clearsInWorkingDays : null,
    promiseWorkingDays: forecast.promiseWorkingDays,
    promiseDate: forecast.promiseDate,
  };
}

/** The public forecast for a London day, from the same query as the staff home. */
export async function buildPublicForecast(
  db: Database,
  today: CalendarDate,
  promiseWorkingDays: number,
): Promise<PublicForecast> {
  // Noon UTC is the same date in London whatever the season.
  return publicForecast(await forecastBacklog(db, new Date(`${today}T12:00:00Z`), promiseWorkingDays));
}
