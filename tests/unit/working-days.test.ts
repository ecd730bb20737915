import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from '../../src/domain/working-days.ts';

const d = calendarDate;

describe('working days', () => {
  it('are weekdays that are not bank holidays', () => {
    expect(isWorkingDay(d('2026-12-29'))).toBe(true); // Tuesday
    expect(isWorkingDay(d('2026-12-26'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2026-12-27'))).toBe(false); // Sunday
    expect(isWorkingDay(d('2026-12-28'))).toBe(false); // Monday, substitute for Boxing Day
    expect(isWorkingDay(d('2027-03-26'))).toBe(false); // Good Friday
  });
});

describe('counting working days forward from the day something arrives (day 0)', () => {
  it('makes a complaint sent on a Friday evening due the next Wednesday', () => {
    expect(addWorkingDays(d('2026-11-27'), 3)).toBe('2026-12-02');
  });

  it('makes a complaint sent on a Saturday due the same Wednesday: the weekend is not counted', () => {
    expect(addWorkingDays(d('2026-11-28'), 3)).toBe('2026-12-02');
  });

  it('skips Christmas 2026: received Wednesday 23 December, due Wednesday 30 December', () => {
    expect(addWorkingDays(d('2026-12-23'), 3)).toBe('2026-12-30');
  });

  it('skips both substitute days at Christmas 2027', () => {
    expect(addWorkingDays(d('2027-12-24'), 3)).toBe('2027-12-31');
  });

  it('crosses the year end and the New Year substitute day in 2028', () => {
    expect(addWorkingDays(d('2027-12-30'), 3)).toBe('2028-01-05');
  });

  it('skips Good Friday and Easter Monday 2027', () => {
    expect(addWorkingDays(d('2027-03-25'), 3)).toBe('2027-04-01');
  });

  it('crosses a month end and the early May bank holiday', () => {
    expect(addWorkingDays(d('2026-04-29'), 3)).toBe('2026-05-05');
  });

  it('returns the same day for 0 working days, even at a weekend', () => {
    expect(addWorkingDays(d('2026-11-28'), 0)).toBe('2026-11-28');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => addWorkingDays(d('2026-11-27'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(d('2026-11-27'), 1.5)).toThrow(RangeError);
  });
});

describe('the next working day', () => {
  it('is the day itself when that is a working day', () => {
    expect(nextWorkingDayOnOrAfter(d('2026-12-24'))).toBe('2026-12-24');
  });

  it('jumps a bank holiday weekend', () => {
    expect(nextWorkingDayOnOrAfter(d('2026-12-25'))).toBe('2026-12-29');
  });
});

describe('working days between two dates', () => {
  it('counts the days after the first up to and including the second', () => {
    expect(workingDaysBetween(d('2026-12-23'), d('2026-12-30'))).toBe(3);
    expect(workingDaysBetween(d('2026-11-27'), d('2026-11-30'))).toBe(1); // Friday to Monday
  });

  it('undoes addWorkingDays', () => {
    for (const [from, count] of [
      ['2027-03-25', 3],
      ['2027-12-30', 5],
      ['2026-01-02', 20],
    ] as const) {
      expect(workingDaysBetween(d(from), addWorkingDays(d(from), count))).toBe(count);
    }
  });

  it('is negative when the second date is earlier', () => {
    expect(workingDaysBetween(d('2026-12-30'), d('2026-12-23'))).toBe(-3);
  });

  it('is 0 for the same day, or with only days off between', () => {
    expect(workingDaysBetween(d('2026-12-24'), d('2026-12-24'))).toBe(0);
    expect(workingDaysBetween(d('2026-12-24'), d('2026-12-28'))).toBe(0);
  });
});
