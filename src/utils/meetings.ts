import { type CollectionEntry, getCollection } from 'astro:content';

/**
 * Meeting summaries newest first, as /governance/ lists them: residents look for the latest
 * decisions. Same-day meetings fall back to the title, so the order never depends on file order.
 */
export async function meetingsNewestFirst(): Promise<CollectionEntry<'meetings'>[]> {
  return (await getCollection('meetings')).sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || a.data.title.localeCompare(b.data.title, 'en-GB'),
  );
}
