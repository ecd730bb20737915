import { z } from 'zod';
import { addCalendarMonths, type CalendarDate, compareDates } from './calendar-date.ts';
import { addWorkingDays, nextWorkingDayOnOrAfter, workingDaysBetween } from './working-days.ts';

/**
 * The legal clocks on what people send us, worked out from the date it was received (in London:
 * see `todayInLondon`). Staff see these dates in the back office; a missed one is a breach of a
 * person's rights, so each rule below names its source.
 */

/**
 * When a complaint must be acknowledged by: 3 working days after the day it was received, the
 * day of receipt being day 0 (the 2009 complaints regulations, regulation 13; see working-days.ts).
 * `workingDays` is there for a local promise that is stricter than the law, never looser.
 */
export function complaintAcknowledgementDue(received: CalendarDate, workingDays = 3): CalendarDate {
  return addWorkingDays(received, workingDays);
}

/**
 * An extension of a rights request by one or two further months. UK GDPR Article 12(3) allows it
 * only where necessary, for complex or numerous requests, and the person must be told why within
 * the first month, so the type will not take an extension without a reason.
 */
export interface RightsRequestExtension {
  /** How many further months: at most two. */
  readonly months: 1 | 2;
  /** Why, in words that can be sent to the person. */
  readonly reason: string;
}

/** A zod shape for the back-office form that records an extension. */
export const rightsRequestExtensionSchema = () =>
  z.object({
    /** How many further months: 1 or 2. */
    months: z.union([z.literal(1), z.literal(2)], { error: 'Choose 1 or 2 further months' }),
    /** The reason, which the person must be told. */
    reason: z.string().trim().min(1, { error: 'Enter the reason for the extension' }),
  });

/**
 * When a UK GDPR rights request (access, rectification, erasure, objection…) must be answered by.
 *
 * The ICO's rule (https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/right-of-access/):
 * the time limit runs from the day the request is received, working day or not, "until the
 * corresponding calendar date in the next month" — received 3 September, answer by 3 October.
 * Where the next month has no such date, it is that month's last day: received 31 March, answer by
 * 30 April. If that day is a weekend or bank holiday, the deadline is the next working day.
 *
 * `received` is the day the clock starts: the day of the request, or the later day on which we
 * receive ID or clarification we asked for (the clock waits for those, as the ICO explains).
 *
 * With an extension, the further months are added to the end of the first month (before any move
 * to a working day), not counted again from receipt. The two readings differ only for requests
 * received on the 29th–31st, and this one gives the earlier date: received 31 January, the first
 * month ends 28 February and two more end 28 April, not 30 April. We prefer the reading that
 * cannot make us late.
 */
export function rightsRequestDue(received: CalendarDate, extension?: RightsRequestExtension): CalendarDate {
  const firstMonthEnds = addCalendarMonths(received, 1);
  if (extension === undefined) return nextWorkingDayOnOrAfter(firstMonthEnds);
  if (extension.reason.trim() === '') {
    throw new RangeError('A rights request can only be extended with a reason the person is told');
  }
  return nextWorkingDayOnOrAfter(addCalendarMonths(firstMonthEnds, extension.months));
}

/**
 * The last day a rights request may be extended. UK GDPR Art. 12(3)
 * (https://www.legislation.gov.uk/eur/2016/679/article/12): the period "may be extended by two
 * further months where necessary", and the person must be told of the extension, with the
 * reasons, "within one month of receipt of the request". So the extension is made, and the email
 * queued, by the end of the first month: its calendar end, not moved to a working day, so we are
 * never late telling them.
 */
export function rightsRequestExtendBy(received: CalendarDate): CalendarDate {
  return addCalendarMonths(received, 1);
}

/** Where an item stands against its deadline. */
export type ClockState = 'due' | 'due-today' | 'overdue';

/** A deadline described for a staff list: the state for styling and sorting, the count and the words. */
export interface ClockDescription {
  readonly state: ClockState;
  /** Working days left (when due) or gone past (when overdue); 0 when due today. */
  readonly workingDays: number;
  /** Default English text, e.g. "due in 2 working days", "due today", "overdue by 1 working day". */
  readonly text: string;
}

const workingDayWords = (count: number) => `${count} working ${count === 1 ? 'day' : 'days'}`;

/**
 * Describes a deadline as seen on `today`. Counts are in working days because that is how staff
 * plan; a date with only a weekend between it and today is still "due", never "due in 0 days".
 */
export function describeClock(due: CalendarDate, today: CalendarDate): ClockDescription {
  const order = compareDates(today, due);
  if (order === 0) return { state: 'due-today', workingDays: 0, text: 'due today' };
  if (order < 0) {
    const left = workingDaysBetween(today, due);
    // Only days off lie between (a deadline on a Sunday, seen on Saturday): it falls before the next working day.
    const text = left === 0 ? 'due before the next working day' : `due in ${workingDayWords(left)}`;
    return { state: 'due', workingDays: left, text };
  }
  const late = workingDaysBetween(due, today);
  // Seen at the weekend after a Friday deadline: late, though no working day has yet been lost.
  return { state: 'overdue', workingDays: late, text: late === 0 ? 'overdue' : `overdue by ${workingDayWords(late)}` };
}
