import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { FeedbackType } from '../../../domain/feedback.ts';
import { dateTimeFormats } from '../../../i18n/intl-cache.ts';
import { formatDate, t } from '../../../i18n/t.ts';

const asDate = (date: CalendarDate) => new Date(`${date}T00:00:00Z`);

/** "16 November 2026". */
export const longDate = (date: CalendarDate) => formatDate(asDate(date));

/** "16 Nov" under a chart's points, where space is short (the table has the full date). */
const dayAndMonth = dateTimeFormats({ day: 'numeric', month: 'short', timeZone: 'UTC' });
export const shortDate = (date: CalendarDate) => dayAndMonth('en-GB').format(asDate(date));

/** "November 2026", for the public page's months. */
const monthAndYear = dateTimeFormats({ month: 'long', year: 'numeric', timeZone: 'UTC' });
export const monthName = (date: CalendarDate) => monthAndYear('en-GB').format(asDate(date));

/** Feedback types as counted groups ("Complaints"), on the staff reports and the public page alike. */
export const feedbackTypeGroup = (type: FeedbackType) => t(`transparency.type.${type}`);
