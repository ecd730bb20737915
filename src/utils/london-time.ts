import { dateTimeFormats } from '../i18n/intl-cache.ts';

/**
 * Event times are written as UK wall-clock times ("2026-12-03T18:30"), the way the comms team
 * and residents think of them. These helpers turn them into real instants (for calendar files)
 * and into words, whatever time zone the build machine is in.
 */

/** A wall-clock time's parts, month 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function parseWallClock(value: string): WallClock {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a time like 2026-12-03T18:30`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return { year, month, day, hour, minute };
}

const londonClock = dateTimeFormats({
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** Minutes London is ahead of UTC at this instant: 0 in winter, 60 in British Summer Time. */
function londonOffsetMinutes(instant: number): number {
  const parts = londonClock('en-GB').formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The UTC instant of a London wall-clock time, correct either side of the clock changes. */
export function londonToUtc(value: string): Date {
  const t = parseWallClock(value);
  const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const first = naive - londonOffsetMinutes(naive) * 60_000;
  return new Date(naive - londonOffsetMinutes(first) * 60_000);
}

/** "6:30pm" or "8pm", the GOV.UK style for times. */
export function formatClock(value: string): string {
  const { hour, minute } = parseWallClock(value);
  const suffix = hour < 12 ? 'am' : 'pm';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  if (hour === 12 && minute === 0) return 'midday';
  return minute === 0 ? `${h12}${suffix}` : `${h12}:${String(minute).padStart(2, '0')}${suffix}`;
}

const dayInFull = dateTimeFormats({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Thursday 3 December 2026". The date is a calendar day, so it is formatted in UTC. */
export function formatDay(value: string): string {
  const { year, month, day } = parseWallClock(value);
  return dayInFull('en-GB')
    .format(new Date(Date.UTC(year, month - 1, day)))
    .replace(',', '');
}
