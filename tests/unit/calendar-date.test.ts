import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  addDays,
  ageInYearsOn,
  calendarDate,
  compareDates,
  dateColumn,
  dayOfWeek,
  daysBetween,
  isCalendarDate,
  parseCalendarDate,
  parseDateFields,
  personalDate,
  StoredPersonalDateError,
  todayInLondon,
} from '../../src/domain/calendar-date.ts';

const d = calendarDate;

describe('reading ISO dates', () => {
  it('accepts a real date', () => {
    expect(parseCalendarDate('2026-11-22')).toBe('2026-11-22');
  });

  it('refuses days that do not exist', () => {
    expect(parseCalendarDate('2026-04-31')).toBeUndefined();
    expect(parseCalendarDate('2027-02-29')).toBeUndefined();
    expect(parseCalendarDate('2026-13-01')).toBeUndefined();
  });

  it('accepts 29 February in a leap year, including a century divisible by 400', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it('refuses other shapes rather than guessing', () => {
    expect(parseCalendarDate('2026-1-5')).toBeUndefined();
    expect(parseCalendarDate('22/11/2026')).toBeUndefined();
    expect(parseCalendarDate('2026-11-22T10:00:00Z')).toBeUndefined();
  });

  it('throws on a bad date written in code', () => {
    expect(() => calendarDate('2026-02-30')).toThrow(RangeError);
  });

  it('reads a stored date column back, and names a corrupt one rather than showing it', () => {
    expect(dateColumn('2026-11-22')).toBe('2026-11-22');
    expect(dateColumn(null)).toBeNull();
    expect(() => dateColumn('2026-02-30')).toThrow('A date column held "2026-02-30", which is not a YYYY-MM-DD date');
  });

  it('reads a decrypted date of birth back, and a corrupt one is named without its value reaching the error', () => {
    expect(personalDate('1961-08-17', 'date of birth')).toBe('1961-08-17');
    for (const stored of ['17/08/1961', '1961-02-30', '1961-08-17 ']) {
      let caught: unknown;
      try {
        personalDate(stored, 'date of birth');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StoredPersonalDateError);
      expect(caught).toMatchObject({ name: 'StoredPersonalDateError', field: 'date of birth' });
      const error = caught instanceof Error ? caught : new Error('not thrown');
      expect(error.message).toBe(
        'A stored date of birth is not a YYYY-MM-DD date; the value is left out because it is personal data',
      );
      // Nothing a log line could print carries it: not the message, the stack, a cause or an own property.
      expect(`${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`).not.toMatch(/1961|17\/08/);
    }
  });
});

describe('date arithmetic', () => {
  it('adds days across a month and a year end', () => {
    expect(addDays(d('2026-12-30'), 3)).toBe('2027-01-02');
    expect(addDays(d('2028-03-01'), -1)).toBe('2028-02-29');
  });

  it('is not thrown out by the clock change (29 March 2026 has 23 hours in London)', () => {
    expect(addDays(d('2026-03-28'), 1)).toBe('2026-03-29');
    expect(addDays(d('2026-03-29'), 1)).toBe('2026-03-30');
  });

  it('adds calendar months, keeping the day of the month', () => {
    expect(addCalendarMonths(d('2026-09-03'), 1)).toBe('2026-10-03');
    expect(addCalendarMonths(d('2026-12-15'), 1)).toBe('2027-01-15');
  });

  it('clamps to the end of a shorter month: 31 January + 1 month is 28 or 29 February', () => {
    expect(addCalendarMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addCalendarMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addCalendarMonths(d('2026-03-31'), 1)).toBe('2026-04-30');
  });

  it('counts months backwards too', () => {
    expect(addCalendarMonths(d('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addCalendarMonths(d('2026-01-15'), -13)).toBe('2024-12-15');
  });

  it('compares and measures the gap between dates', () => {
    expect(compareDates(d('2026-01-02'), d('2026-01-10'))).toBe(-1);
    expect(compareDates(d('2026-01-10'), d('2026-01-10'))).toBe(0);
    expect(compareDates(d('2027-01-01'), d('2026-12-31'))).toBe(1);
    expect(daysBetween(d('2028-02-01'), d('2028-03-01'))).toBe(29);
  });

  it('numbers the days of the week 1 (Monday) to 7 (Sunday)', () => {
    expect(dayOfWeek(d('2026-11-23'))).toBe(1);
    expect(dayOfWeek(d('2026-11-27'))).toBe(5);
    expect(dayOfWeek(d('2026-11-29'))).toBe(7);
  });
});

describe('today in London', () => {
  it('is already tomorrow at 00:30 in summer time, while UTC still says today', () => {
    expect(todayInLondon(new Date('2026-07-14T23:30:00Z'))).toBe('2026-07-15');
  });

  it('matches UTC in winter', () => {
    expect(todayInLondon(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
    expect(todayInLondon(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
  });

  it('turns at midnight to the millisecond when asked again and again (the answer is kept for a minute)', () => {
    expect(todayInLondon(new Date('2026-06-30T22:59:00.000Z'))).toBe('2026-06-30');
    expect(todayInLondon(new Date('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30');
    expect(todayInLondon(new Date('2026-06-30T23:00:00.000Z'))).toBe('2026-07-01');
    expect(todayInLondon(new Date('2026-06-30T22:59:30.000Z'))).toBe('2026-06-30'); // a clock put back
    expect(() => todayInLondon(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('age in whole years', () => {
  it('goes up on the birthday, not the day before', () => {
    expect(ageInYearsOn(d('2013-11-22'), d('2026-11-21'))).toBe(12);
    expect(ageInYearsOn(d('2013-11-22'), d('2026-11-22'))).toBe(13);
  });

  it('turns a person born on 29 February a year older on 1 March in other years', () => {
    expect(ageInYearsOn(d('2012-02-29'), d('2025-02-28'))).toBe(12);
    expect(ageInYearsOn(d('2012-02-29'), d('2025-03-01'))).toBe(13);
    expect(ageInYearsOn(d('2012-02-29'), d('2024-02-29'))).toBe(12);
  });

  it('refuses a date before the birth', () => {
    expect(() => ageInYearsOn(d('2020-05-01'), d('2020-04-30'))).toThrow(RangeError);
  });
});

describe('a person types their date of birth into three boxes', () => {
  const options = { label: 'Date of birth', relativeTo: { today: d('2026-11-22'), mustBe: 'past' as const } };

  it('gets the date back when it is complete and in the past', () => {
    expect(parseDateFields({ day: '7', month: '03', year: '1984' }, options)).toEqual({ ok: true, date: '1984-03-07' });
  });

  it('may type the month as a word', () => {
    const result = parseDateFields({ day: '7', month: 'Sept', year: '1984' }, options);
    expect(result).toEqual({ ok: true, date: '1984-09-07' });
    expect(parseDateFields({ day: '7', month: 'march', year: '1984' }, options)).toMatchObject({ date: '1984-03-07' });
  });

  it('is asked to enter it when all boxes are empty', () => {
    expect(parseDateFields({ day: ' ', month: '', year: '' }, options)).toMatchObject({
      code: 'empty',
      message: 'Enter date of birth',
      fields: ['day', 'month', 'year'],
    });
    expect(
      parseDateFields({ day: '', month: '', year: '' }, { ...options, emptyMessage: 'Enter your date of birth' }),
    ).toMatchObject({ message: 'Enter your date of birth' });
  });

  it('is told which part is missing', () => {
    expect(parseDateFields({ day: '7', month: '', year: '1984' }, options)).toMatchObject({
      code: 'incomplete',
      message: 'Date of birth must include a month',
      fields: ['month'],
    });
    expect(parseDateFields({ day: '', month: '', year: '1984' }, options)).toMatchObject({
      message: 'Date of birth must include a day and month',
      fields: ['day', 'month'],
    });
  });

  it('is told the date must be real, with the wrong box marked', () => {
    expect(parseDateFields({ day: '7', month: '13', year: '1984' }, options)).toMatchObject({
      code: 'not-real',
      message: 'Date of birth must be a real date',
      fields: ['month'],
    });
    expect(parseDateFields({ day: 'x', month: '3', year: '1984' }, options)).toMatchObject({ fields: ['day'] });
  });

  it('has all three boxes marked for a day the month does not have', () => {
    expect(parseDateFields({ day: '29', month: '2', year: '2027' }, { label: 'Date of birth' })).toMatchObject({
      code: 'not-real',
      fields: ['day', 'month', 'year'],
    });
  });

  it('is asked for a four-digit year', () => {
    expect(parseDateFields({ day: '7', month: '3', year: '84' }, options)).toMatchObject({
      code: 'year-not-four-digits',
      message: 'Year must include 4 numbers',
      fields: ['year'],
    });
  });

  it('is told a date of birth must be in the past, and today is not in the past', () => {
    expect(parseDateFields({ day: '22', month: '11', year: '2026' }, options)).toMatchObject({
      code: 'not-past',
      message: 'Date of birth must be in the past',
    });
    expect(parseDateFields({ day: '21', month: '11', year: '2026' }, options)).toMatchObject({ ok: true });
  });

  it('can be asked for a date today or in the future instead', () => {
    const rule = { label: 'Start date', relativeTo: { today: d('2026-11-22'), mustBe: 'today-or-future' as const } };
    expect(parseDateFields({ day: '22', month: '11', year: '2026' }, rule)).toMatchObject({ ok: true });
    expect(parseDateFields({ day: '21', month: '11', year: '2026' }, rule)).toMatchObject({
      message: 'Start date must be today or in the future',
    });
  });
});
