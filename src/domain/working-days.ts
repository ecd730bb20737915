import { isBankHoliday } from './bank-holidays.ts';
import { addDays, type CalendarDate, compareDates, isWeekend } from './calendar-date.ts';

/**
 * Working days for complaint clocks.
 *
 * The Local Authority Social Services and National Health Service Complaints (England)
 * Regulations 2009 (SI 2009/309, https://www.legislation.gov.uk/uksi/2009/309) require a complaint
 * to be acknowledged "not later than 3 working days after the day on which it receives the
 * complaint" (regulation 13), and define a working day (regulation 2) as any day except Saturday,
 * Sunday, Christmas Day, Good Friday or a bank holiday in England. Christmas Day and Good Friday are
 * in the bank holiday data, so "not a weekend and not a bank holiday" is the same test.
 *
 * Counting convention: the day of receipt is day 0, whatever day it is, and is never counted
 * ("after the day on which it receives"). Day 1 is the first working day after it. So a complaint
 * sent on a Friday evening, or on a Saturday, must be acknowledged by the following Wednesday.
 */

/** True on a weekday that is not a bank holiday in England and Wales. */
export function isWorkingDay(date: CalendarDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/**
 * The date `workingDays` working days after `from`, which is day 0. With 0 it returns `from`
 * itself, even if that is not a working day. With 1 or more the result is always a working day.
 */
export function addWorkingDays(from: CalendarDate, workingDays: number): CalendarDate {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`Working days must be a whole number of 0 or more, not ${workingDays}`);
  }
  let date = from;
  for (let counted = 0; counted < workingDays; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) counted += 1;
  }
  return date;
}

/** The first working day on or after `date`: where a deadline lands when it falls on a day off. */
export function nextWorkingDayOnOrAfter(date: CalendarDate): CalendarDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * The number of working days after `from`, up to and including `to`, so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when `to` is before `from`
 * (the working days after `to` up to and including `from`); 0 when they are the same day or
 * only days off lie between them.
 */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  const order = compareDates(from, to);
  if (order === 0) return 0;
  if (order > 0) return -workingDaysBetween(to, from);
  let count = 0;
  for (let date = addDays(from, 1); compareDates(date, to) <= 0; date = addDays(date, 1)) {
    if (isWorkingDay(date)) count += 1;
  }
  return count;
}
