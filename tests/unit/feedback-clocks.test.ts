import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { feedbackClockStates, feedbackDueDates } from '../../src/domain/feedback-clocks.ts';

const d = calendarDate;
const targets = { complaintAcknowledgeWorkingDays: 3, questionWorkingDays: 10 };

describe('which clocks run for which kind of message', () => {
  it('a complaint must be acknowledged within 3 working days, with no invented deadline for the answer', () => {
    expect(feedbackDueDates({ type: 'complaint', replyWanted: true }, d('2026-11-27'), targets)).toEqual({
      acknowledgeBy: '2026-12-02',
      respondBy: null,
    });
  });

  it('a rights request is answered within one calendar month, received day counting as day one', () => {
    expect(feedbackDueDates({ type: 'rights-request', replyWanted: true }, d('2026-09-01'), targets)).toEqual({
      acknowledgeBy: null,
      respondBy: '2026-10-01',
    });
  });

  it('a rights request extended by two months with a reason runs from the end of the first month', () => {
    const extension = { months: 2, reason: 'Records held by five organisations' } as const;
    expect(
      feedbackDueDates({ type: 'rights-request', replyWanted: true }, d('2026-09-01'), targets, extension),
    ).toEqual({ acknowledgeBy: null, respondBy: '2026-12-01' });
  });

  it('an anonymous concern still gets a 10-working-day clock, because it may need action', () => {
    expect(feedbackDueDates({ type: 'concern', replyWanted: false }, d('2026-11-02'), targets).respondBy).toBe(
      '2026-11-16',
    );
  });

  it('a compliment with no reply asked for has no clock; with a reply asked for it has the question clock', () => {
    expect(feedbackDueDates({ type: 'compliment', replyWanted: false }, d('2026-11-02'), targets)).toEqual({
      acknowledgeBy: null,
      respondBy: null,
    });
    expect(feedbackDueDates({ type: 'suggestion', replyWanted: true }, d('2026-11-02'), targets).respondBy).toBe(
      '2026-11-16',
    );
  });
});

describe('an offer to join the lay partner group', () => {
  it('is answered within the question clock, 10 working days, like a message that wants a reply', () => {
    expect(feedbackDueDates({ type: 'lay-partner', replyWanted: true }, d('2026-11-02'), targets)).toEqual({
      acknowledgeBy: null,
      respondBy: '2026-11-16',
    });
  });
});

describe('feedback clocks across Christmas and New Year', () => {
  it('a complaint on Christmas Eve 2026 (Thursday) is acknowledged by 31 December: 25, 26 (Sat), 28 (substitute) are days off', () => {
    // 25 Dec Fri, 26 Sat, 27 Sun, 28 Mon (Boxing Day substitute): working days 29, 30, 31.
    expect(feedbackDueDates({ type: 'complaint', replyWanted: true }, d('2026-12-24'), targets).acknowledgeBy).toBe(
      '2026-12-31',
    );
  });

  it('a complaint on 23 December 2027 (Thursday) waits for the substitute days on 27 and 28 December', () => {
    // 24 Fri is a working day; 25–26 weekend; 27 and 28 are substitute holidays; then 29, 30.
    expect(feedbackDueDates({ type: 'complaint', replyWanted: true }, d('2027-12-23'), targets).acknowledgeBy).toBe(
      '2027-12-30',
    );
  });

  it('a question sent on Christmas Day is answered within 10 working days, skipping both holidays and New Year', () => {
    // From Fri 25 Dec 2026: 29, 30, 31 Dec, 4–8 Jan (1 Jan holiday), 11, 12 Jan.
    expect(feedbackDueDates({ type: 'question', replyWanted: true }, d('2026-12-25'), targets).respondBy).toBe(
      '2027-01-12',
    );
  });

  it('a rights request received on Christmas Eve is due on 25 January, the corresponding date', () => {
    expect(feedbackDueDates({ type: 'rights-request', replyWanted: true }, d('2026-12-24'), targets).respondBy).toBe(
      '2027-01-25',
    );
  });

  it('a rights request received on 25 November is due on the next working day after Christmas and Boxing Day', () => {
    // 25 Dec 2026 is a Friday (holiday), then the weekend, then Monday 28 (Boxing Day substitute).
    expect(feedbackDueDates({ type: 'rights-request', replyWanted: true }, d('2026-11-25'), targets).respondBy).toBe(
      '2026-12-29',
    );
  });
});

