import { getCollection } from 'astro:content';

/** Every consultation, the newest opening first. */
export async function consultationsNewestFirst() {
  const all = await getCollection('consultations');
  return all.sort((a, b) => b.data.opens.getTime() - a.data.opens.getTime());
}
