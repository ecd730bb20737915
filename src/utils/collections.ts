import { type CollectionEntry, getCollection } from 'astro:content';
import { faqGroups } from '../schemas/faq.ts';

/**
 * Each collection in the order residents see it, so that every page and the search index agree.
 * Ties fall back to the title, so the order never depends on file-system order.
 */

const byText = (a: string, b: string) => a.localeCompare(b, 'en-GB');

/** Myths by their `order` (the home page shows the first few). */
export async function mythsInOrder(): Promise<CollectionEntry<'myths'>[]> {
  return (await getCollection('myths')).sort((a, b) => a.data.order - b.data.order || byText(a.data.myth, b.data.myth));
}

/** FAQs grouped as /faqs/ shows them, groups in the schema's order, empty groups left out. */
export async function faqsByGroup(): Promise<{ group: (typeof faqGroups)[number]; faqs: CollectionEntry<'faqs'>[] }[]> {
  const faqs = await getCollection('faqs');
  return faqGroups
    .map((group) => ({
      group,
      faqs: faqs
        .filter((f) => f.data.group === group)
        .sort((a, b) => a.data.order - b.data.order || byText(a.data.question, b.data.question)),
    }))
    .filter(({ faqs: inGroup }) => inGroup.length > 0);
}

/** Updates, newest first. */
export async function updatesNewestFirst(): Promise<CollectionEntry<'updates'>[]> {
  return (await getCollection('updates')).sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || byText(a.data.title, b.data.title),
  );
}

/** Events, soonest first. Wall-clock strings sort as times because they share one format. */
export async function eventsByDate(): Promise<CollectionEntry<'events'>[]> {
  return (await getCollection('events')).sort((a, b) => byText(a.data.start, b.data.start));
}

/** Organisations A to Z. */
export async function organisationsByName(): Promise<CollectionEntry<'organisations'>[]> {
  return (await getCollection('organisations')).sort((a, b) => byText(a.data.name, b.data.name));
}

/** Stories A to Z. */
export async function storiesByTitle(): Promise<CollectionEntry<'stories'>[]> {
  return (await getCollection('stories')).sort((a, b) => byText(a.data.title, b.data.title));
}

/** Explanation pages in menu order. The home page's text lives in pages/home.md but is not a page of its own. */
export async function explanationPages(): Promise<CollectionEntry<'pages'>[]> {
  return (await getCollection('pages', (p) => p.id !== HOME_PAGE_ID)).sort(
    (a, b) => a.data.order - b.data.order || byText(a.data.title, b.data.title),
  );
}

/** The entry in content/pages whose words open the home page. */
export const HOME_PAGE_ID = 'home';
