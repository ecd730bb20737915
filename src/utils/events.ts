import type { CollectionEntry } from 'astro:content';
import { t } from '../i18n/t.ts';
import type { EventData } from '../schemas/event.ts';
import { eventsByDate } from './collections.ts';
import { formatClock, formatDay, londonToUtc } from './london-time.ts';

/** "Thursday 3 December 2026, 6:30pm to 8pm". */
export function eventTime(event: Pick<EventData, 'start' | 'end'>): string {
  return t('site.events.time', {
    day: formatDay(event.start),
    start: formatClock(event.start),
    end: formatClock(event.end),
  });
}

/** "Ashby Central Library, Market Street, Ashby AW1 3LS". */
export function eventPlace(event: Pick<EventData, 'venue'>): string {
  return `${event.venue.name}, ${event.venue.address} ${event.venue.postcode}`;
}

/**
 * Events split at the moment of the build: a static site cannot know today's date, so the site
 * is rebuilt at least daily (and on every content change) to move finished events to "past".
 */
export async function eventsByTense(
  now = new Date(),
): Promise<{ upcoming: CollectionEntry<'events'>[]; past: CollectionEntry<'events'>[] }> {
  const events = await eventsByDate();
  const isPast = (e: CollectionEntry<'events'>) => londonToUtc(e.data.end).getTime() < now.getTime();
  return { upcoming: events.filter((e) => !isPast(e)), past: events.filter(isPast).reverse() };
}

export async function upcomingEvents(): Promise<CollectionEntry<'events'>[]> {
  return (await eventsByTense()).upcoming;
}
