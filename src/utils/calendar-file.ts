import { createEvent, type DateArray } from 'ics';
import { londonToUtc } from './london-time.ts';

/** What a calendar file needs to know about one public meeting. */
export interface CalendarEvent {
  /** The event's slug; with the site's host it makes a stable UID, so re-downloads update, not duplicate. */
  slug: string;
  title: string;
  description: string;
  /** UK wall-clock start and end, like 2026-12-03T18:30. */
  start: string;
  end: string;
  location: string;
  /** The event's page on this site. */
  url: string;
}

/** Calendar apps read UTC without ambiguity; a floating local time would shift for people abroad. */
function utcParts(value: string): DateArray {
  const d = londonToUtc(value);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/** An iCalendar (.ics) file for one event, made with the `ics` package. */
export function calendarFile(event: CalendarEvent): string {
  const { error, value } = createEvent({
    uid: `${event.slug}@${new URL(event.url).host}`,
    productId: 'clearshare/events',
    title: event.title,
    description: event.description,
    location: event.location,
    url: event.url,
    start: utcParts(event.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(event.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
  });
  if (error || !value) throw new Error(`Could not make the calendar file for event "${event.slug}"`, { cause: error });
  return value;
}
