import { dateTimeFormats } from '../../../i18n/intl-cache.ts';
import { formatDate } from '../../../i18n/t.ts';

/** Dates and times as staff read them, in London time whatever the server's zone. */

/** "22 November 2026 at 14:05". */
const longWithTime = dateTimeFormats({ dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
export const dateTime = (date: Date) => longWithTime('en-GB').format(date);

/** "22 Nov 2026", for table cells. */
const medium = dateTimeFormats({ dateStyle: 'medium', timeZone: 'Europe/London' });
export const shortDate = (date: Date) => medium('en-GB').format(date);

/** "22 November 2026" for a stored YYYY-MM-DD day. */
export const calendarDay = (date: string) => formatDate(new Date(`${date}T00:00:00Z`));
