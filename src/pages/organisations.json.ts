import type { APIRoute } from 'astro';
import { organisationsByName } from '../utils/collections.ts';
import { organisationRecord } from '../utils/open-data.ts';

/** Open data: every participating organisation with the date it joined. */
export const GET: APIRoute = async () => {
  const organisations = (await organisationsByName()).map(organisationRecord);
  return new Response(`${JSON.stringify({ count: organisations.length, organisations }, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
