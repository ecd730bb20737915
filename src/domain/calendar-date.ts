/**
 * Calendar dates with no time of day and no time zone.
 *
 * Legal clocks (a complaint acknowledged within 3 working days, a rights request answered within
 * one calendar month) count whole days in the UK, so a date is a plain `YYYY-MM-DD` string that
 * cannot drift by an hour at the clock change. The only place a time zone enters is
 * `todayInLondon`, which turns an instant into the date a person in England would call "today".
 */

import { dateTimeFormats } from '../i18n/intl-cache.ts';

declare const calendarDateBrand: unique symbol;

/** A real date in the Gregorian calendar, written `YYYY-MM-DD` (years 0001–9999). Immutable: it is a string. */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

/** Day of the week as ISO 8601 numbers it: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The numbers inside a date; `month` is 1–12. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Arithmetic goes through UTC milliseconds: UTC has no clock changes, so a day is always 24 hours. */
function toEpochDay(year: number, month: number, day: number): number {
  const instant = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / DAY_MS);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const instant = new Date(epochDay * DAY_MS);
  const date = fromParts(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
  if (date === undefined) throw new RangeError('Date arithmetic went outside the years 0001 to 9999');
  return date;
}

/** The number of days in a month (28–31), leap years included. */
export function daysInMonth(year: number, month: number): number {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month, 0); // day 0 of the next month is the last day of this one
  return instant.getUTCDate();
}

/** Builds a date from its numbers, or `undefined` if there is no such day (31 April, 29 February 2027). */
export function fromParts(year: number, month: number, day: number): CalendarDate | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate; // checked above
}

/** Reads a `YYYY-MM-DD` string; `undefined` unless it is exactly that shape and a real date. */
export function parseCalendarDate(value: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  return fromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Like `parseCalendarDate` but throws: for dates written in code, data files and tests. */
export function calendarDate(value: string): CalendarDate {
  const date = parseCalendarDate(value);
  if (date === undefined) throw new RangeError(`Not a real YYYY-MM-DD date: "${value}"`);
  return date;
}

/**
 * A stored date (a database `date` column) read back. The database holds only real dates, so a
 * failure here is corruption, and says so, rather than a date shown wrong or a clock that never runs.
 */
export function dateColumn(value: string): CalendarDate;
export function dateColumn(value: string | null): CalendarDate | null;
export function dateColumn(value: string | null): CalendarDate | null {
  if (value === null) return null;
  const date = parseCalendarDate(value);
  if (!date) throw new Error(`A date column held "${value}", which is not a YYYY-MM-DD date`);
  return date;
}

/** A decrypted personal date that is not a `YYYY-MM-DD` date. The message names the field, never the value. */
export class StoredPersonalDateError extends Error {
  override readonly name = 'StoredPersonalDateError';
  readonly field: string;
  constructor(field: string) {
    super(`A stored ${field} is not a YYYY-MM-DD date; the value is left out because it is personal data`);
    this.field = field;
  }
}

/**
 * A personal date (a date of birth) read back from its encrypted field. Only real dates are ever
 * encrypted, so a failure is corruption or the wrong key; unlike `dateColumn`, the error carries
 * only the field's name, because the value would reach a log or an error page.
 */
export function personalDate(value: string, field: string): CalendarDate {
  const date = parseCalendarDate(value);
  if (!date) throw new StoredPersonalDateError(field);
  return date;
}

/** True if the string is a real `YYYY-MM-DD` date. */
export function isCalendarDate(value: string): value is CalendarDate {
  return parseCalendarDate(value) !== undefined;
}

/** The year, month and day of a date. */
export function dateParts(date: CalendarDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The date `days` days later (or earlier, if negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number, not ${days}`);
  const { year, month, day } = dateParts(date);
  return fromEpochDay(toEpochDay(year, month, day) + days);
}

/**
 * The same day of the month `months` months later (or earlier). Where that month is shorter, the
 * result is its last day: 31 January + 1 month is 28 February (29 in a leap year). This is the
 * ICO's reading of "one calendar month" for rights requests.
 */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number, not ${months}`);
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const target = fromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
  if (target === undefined) throw new RangeError('Date arithmetic went outside the years 0001 to 9999');
  return target;
}

/** Negative if `a` is before `b`, 0 if the same day, positive if after (for `Array.prototype.sort`). */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  // Four-digit years make ISO dates sort as text.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return toEpochDay(b.year, b.month, b.day) - toEpochDay(a.year, a.month, a.day);
}

/** The ISO day of the week: 1 Monday … 7 Sunday. */
export function dayOfWeek(date: CalendarDate): IsoWeekday {
  const { year, month, day } = dateParts(date);
  const sundayZero = new Date(toEpochDay(year, month, day) * DAY_MS).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday; // getUTCDay is 0–6
}

/** True on Saturday and Sunday. */
export function isWeekend(date: CalendarDate): boolean {
  return dayOfWeek(date) >= 6;
}

