import {
  addDays,
  type CalendarDate,
  compareDates,
  dateParts,
  dayOfWeek,
  parseDateFields,
} from '../../../domain/calendar-date.ts';
import type { FieldError } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';

/** The days a report covers, both ends included, as London calendar dates. */
export interface ReportRange {
  from: CalendarDate;
  to: CalendarDate;
}

/** The date boxes as typed (kept on the page when there is an error). */
export type RangeValues = Record<'fromDay' | 'fromMonth' | 'fromYear' | 'toDay' | 'toMonth' | 'toYear', string>;

/** Reports cover at most about two years, so the charts stay readable and the queries quick. */
export const MAX_RANGE_DAYS = 2 * 366;

/** The Monday of the week a date falls in: weeks in reports start on Monday, as ISO 8601 says. */
export const weekStart = (date: CalendarDate): CalendarDate => addDays(date, 1 - dayOfWeek(date));

/** By default, the last 12 weeks: this week and the 11 before it. */
export function defaultRange(today: CalendarDate): ReportRange {
  return { from: addDays(weekStart(today), -77), to: today };
}

const partsOf = (date: CalendarDate) => {
  const { year, month, day } = dateParts(date);
  return { day: String(day), month: String(month), year: String(year) };
};

/** The boxes filled in with a range, for the form. */
export function rangeValues(range: ReportRange): RangeValues {
  const from = partsOf(range.from);
  const to = partsOf(range.to);
  return {
    fromDay: from.day,
    fromMonth: from.month,
    fromYear: from.year,
    toDay: to.day,
    toMonth: to.month,
    toYear: to.year,
  };
}

export type RangeResult =
  | { ok: true; range: ReportRange; values: RangeValues }
  | { ok: false; errors: FieldError[]; values: RangeValues };

/**
 * Reads the date range filter from a GET query (the form works without JavaScript). Both dates
 * empty means the default range; otherwise both are needed, in order, not in the future.
 */
export function parseRange(query: URLSearchParams, today: CalendarDate): RangeResult {
  const get = (name: keyof RangeValues) => (query.get(name) ?? '').slice(0, 10);
  const values: RangeValues = {
    fromDay: get('fromDay'),
    fromMonth: get('fromMonth'),
    fromYear: get('fromYear'),
    toDay: get('toDay'),
    toMonth: get('toMonth'),
    toYear: get('toYear'),
  };
  if (Object.values(values).every((value) => value.trim() === '')) {
    const range = defaultRange(today);
    return { ok: true, range, values: rangeValues(range) };
  }
  const relativeTo = { today, mustBe: 'today-or-past' } as const;
  const from = parseDateFields(
    { day: values.fromDay, month: values.fromMonth, year: values.fromYear },
    { label: t('staffReports.range.fromLabel'), relativeTo },
  );
  const to = parseDateFields(
    { day: values.toDay, month: values.toMonth, year: values.toYear },
    { label: t('staffReports.range.toLabel'), relativeTo },
  );
  const errors: FieldError[] = [];
  if (!from.ok) errors.push({ field: 'from', message: from.message });
  if (!to.ok) errors.push({ field: 'to', message: to.message });
  if (from.ok && to.ok) {
    if (compareDates(from.date, to.date) > 0)
      errors.push({ field: 'to', message: t('staffReports.range.toBeforeFrom') });
    else if (compareDates(addDays(from.date, MAX_RANGE_DAYS), to.date) < 0)
      errors.push({ field: 'from', message: t('staffReports.range.tooLong') });
    else return { ok: true, range: { from: from.date, to: to.date }, values };
  }
  return { ok: false, errors, values };
}
