import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAY_YEARS,
  BANK_HOLIDAYS,
  BankHolidaysNotKnownError,
  bankHolidayOn,
  isBankHoliday,
} from '../../src/domain/bank-holidays.ts';
import { addDays, type CalendarDate, calendarDate, dayOfWeek, fromParts } from '../../src/domain/calendar-date.ts';

const d = calendarDate;

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return d(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const date = (year: number, month: number, day: number) => {
  const result = fromParts(year, month, day);
  if (result === undefined) throw new Error('bad test date');
  return result;
};
const firstMonday = (year: number, month: number) => {
  const first = date(year, month, 1);
  return addDays(first, (8 - dayOfWeek(first)) % 7);
};
const lastMonday = (year: number, month: number, lastDay: number) => {
  const last = date(year, month, lastDay);
  return addDays(last, -(dayOfWeek(last) - 1));
};

/** The regular holidays in a year, from the rules, with substitute days for those at a weekend. */
function regularHolidays(year: number) {
  const substitute = (notes: boolean) => (notes ? 'Substitute day' : '');
  const newYear = date(year, 1, 1);
  const newYearWeekday = dayOfWeek(newYear);
  const newYearTaken =
    newYearWeekday === 6 ? addDays(newYear, 2) : newYearWeekday === 7 ? addDays(newYear, 1) : newYear;
  const easter = easterSunday(year);
  // Christmas and Boxing Day each need a weekday of their own: a weekend one moves to the next free weekday.
  const christmasWeekday = dayOfWeek(date(year, 12, 25));
  const [christmas, boxing] =
    christmasWeekday === 5
      ? [25, 28]
      : christmasWeekday === 6
        ? [27, 28]
        : christmasWeekday === 7
          ? [27, 26]
          : [25, 26];
  return [
    { title: 'New Year’s Day', date: newYearTaken, notes: substitute(newYearTaken !== newYear) },
    { title: 'Good Friday', date: addDays(easter, -2), notes: '' },
    { title: 'Easter Monday', date: addDays(easter, 1), notes: '' },
    { title: 'Early May bank holiday', date: firstMonday(year, 5), notes: '' },
    { title: 'Spring bank holiday', date: lastMonday(year, 5, 31), notes: '' },
    { title: 'Summer bank holiday', date: lastMonday(year, 8, 31), notes: '' },
    { title: 'Christmas Day', date: date(year, 12, christmas), notes: substitute(christmas !== 25) },
    { title: 'Boxing Day', date: date(year, 12, boxing), notes: substitute(boxing !== 26) },
  ];
}

describe('the bank holiday data', () => {
  it('covers 2024 to 2030', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2024, last: 2030 });
  });

  it('matches the rules for every year, with no holiday missing or extra', () => {
    const fromRules = [];
    for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year += 1) {
      fromRules.push(...regularHolidays(year));
    }
    fromRules.sort((a, b) => (a.date < b.date ? -1 : 1));
    expect(BANK_HOLIDAYS.map(({ title, date, notes }) => ({ title, date, notes }))).toEqual(fromRules);
  });

  it('has Easter on the dates the calendar gives (Good Friday two days before)', () => {
    const easters = ['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2029-04-01', '2030-04-21'];
    expect(easters.map((easter) => easterSunday(Number(easter.slice(0, 4))))).toEqual(easters);
    for (const easter of easters) {
      expect(bankHolidayOn(addDays(d(easter), -2))?.title).toBe('Good Friday');
      expect(bankHolidayOn(addDays(d(easter), 1))?.title).toBe('Easter Monday');
    }
  });

  it('agrees with the dates GOV.UK published for 2024 and 2025', () => {
    const published = [
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ];
    expect(BANK_HOLIDAYS.filter((holiday) => holiday.date < '2026').map((holiday) => holiday.date)).toEqual(published);
  });

  it('never puts a bank holiday on a weekend', () => {
    expect(BANK_HOLIDAYS.filter((holiday) => dayOfWeek(holiday.date) >= 6)).toEqual([]);
  });

  it('has no bunting on Good Friday, as GOV.UK marks it', () => {
    expect(BANK_HOLIDAYS.filter((holiday) => !holiday.bunting).map((holiday) => holiday.title)).toEqual(
      Array(7).fill('Good Friday'),
    );
  });
});

describe('substitute days', () => {
  it('moves Boxing Day 2026 (a Saturday) to Monday 28 December', () => {
    expect(isBankHoliday(d('2026-12-26'))).toBe(false);
    expect(bankHolidayOn(d('2026-12-28'))).toMatchObject({ title: 'Boxing Day', notes: 'Substitute day' });
  });

  it('moves both Christmas 2027 holidays (Saturday and Sunday) to Monday 27 and Tuesday 28', () => {
    expect(bankHolidayOn(d('2027-12-27'))).toMatchObject({ title: 'Christmas Day', notes: 'Substitute day' });
    expect(bankHolidayOn(d('2027-12-28'))).toMatchObject({ title: 'Boxing Day', notes: 'Substitute day' });
  });

  it('moves New Year’s Day 2028 (a Saturday) to Monday 3 January', () => {
    expect(isBankHoliday(d('2028-01-01'))).toBe(false);
    expect(bankHolidayOn(d('2028-01-03'))).toMatchObject({ title: 'New Year’s Day', notes: 'Substitute day' });
  });
});

describe('dates the data does not cover', () => {
  it('throws rather than treat an unknown year as having no holidays', () => {
    expect(() => isBankHoliday(d('2031-01-01'))).toThrow(BankHolidaysNotKnownError);
    expect(() => isBankHoliday(d('2023-12-25'))).toThrow(/2023 are not in the data/);
  });

  it('says which date was asked about', () => {
    try {
      isBankHoliday(d('2031-05-05'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BankHolidaysNotKnownError);
      expect(error).toMatchObject({ name: 'BankHolidaysNotKnownError', date: '2031-05-05' });
    }
  });
});
