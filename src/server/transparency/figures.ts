import { addCalendarMonths, type CalendarDate } from '../../domain/calendar-date.ts';
import type { FeedbackType } from '../../domain/feedback.ts';
import type { SubscriptionTopic } from '../../domain/subscriptions.ts';
import type { Database } from '../db/client.ts';
import { bucketStart } from '../staff/reports/buckets.ts';
import { buildReport } from '../staff/reports/report.ts';
import { confirmedCountsByTopic } from '../subscriptions/store.ts';
import { buildPublicForecast, type PublicForecast } from './forecast.ts';
import { type PublicCount, publicCount, publicMedian, SUPPRESS_BELOW } from './suppress.ts';

/** What the public page shows: the staff report's figures by month, with small numbers suppressed. */
export interface PublicFigures {
  from: CalendarDate;
  to: CalendarDate;
  months: { start: CalendarDate; received: PublicCount; applied: PublicCount; withdrawn: PublicCount }[];
  optOutTotals: { received: PublicCount; applied: PublicCount; withdrawn: PublicCount };
  feedbackByType: { type: FeedbackType; count: PublicCount }[];
  feedbackTotal: PublicCount;
  /**
   * Only themes with at least 5 items are named: a rare theme's words could point to the person
   * who raised it, and the count would be suppressed anyway.
   */
  themes: { theme: string; count: PublicCount }[];
  responseTimes: { acknowledge: number | null; answer: number | null };
  overdueNow: PublicCount;
  /** Confirmed email update subscribers per topic (issue 18). */
  subscribers: Record<SubscriptionTopic, PublicCount>;
  /** The opt-out backlog forecast, only when the comms team has turned it on (settings: transparencyForecast). */
  forecast?: PublicForecast;
}

/** The public page covers this month and the 11 before it, by month, so fewer cells are under 5. */
export function publicRange(today: CalendarDate) {
  return { from: addCalendarMonths(bucketStart(today, 'month'), -11), to: today };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Works out the public figures from the same aggregate queries as the staff reports. */
export async function buildPublicFigures(
  db: Database,
  today: CalendarDate,
  /** The opt-out promise in working days, to add the backlog forecast; undefined leaves it off. */
  forecastPromise?: number,
): Promise<PublicFigures> {
  const range = publicRange(today);
  const forecast = forecastPromise === undefined ? undefined : await buildPublicForecast(db, today, forecastPromise);
  const report = await buildReport(db, { range, unit: 'month', today });
  const subscribers = await confirmedCountsByTopic(db);
  const total = (key: 'received' | 'applied' | 'withdrawn') => publicCount(sum(report.optOuts.map((m) => m[key])));
  return {
    ...range,
    months: report.optOuts.map((month) => ({
      start: month.start,
      received: publicCount(month.received),
      applied: publicCount(month.applied),
      withdrawn: publicCount(month.withdrawn),
    })),
    optOutTotals: { received: total('received'), applied: total('applied'), withdrawn: total('withdrawn') },
    feedbackByType: report.feedbackByType.map((row) => ({ type: row.type, count: publicCount(row.count) })),
    feedbackTotal: publicCount(sum(report.feedbackByType.map((row) => row.count))),
    themes: report.feedbackByTheme
      .filter((row) => row.count >= SUPPRESS_BELOW)
      .map((row) => ({ theme: row.theme, count: publicCount(row.count) })),
    responseTimes: {
      acknowledge: publicMedian(report.responseTimes.acknowledge.median, report.responseTimes.acknowledge.items),
      answer: publicMedian(report.responseTimes.answer.median, report.responseTimes.answer.items),
    },
    overdueNow: publicCount(report.overdueNow.total),
    subscribers: {
      'newly-shared': publicCount(subscribers['newly-shared']),
      events: publicCount(subscribers.events),
      'you-said-we-did': publicCount(subscribers['you-said-we-did']),
      all: publicCount(subscribers.all),
    },
    ...(forecast ? { forecast } : {}),
  };
}

/**
 * The figures change at most a few times an hour and hold no personal data, so one copy is kept
 * for a few minutes per process: a burst of visitors costs one set of queries, not one each.
 */
export const FIGURES_FRESH_MS = 5 * 60 * 1000;
const cache = new WeakMap<Database, { key: string; at: number; figures: Promise<PublicFigures> }>();

export function cachedPublicFigures(
  db: Database,
  today: CalendarDate,
  now = Date.now(),
  forecastPromise?: number,
): Promise<PublicFigures> {
  const key = `${today}:${forecastPromise ?? 'no forecast'}`;
  const hit = cache.get(db);
  if (hit && hit.key === key && now - hit.at < FIGURES_FRESH_MS) return hit.figures;
  const figures = buildPublicFigures(db, today, forecastPromise);
  cache.set(db, { key, at: now, figures });
  // A failed query is not kept: the next visitor tries again.
  figures.catch(() => cache.delete(db));
  return figures;
}
