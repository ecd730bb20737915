import { stringify } from 'csv-stringify/sync';

/**
 * The CSV GP practices load into their clinical systems: one row per person whose objection was
 * applied, or whose objection was removed after a withdrawal, with the SNOMED CT code to record
 * (consent subset 43961000000137).
 *
 * What goes in each file is decided by batch (export-batches.ts), never by dates: a change
 * recorded on Monday for an objection applied last week still goes out in the next batch.
 */
export const SNOMED = {
  objection: { code: '416409005', term: 'Refused consent for upload to local shared electronic record' },
  withdrawal: { code: '417528008', term: 'Consent given for upload to local shared electronic record' },
} as const;

export interface ExportRow {
  reference: string;
  change: keyof typeof SNOMED;
  nhsNumber: string;
  name: string;
  dateOfBirth: string;
  /** Only when the NHS number is unknown: then the practice matches on name, date of birth and address. */
  address: string;
  postcode: string;
  effectiveDate: string;
}

/**
 * A cell that a spreadsheet would run as a formula (OWASP "CSV injection": = + - @, tab, carriage
 * return) gets a leading apostrophe, so it is shown as text. Names and addresses are typed by the
 * public, so they are never trusted.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const HEADER = [
  'Reference',
  'NHS number',
  'Name',
  'Date of birth',
  'Address (only when no NHS number)',
  'Postcode (only when no NHS number)',
  'SNOMED CT code',
  'SNOMED CT term',
  'Change',
  'Effective date',
];

/** CSV lines, every cell quoted (csv-stringify), each ending CRLF, so pieces join into one file. */
function csvLines(records: readonly (readonly string[])[]): string {
  return stringify(
    records.map((record) => record.map(neutraliseFormula)),
    { quoted: true, quoted_empty: true, record_delimiter: 'windows' },
  );
}

/** The heading line, the first piece of every file. */
export const csvHeaderLine = (): string => csvLines([HEADER]);

/** The lines of some people's rows, in the given order: a streamed file is the heading then these. */
export function csvRowLines(rows: readonly ExportRow[]): string {
  return csvLines(
    rows.map((row) => [
      row.reference,
      row.nhsNumber,
      row.name,
      row.dateOfBirth,
      row.address,
      row.postcode,
      SNOMED[row.change].code,
      SNOMED[row.change].term,
      row.change === 'objection' ? 'Objection applied' : 'Objection withdrawn',
      row.effectiveDate,
    ]),
  );
}

/** The CSV text: a header row, then one row per person; every cell quoted. */
export function toCsv(rows: readonly ExportRow[]): string {
  return csvHeaderLine() + csvRowLines(rows);
}
