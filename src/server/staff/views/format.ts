import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { dateTimeFormats } from '../../../i18n/intl-cache.ts';
import { formatDate } from '../../../i18n/t.ts';

/**
 * Dates as staff (and the public figures page) read them. An instant is shown in London time
 * whatever the server's zone; a stored day has no time zone, so it is read and written in UTC,
 * where no clock change can move it to another day.
 */

const asDate = (date: CalendarDate) => new Date(`${date}T00:00:00Z`);

/** "22 November 2026 at 14:05". */
const longWithTime = dateTimeFormats({ dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
export const dateTime = (date: Date) => longWithTime('en-GB').format(date);

/** "22 Nov 2026", for table cells. */
const medium = dateTimeFormats({ dateStyle: 'medium', timeZone: 'Europe/London' });
export const tableDate = (date: Date) => medium('en-GB').format(date);

/** "22 November 2026" for a day; the data layer parses stored strings (dateColumn, personalDate). */
export const calendarDay = (date: CalendarDate) => formatDate(asDate(date));

/**
 * "22 Nov 2026" for a stored day in a table cell, as `tableDate` writes an instant: "22 November
 * 2026" wrapped to three lines in a phone's narrow column.
 */
const mediumDay = dateTimeFormats({ dateStyle: 'medium', timeZone: 'UTC' });
export const tableDay = (date: CalendarDate) => mediumDay('en-GB').format(asDate(date));

/** "16 Nov" under a chart's points, where space is short (the table has the full date). */
const dayAndMonth = dateTimeFormats({ day: 'numeric', month: 'short', timeZone: 'UTC' });
export const chartDay = (date: CalendarDate) => dayAndMonth('en-GB').format(asDate(date));

/** "November 2026", for the public page's months. */
const monthAndYear = dateTimeFormats({ month: 'long', year: 'numeric', timeZone: 'UTC' });
export const monthName = (date: CalendarDate) => monthAndYear('en-GB').format(asDate(date));
