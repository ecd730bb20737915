import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import {
  complaintAcknowledgementDue,
  describeClock,
  rightsRequestDue,
  rightsRequestExtensionSchema,
} from '../../src/domain/clocks.ts';

const d = calendarDate;

describe('acknowledging a complaint', () => {
  it('is due 3 working days after the day it arrives: Friday evening → Wednesday', () => {
    expect(complaintAcknowledgementDue(d('2026-11-27'))).toBe('2026-12-02');
  });

  it('is due 30 December for a complaint sent on 23 December 2026, over Christmas', () => {
    expect(complaintAcknowledgementDue(d('2026-12-23'))).toBe('2026-12-30');
  });

  it('can be held to a stricter local promise', () => {
    expect(complaintAcknowledgementDue(d('2026-11-27'), 2)).toBe('2026-12-01');
  });
});

describe('answering a rights request (one calendar month, the ICO way)', () => {
  it('is due on the same date next month', () => {
    expect(rightsRequestDue(d('2026-09-01'))).toBe('2026-10-01');
  });

  it('moves to Monday when that date is a Saturday: received 3 September 2026, due 5 October', () => {
    expect(rightsRequestDue(d('2026-09-03'))).toBe('2026-10-05');
  });

  it('is due on the last day of a shorter month: received 31 March, due 30 April', () => {
    expect(rightsRequestDue(d('2026-03-31'))).toBe('2026-04-30');
  });

  it('is due 29 February in a leap year, and on the next working day when 28 February is a Sunday', () => {
    expect(rightsRequestDue(d('2028-01-31'))).toBe('2028-02-29');
    expect(rightsRequestDue(d('2027-01-31'))).toBe('2027-03-01');
  });

  it('starts counting on the day of receipt even at a weekend, and skips a bank holiday at the end', () => {
    // Received Saturday 28 November 2026; 28 December is the substitute Boxing Day.
    expect(rightsRequestDue(d('2026-11-28'))).toBe('2026-12-29');
  });

  it('skips both Christmas substitute days in 2027', () => {
    expect(rightsRequestDue(d('2027-11-27'))).toBe('2027-12-29');
  });
});

describe('extending a rights request', () => {
  const reason = 'You asked for records from six organisations, which takes longer to gather safely.';

  it('adds the further months to the end of the first month', () => {
    expect(rightsRequestDue(d('2026-09-01'), { months: 2, reason })).toBe('2026-12-01');
    expect(rightsRequestDue(d('2026-09-01'), { months: 1, reason })).toBe('2026-11-02'); // 1 November is a Sunday
  });

  it('takes the earlier reading for requests received at the end of a month: 31 January + 3 months is 28 April', () => {
    expect(rightsRequestDue(d('2027-01-31'), { months: 2, reason })).toBe('2027-04-28');
  });

  it('is refused without a reason', () => {
    expect(() => rightsRequestDue(d('2026-09-01'), { months: 2, reason: '   ' })).toThrow(/with a reason/);
  });

  it('is recorded through a form that needs 1 or 2 months and a reason', () => {
    const schema = rightsRequestExtensionSchema();
    expect(schema.parse({ months: 2, reason: ` ${reason} ` })).toEqual({ months: 2, reason });
    const messages = schema.safeParse({ months: 3, reason: ' ' }).error?.issues.map((issue) => issue.message);
    expect(messages).toEqual(['Choose 1 or 2 further months', 'Enter the reason for the extension']);
  });
});

describe('describing a deadline to staff', () => {
  const due = d('2026-12-02'); // Wednesday

  it('counts working days left, with the right plural', () => {
    expect(describeClock(due, d('2026-11-30'))).toEqual({
      state: 'due',
      workingDays: 2,
      text: 'due in 2 working days',
    });
    expect(describeClock(due, d('2026-12-01'))).toEqual({ state: 'due', workingDays: 1, text: 'due in 1 working day' });
  });

  it('says due today on the day', () => {
    expect(describeClock(due, due)).toEqual({ state: 'due-today', workingDays: 0, text: 'due today' });
  });

  it('counts working days overdue, not calendar days', () => {
    expect(describeClock(due, d('2026-12-03'))).toEqual({
      state: 'overdue',
      workingDays: 1,
      text: 'overdue by 1 working day',
    });
    expect(describeClock(due, d('2026-12-07'))).toMatchObject({ workingDays: 3, text: 'overdue by 3 working days' });
  });

  it('counts across Christmas without the bank holidays', () => {
    expect(describeClock(d('2026-12-30'), d('2026-12-23'))).toMatchObject({ workingDays: 3 });
  });

  it('says overdue, without a count, at the weekend after a Friday deadline', () => {
    expect(describeClock(d('2026-12-04'), d('2026-12-05'))).toEqual({
      state: 'overdue',
      workingDays: 0,
      text: 'overdue',
    });
  });

  it('does not say "due in 0 working days" when only days off are left', () => {
    expect(describeClock(d('2026-12-06'), d('2026-12-05'))).toEqual({
      state: 'due',
      workingDays: 0,
      text: 'due before the next working day',
    });
  });
});
