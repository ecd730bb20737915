import type { Paper, ToolkitItem, ToolkitVersion } from './items.ts';

/**
 * The paper a version prints on. Large print and Easy Read are A4 whatever the standard item is:
 * 18pt words or a picture beside each point do not fit an A5 leaflet, and both are usually
 * handed out on A4.
 */
export const paperFor = (item: ToolkitItem, version: ToolkitVersion): Paper =>
  version === 'standard' ? item.paper : 'A4';

const MADE_ON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** "Made from the website's content on 6 December 2026 at 8:40 pm." The build's time, in UK time. */
export function madeOn(at: Date): string {
  const parts = Object.fromEntries(MADE_ON.formatToParts(at).map((part) => [part.type, part.value]));
  return `Made from the website's content on ${parts['day']} ${parts['month']} ${parts['year']} at ${parts['hour']}:${parts['minute']} ${parts['dayPeriod']}.`;
}
