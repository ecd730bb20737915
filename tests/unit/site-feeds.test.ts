import { describe, expect, it } from 'vitest';
import { calendarFile } from '../../src/utils/calendar-file.ts';
import { formatClock, formatDay, londonToUtc } from '../../src/utils/london-time.ts';
import { escapeXml, renderRss } from '../../src/utils/rss.ts';
import { snippet } from '../../src/utils/text.ts';

describe('London wall-clock times', () => {
  it('reads winter times as GMT and summer times as BST', () => {
    expect(londonToUtc('2026-12-03T18:30').toISOString()).toBe('2026-12-03T18:30:00.000Z');
    expect(londonToUtc('2027-06-10T18:30').toISOString()).toBe('2027-06-10T17:30:00.000Z');
  });

  it('is right on the day the clocks go forward (29 March 2026, 1am GMT becomes 2am BST)', () => {
    expect(londonToUtc('2026-03-29T09:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(londonToUtc('2026-03-29T00:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
  });

  it('writes times and days the GOV.UK way', () => {
    expect(formatClock('2026-12-03T18:30')).toBe('6:30pm');
    expect(formatClock('2026-12-03T20:00')).toBe('8pm');
    expect(formatClock('2026-12-03T12:00')).toBe('midday');
    expect(formatDay('2026-12-03T18:30')).toBe('Thursday 3 December 2026');
  });
});

describe('calendar files', () => {
  it('makes a VCALENDAR with the start in UTC and a stable UID', () => {
    const ics = calendarFile({
      slug: 'summer-meeting',
      title: 'Summer meeting',
      description: 'A meeting, with a comma',
      start: '2027-06-10T18:30',
      end: '2027-06-10T20:00',
      location: 'Town Hall, Kelham',
      url: 'https://example.org/events/summer-meeting/',
    });
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics).toContain('DTSTART:20270610T173000Z');
    expect(ics).toContain('DTEND:20270610T190000Z');
    expect(ics).toContain('UID:summer-meeting@example.org');
  });
});

describe('RSS', () => {
  it('escapes the characters XML reserves, and drops those it forbids', () => {
    expect(escapeXml(`A&E <now> "open" 'late'\u0001`)).toBe('A&amp;E &lt;now&gt; &quot;open&quot; &apos;late&apos;');
  });

  it('writes one item per update with a link, guid and RFC 822 date', () => {
    const xml = renderRss({
      title: 'Updates',
      link: 'https://example.org/updates/',
      description: 'News',
      feedUrl: 'https://example.org/updates/rss.xml',
      items: [
        {
          title: 'Care & support',
          link: 'https://example.org/updates/a/',
          description: 'x',
          pubDate: new Date('2026-03-09T00:00:00Z'),
          categories: ['Newly shared'],
        },
      ],
    });
    expect(xml).toContain('<title>Care &amp; support</title>');
    expect(xml).toContain('<guid isPermaLink="true">https://example.org/updates/a/</guid>');
    expect(xml).toContain('<pubDate>Mon, 09 Mar 2026 00:00:00 GMT</pubDate>');
    expect(xml).toContain('<category>Newly shared</category>');
  });
});

describe('snippets', () => {
  it('cuts long text at a word boundary with an ellipsis', () => {
    const text = 'word '.repeat(100);
    const cut = snippet(text, 40);
    expect(cut.length).toBeLessThanOrEqual(41);
    expect(cut.endsWith('word…')).toBe(true);
  });
});
