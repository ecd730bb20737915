/** A small RSS 2.0 writer: @astrojs/rss is not installed, and the feed needs only a few elements. */

export interface RssItem {
  title: string;
  /** Absolute address of the item's page; also its guid. */
  link: string;
  description: string;
  pubDate: Date;
  categories: string[];
}

export interface RssChannel {
  title: string;
  /** Absolute address of the site's page that lists the items. */
  link: string;
  description: string;
  /** Absolute address of the feed itself, so readers can find it again (atom:link rel="self"). */
  feedUrl: string;
  items: RssItem[];
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML; a stray "&" in a headline would otherwise make the whole feed unreadable. */
export function escapeXml(text: string): string {
  // XML 1.0 forbids most control characters even when escaped, so drop them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the characters XML forbids
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

export function renderRss(channel: RssChannel): string {
  const items = channel.items.map((item) =>
    [
      '<item>',
      element('title', item.title),
      element('link', item.link),
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      element('description', item.description),
      element('pubDate', item.pubDate.toUTCString()),
      ...item.categories.map((category) => element('category', category)),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    '<language>en-gb</language>',
    `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