describe('feedback clocks across Easter', () => {
  it('a complaint on Maundy Thursday 2027 (25 March) is acknowledged by Thursday 1 April', () => {
    // Good Friday 26 March and Easter Monday 29 March are not working days: 30, 31 March, 1 April.
    expect(feedbackDueDates({ type: 'complaint', replyWanted: true }, d('2027-03-25'), targets).acknowledgeBy).toBe(
      '2027-04-01',
    );
  });

  it('a rights request received on 3 March 2026 is due on 7 April: 3 April is Good Friday, 6 April Easter Monday', () => {
    expect(feedbackDueDates({ type: 'rights-request', replyWanted: true }, d('2026-03-03'), targets).respondBy).toBe(
      '2026-04-07',
    );
  });

  it('a concern on the Thursday before Easter 2028 (13 April) skips Good Friday and Easter Monday', () => {
    // 14 Good Friday, 17 Easter Monday; 10 working days: 18,19,20,21,24,25,26,27,28 April, 2 May (1 May is the early May holiday).
    expect(feedbackDueDates({ type: 'concern', replyWanted: false }, d('2028-04-13'), targets).respondBy).toBe(
      '2028-05-02',
    );
  });
});

describe('feedback clocks at month ends', () => {
  it('a rights request received on 31 January 2027 is due on 1 March, as 28 February is a Sunday', () => {
    expect(feedbackDueDates({ type: 'rights-request', replyWanted: true }, d('2027-01-31'), targets).respondBy).toBe(
      '2027-03-01',
    );
  });

  it('a complaint on the last Friday of August 2026 skips the summer bank holiday', () => {
    // Fri 28 Aug; Mon 31 Aug is the summer bank holiday: 1, 2, 3 September.
    expect(feedbackDueDates({ type: 'complaint', replyWanted: true }, d('2026-08-28'), targets).acknowledgeBy).toBe(
      '2026-09-03',
    );
  });
});

describe('what staff see: due, due today, overdue, and clocks that have stopped', () => {
  const complaint = { acknowledgeBy: d('2026-12-02'), respondBy: null };

  it('a new complaint is due, then due today, then overdue', () => {
    expect(feedbackClockStates({ status: 'new', ...complaint }, d('2026-11-30')).acknowledge).toMatchObject({
      state: 'due',
      workingDays: 2,
      text: 'due in 2 working days',
    });
    expect(feedbackClockStates({ status: 'new', ...complaint }, d('2026-12-02')).acknowledge?.state).toBe('due-today');
    expect(feedbackClockStates({ status: 'new', ...complaint }, d('2026-12-04')).acknowledge).toMatchObject({
      state: 'overdue',
      text: 'overdue by 2 working days',
    });
  });

  it('the acknowledgement clock stops once the complaint is acknowledged', () => {
    expect(feedbackClockStates({ status: 'acknowledged', ...complaint }, d('2026-12-10'))).toEqual({
      acknowledge: null,
      respond: null,
      worst: null,
    });
  });

  it('the answer clock runs until answered, and the worst clock is the most urgent', () => {
    const item = { acknowledgeBy: d('2026-12-02'), respondBy: d('2026-12-20') };
    const states = feedbackClockStates({ status: 'new', ...item }, d('2026-12-03'));
    expect(states.worst?.state).toBe('overdue');
    expect(feedbackClockStates({ status: 'in-progress', ...item }, d('2026-12-03')).worst?.state).toBe('due');
    expect(feedbackClockStates({ status: 'answered', ...item }, d('2026-12-30')).respond).toBeNull();
  });
});
