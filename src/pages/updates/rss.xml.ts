import type { APIRoute } from 'astro';
import { t } from '../../i18n/t.ts';
import { updatesNewestFirst } from '../../utils/collections.ts';
import { renderRss } from '../../utils/rss.ts';
import { getSettings } from '../../utils/settings.ts';

/** The updates as RSS 2.0, so people can follow changes (especially "Newly shared") without visiting. */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('astro.config.mjs must set `site`: the feed needs absolute links');
  const settings = await getSettings();
  const absolute = (path: string) => new URL(path, site).href;
  const updates = await updatesNewestFirst();
  const xml = renderRss({
    title: t('site.updates.rssTitle', { scheme: settings.schemeName }),
    link: absolute('/updates/'),
    description: t('site.updates.rssDescription', { scheme: settings.schemeName }),
    feedUrl: absolute('/updates/rss.xml'),
    items: updates.map((u) => ({
      title: u.data.title,
      link: absolute(`/updates/${u.id}/`),
      description: u.data.summary,
      pubDate: u.data.date,
      categories: u.data.tags.map((tag) => t(`site.updateTag.${tag}`)),
    })),
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
