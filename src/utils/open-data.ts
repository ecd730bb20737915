import type { CollectionEntry } from 'astro:content';
import { isoDay } from './text.ts';

/**
 * One participating organisation as published in /organisations.json and /organisations.csv.
 * Field names are stable: people build on open data, so add fields rather than rename them.
 */
export interface OrganisationRecord {
  name: string;
  type: string;
  odsCode: string | null;
  town: string;
  /** The date it started sharing records, YYYY-MM-DD. */
  joined: string;
  website: string | null;
  /** True while the organisation is made up (example content): people building on the data must know. */
  example: boolean;
}

export function organisationRecord(entry: CollectionEntry<'organisations'>): OrganisationRecord {
  const { name, type, odsCode, town, joined, website, example } = entry.data;
  return { name, type, odsCode: odsCode ?? null, town, joined: isoDay(joined), website: website ?? null, example };
}

/** The CSV header row, in the same order as the JSON fields. */
export const csvColumns = [
  { key: 'name', header: 'name' },
  { key: 'type', header: 'type' },
  { key: 'odsCode', header: 'ods_code' },
  { key: 'town', header: 'town' },
  { key: 'joined', header: 'joined' },
  { key: 'website', header: 'website' },
  { key: 'example', header: 'example' },
] as const;
