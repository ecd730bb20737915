import { formatDate } from '../../../i18n/t.ts';

/** Dates and times as staff read them, in London time whatever the server's zone. */

/** "22 November 2026 at 14:05". */
export const dateTime = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(date);

/** "22 Nov 2026", for table cells. */
export const shortDate = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(date);

/** "22 November 2026" for a stored YYYY-MM-DD day. */
export const calendarDay = (date: string) => formatDate(new Date(`${date}T00:00:00Z`));
