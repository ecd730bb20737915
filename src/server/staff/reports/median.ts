import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { workingDaysBetween } from '../../../domain/working-days.ts';

/** How many items went from one day to another: what the database groups response times into. */
export interface DatePairCount {
  from: CalendarDate;
  to: CalendarDate;
  count: number;
}

/** A median and how many items it is the median of. */
export interface MedianResult {
  /** Working days, to one decimal; null when there are no items. */
  median: number | null;
  items: number;
}

/**
 * The median number of working days between received and done. SQL cannot count bank holidays,
 * so the database returns one row per (received day, done day) pair with a count — a few hundred
 * rows a year however many items there are — and the working days are counted here with the
 * same rules as the clocks (src/domain/working-days.ts).
 */
export function medianWorkingDays(pairs: readonly DatePairCount[]): MedianResult {
  const values = pairs
    .map((pair) => ({ days: Math.max(0, workingDaysBetween(pair.from, pair.to)), count: pair.count }))
    .filter((value) => value.count > 0)
    .sort((a, b) => a.days - b.days);
  const items = values.reduce((sum, value) => sum + value.count, 0);
  if (items === 0) return { median: null, items: 0 };
  const at = (position: number) => {
    let seen = 0;
    for (const value of values) {
      seen += value.count;
      if (position < seen) return value.days;
    }
    return values.at(-1)?.days ?? 0;
  };
  const lower = at(Math.floor((items - 1) / 2));
  const upper = at(Math.floor(items / 2));
  return { median: Math.round(((lower + upper) / 2) * 10) / 10, items };
}
