import type { APIRoute } from 'astro';
import { stringify } from 'csv-stringify/sync';
import { organisationsByName } from '../utils/collections.ts';
import { csvColumns, organisationRecord } from '../utils/open-data.ts';

/** Open data as CSV, for people who use spreadsheets. Same fields and order as the JSON. */
export const GET: APIRoute = async () => {
  const rows = (await organisationsByName()).map(organisationRecord);
  const csv = stringify(rows, {
    header: true,
    columns: [...csvColumns],
    record_delimiter: 'windows',
    // Spelt out: csv-stringify writes true as "1" and false as an empty cell by default.
    cast: { boolean: (value) => String(value) },
  });
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
