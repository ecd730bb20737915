import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { FeedbackType } from '../../../domain/feedback.ts';
import type { Database } from '../../db/client.ts';
import { type BucketUnit, bucketStarts } from './buckets.ts';
import { type MedianResult, medianWorkingDays } from './median.ts';
import { feedbackByTheme, feedbackByType, optOutCounts, overdueCounts, responseDayPairs } from './queries.ts';
import type { ReportRange } from './range.ts';

/** One week (or month) of opt-outs. */
export interface OptOutBucket {
  /** The Monday of the week, or the first of the month. */
  start: CalendarDate;
  received: number;
  applied: number;
  withdrawn: number;
}

/** Every figure in the staff report; `/api/staff/reports` returns exactly this. */
export interface Report {
  range: ReportRange;
  unit: BucketUnit;
  /** The day "overdue now" was worked out on. */
  today: CalendarDate;
  optOuts: OptOutBucket[];
  feedbackByType: { type: FeedbackType; count: number }[];
  feedbackByTheme: { theme: string; count: number }[];
  /** Medians in working days, over items received in the range that reached the step. */
  responseTimes: { acknowledge: MedianResult; answer: MedianResult };
  /** Open items past a date today, whenever they arrived (not limited to the range). */
  overdueNow: { acknowledge: number; answer: number; total: number };
}

/** Works out the report for a range. */
export async function buildReport(
  db: Database,
  options: { range: ReportRange; unit: BucketUnit; today: CalendarDate },
): Promise<Report> {
  const { range, unit, today } = options;
  const [optOuts, byType, byTheme, acknowledged, answered, overdue] = await Promise.all([
    optOutCounts(db, range, unit),
    feedbackByType(db, range),
    feedbackByTheme(db, range),
    responseDayPairs(db, range, 'acknowledge'),
    responseDayPairs(db, range, 'answer'),
    overdueCounts(db, today),
  ]);
  return {
    range,
    unit,
    today,
    optOuts: bucketStarts(range, unit).map((start) => ({
      start,
      received: optOuts.received.get(start) ?? 0,
      applied: optOuts.applied.get(start) ?? 0,
      withdrawn: optOuts.withdrawn.get(start) ?? 0,
    })),
    feedbackByType: byType,
    feedbackByTheme: byTheme,
    responseTimes: { acknowledge: medianWorkingDays(acknowledged), answer: medianWorkingDays(answered) },
    overdueNow: overdue,
  };
}
