import type { CollectionEntry } from 'astro:content';
import { type OrganisationData, organisationTypes } from '../schemas/organisation.ts';
import { organisationsByName } from './collections.ts';

export type OrganisationType = OrganisationData['type'];

/** The organisations, with a count per type that has any, types in the schema's order. */
export async function organisationsWithCounts(): Promise<{
  organisations: CollectionEntry<'organisations'>[];
  counts: { type: OrganisationType; count: number }[];
}> {
  const organisations = await organisationsByName();
  const counts = organisationTypes
    .map((type) => ({ type, count: organisations.filter((o) => o.data.type === type).length }))
    .filter(({ count }) => count > 0);
  return { organisations, counts };
}
