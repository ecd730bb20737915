import { addCalendarMonths, addDays, type CalendarDate, compareDates } from '../../../domain/calendar-date.ts';
import { type ReportRange, weekStart } from './range.ts';

/** Staff reports count per week; the public page per month, so fewer cells fall under 5. */
export type BucketUnit = 'week' | 'month';

/** The first day of the bucket a date falls in. */
export function bucketStart(date: CalendarDate, unit: BucketUnit): CalendarDate {
  return unit === 'week' ? weekStart(date) : (`${date.slice(0, 8)}01` as CalendarDate);
}

/**
 * Every bucket the range touches, in order, so a week with nothing in it still shows as 0
 * (the database only returns buckets that have rows).
 */
export function bucketStarts(range: ReportRange, unit: BucketUnit): CalendarDate[] {
  const starts: CalendarDate[] = [];
  for (
    let start = bucketStart(range.from, unit);
    compareDates(start, range.to) <= 0;
    start = unit === 'week' ? addDays(start, 7) : addCalendarMonths(start, 1)
  ) {
    starts.push(start);
  }
  return starts;
}