const londonDate = dateTimeFormats({ timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric' });
let lastLondonDate: { minute: number; date: CalendarDate } = { minute: Number.NaN, date: '' as CalendarDate };

/**
 * The date in England at the instant `now`. Servers often run in UTC, and between midnight and
 * 1 am in British Summer Time UTC still says "yesterday": a complaint sent then was received today.
 */
export function todayInLondon(now: Date): CalendarDate {
  // The date in London changes only on a whole minute (the clocks change on the hour), so the
  // answer is kept for the minute it was worked out in: formatToParts was about 1 % of a busy
  // server's time, asked for on every form post.
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute === lastLondonDate.minute) return lastLondonDate.date;
  const parts = londonDate('en-GB').formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const date = fromParts(part('year'), part('month'), part('day'));
  if (date === undefined) throw new RangeError(`Cannot tell the date in London at ${String(now)}`);
  lastLondonDate = { minute, date };
  return date;
}

/**
 * Age in whole years on a date, for rules such as "13 or over". A birthday counts from the start of
 * the day. Someone born on 29 February turns a year older on 1 March in years without one, which is
 * how the law in England and Wales is usually read (Family Law Reform Act 1969, s. 9).
 */
export function ageInYearsOn(dateOfBirth: CalendarDate, on: CalendarDate): number {
  if (on < dateOfBirth) throw new RangeError(`${on} is before the date of birth`);
  const birth = dateParts(dateOfBirth);
  const then = dateParts(on);
  const hadBirthday = then.month > birth.month || (then.month === birth.month && then.day >= birth.day);
  return then.year - birth.year - (hadBirthday ? 0 : 1);
}

/** One of the three boxes of the NHS.UK date input. */
export type DatePart = 'day' | 'month' | 'year';

/** What a person typed into the three boxes, as the browser sends it. */
export interface DateFieldsInput {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/** How the date must sit against today, in the words of the GOV.UK date input error messages. */
export type DateRule = 'past' | 'today-or-past' | 'future' | 'today-or-future';

/** How to check and name the date in messages. */
export interface DateFieldsOptions {
  /** The date's name at the start of a sentence, e.g. "Date of birth". */
  readonly label: string;
  /** The message when all three boxes are empty. Default: "Enter " + the label in lower case. */
  readonly emptyMessage?: string;
  /** A rule against today. Today is passed in (see `todayInLondon`) so this module never reads a clock. */
  readonly relativeTo?: { readonly today: CalendarDate; readonly mustBe: DateRule };
}

/** Why the date was refused: `code` is for i18n and analytics, `message` is the default English text. */
export type DateFieldsError = {
  readonly ok: false;
  readonly code: 'empty' | 'incomplete' | 'year-not-four-digits' | 'not-real' | `not-${DateRule}`;
  readonly message: string;
  /** The boxes to mark as wrong. All three when the fault is the date as a whole (30 February). */
  readonly fields: readonly DatePart[];
};

/** The outcome of `parseDateFields`. */
export type DateFieldsResult = { readonly ok: true; readonly date: CalendarDate } | DateFieldsError;

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** GOV.UK asks services to accept month names ("jan", "January", "Sept") because some people type them. */
function readMonth(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const name = text.toLowerCase();
  const index = name === 'sept' ? 8 : Math.max(MONTH_NAMES.indexOf(name), FULL_MONTH_NAMES.indexOf(name));
  return index >= 0 ? index + 1 : undefined;
}

const RULE_WORDS: Record<DateRule, string> = {
  past: 'in the past',
  'today-or-past': 'today or in the past',
  future: 'in the future',
  'today-or-future': 'today or in the future',
};

/**
 * Checks a date typed into the NHS.UK date input (three boxes) and says, in the GOV.UK wording,
 * which box is wrong: "Date of birth must include a month", "Date of birth must be a real date",
 * "Year must include 4 numbers", "Date of birth must be in the past".
 */
export function parseDateFields(input: DateFieldsInput, options: DateFieldsOptions): DateFieldsResult {
  const { label } = options;
  const text = { day: input.day.trim(), month: input.month.trim(), year: input.year.trim() };
  const fail = (code: DateFieldsError['code'], message: string, fields: readonly DatePart[]): DateFieldsError => ({
    ok: false,
    code,
    message,
    fields,
  });
  const all: readonly DatePart[] = ['day', 'month', 'year'];

  const missing = all.filter((part) => text[part] === '');
  if (missing.length === 3) {
    return fail('empty', options.emptyMessage ?? `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`, all);
  }
  if (missing.length > 0) return fail('incomplete', `${label} must include a ${missing.join(' and ')}`, missing);

  const day = /^\d{1,2}$/.test(text.day) ? Number(text.day) : Number.NaN;
  const month = readMonth(text.month) ?? Number.NaN;
  const year = /^\d+$/.test(text.year) ? Number(text.year) : Number.NaN;
  const wrong = all.filter((part) => {
    if (part === 'day') return !(day >= 1 && day <= 31);
    if (part === 'month') return !(month >= 1 && month <= 12);
    return Number.isNaN(year);
  });
  if (wrong.length > 0) return fail('not-real', `${label} must be a real date`, wrong);
  if (text.year.length !== 4) return fail('year-not-four-digits', 'Year must include 4 numbers', ['year']);

  const date = fromParts(year, month, day);
  // 31 April or 29 February 2027: no single box is wrong, so all three are marked.
  if (date === undefined) return fail('not-real', `${label} must be a real date`, all);

  if (options.relativeTo !== undefined) {
    const { today, mustBe } = options.relativeTo;
    const order = compareDates(date, today);
    const allowed =
      mustBe === 'past'
        ? order < 0
        : mustBe === 'today-or-past'
          ? order <= 0
          : mustBe === 'future'
            ? order > 0
            : order >= 0;
    if (!allowed) return fail(`not-${mustBe}`, `${label} must be ${RULE_WORDS[mustBe]}`, all);
  }
  return { ok: true, date };
}
