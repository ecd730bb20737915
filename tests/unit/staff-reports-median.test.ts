import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { bucketStarts } from '../../src/server/staff/reports/buckets.ts';
import { medianWorkingDays } from '../../src/server/staff/reports/median.ts';
import { defaultRange, parseRange } from '../../src/server/staff/reports/range.ts';

const pair = (from: string, to: string, count = 1) => ({ from: calendarDate(from), to: calendarDate(to), count });

describe('report arithmetic', () => {
  it('counts working days like the clocks: a Friday item acknowledged on Monday took 1 working day', () => {
    expect(medianWorkingDays([pair('2026-11-06', '2026-11-09')])).toEqual({ median: 1, items: 1 });
  });

  it('takes the median across grouped days, halfway between the middle two when the count is even', () => {
    // 2 working days (×3) and 5 working days (×3): the middle two are 2 and 5.
    expect(medianWorkingDays([pair('2026-11-02', '2026-11-04', 3), pair('2026-11-02', '2026-11-09', 3)])).toEqual({
      median: 3.5,
      items: 6,
    });
    expect(medianWorkingDays([])).toEqual({ median: null, items: 0 });
  });

  it('skips bank holidays: received Christmas Eve 2026, answered 29 December is 1 working day', () => {
    expect(medianWorkingDays([pair('2026-12-24', '2026-12-29')]).median).toBe(1);
  });

  it('lists every week a range touches, Monday first, so empty weeks show as 0', () => {
    expect(bucketStarts({ from: calendarDate('2026-11-04'), to: calendarDate('2026-11-16') }, 'week')).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(bucketStarts({ from: calendarDate('2026-11-20'), to: calendarDate('2027-01-02') }, 'month')).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
  });

  it('uses the last 12 weeks when no dates are given, and refuses a range over 2 years', () => {
    const today = calendarDate('2026-11-20');
    expect(defaultRange(today)).toEqual({ from: '2026-08-31', to: '2026-11-20' });
    const result = parseRange(
      new URLSearchParams({ fromDay: '1', fromMonth: '1', fromYear: '2020', toDay: '1', toMonth: '1', toYear: '2026' }),
      today,
    );
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'from', message: 'Start date must be no more than 2 years before the end date' },
    ]);
  });
});
