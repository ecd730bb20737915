import { type CollectionEntry, getCollection } from 'astro:content';

/** Responses newest first: the latest change is what people coming back look for. */
export async function responsesNewestFirst(): Promise<CollectionEntry<'responses'>[]> {
  return (await getCollection('responses')).sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id),
  );
}
