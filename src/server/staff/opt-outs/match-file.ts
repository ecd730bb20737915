import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { parseReference, type Reference } from '../../../domain/reference.ts';
import { t } from '../../../i18n/t.ts';

/**
 * Reads the record platform's demographic match file (format: docs/staff-queues.md, "The match
 * file"). Pure: bytes in, rows or a list of problems out, each problem naming its line. Nothing
 * here touches the database; match-apply.ts checks references against it, in one transaction.
 */

/** More rows than this are refused with a plain message; the body limit (body.ts) is 10 MB. */
export const MAX_MATCH_ROWS = 100_000;

/** What the platform compares, in the order reasons are written. */
export const MATCH_FIELDS = ['nhs-number', 'date-of-birth', 'name', 'postcode'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

type Column = 'reference' | MatchField | 'practice';
const COLUMNS: readonly Column[] = ['reference', ...MATCH_FIELDS, 'practice'];

/** Headings as a spreadsheet may spell them: any case, spaces, underscores or hyphens. */
const HEADINGS: Record<string, Column> = {
  reference: 'reference',
  'nhs number matched': 'nhs-number',
  'date of birth matched': 'date-of-birth',
  'name matched': 'name',
  'postcode matched': 'postcode',
  'practice code': 'practice',
};

export interface MatchRow {
  /** The line in the file (the headings are line 1), for the report. */
  line: number;
  reference: Reference;
  /** Empty for a clear match. */
  mismatches: MatchField[];
  practiceCode: string | null;
}

export interface FileProblem {
  /** The line it is on; null for the whole file (empty, wrong encoding, too many rows). */
  line: number | null;
  message: string;
}

export type ReadResult = { ok: true; rows: MatchRow[]; sha256: string } | { ok: false; problems: FileProblem[] };

const whole = (message: string): ReadResult => ({ ok: false, problems: [{ line: null, message }] });
const columnName = (column: Column) => t(`staffMatch.column.${column}`);
const normaliseHeading = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** A cell a spreadsheet would run as a formula (OWASP "CSV injection"): refused, never run or read. */
const FORMULA_START = /^[=+\-@\t\r]/;
const YES = new Set(['y', 'yes']);
const NO = new Set(['n', 'no']);
/** An ODS code for a GP practice: a letter and five digits (A81001). */
const PRACTICE_CODE = /^[A-Z][0-9]{5}$/;

/**
 * UTF-8 only, with or without a byte-order mark (TextDecoder drops it). Windows-1252 is refused
 * rather than guessed: a wrong guess would not change a reference, but a file we cannot read
 * exactly is not one to act on.
 */
function decode(bytes: Uint8Array): string | FileProblem {
  if (bytes.includes(0)) return { line: null, message: t('staffMatch.problem.binary') };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { line: null, message: t('staffMatch.problem.encoding') };
  }
}

/**
 * csv-parse's types say string[][] even with `info: true`, which returns { record, info } per
 * line: checked here rather than cast, so a change in the library fails loudly.
 */
function withLine(value: unknown): { lines: number; cells: string[] } {
  if (typeof value === 'object' && value !== null && 'record' in value && 'info' in value) {
    const { record, info } = value;
    if (Array.isArray(record) && typeof info === 'object' && info !== null && 'lines' in info)
      if (typeof info.lines === 'number') return { lines: info.lines, cells: record.map(String) };
  }
  throw new Error('csv-parse returned a record without its line number');
}

function readRecords(text: string): { lines: number; cells: string[] }[] | FileProblem {
  try {
    const records: unknown[] = parse(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // A quote inside an unquoted cell is text (=HYPERLINK("…")), so the formula check can name it.
      relax_quotes: true,
    });
    return records.map(withLine);
  } catch (error) {
    if (error instanceof CsvError) {
      // CsvError carries the line it stopped at, untyped: read it only if it is a number.
      const line: unknown = error['lines'];
      return { line: typeof line === 'number' ? line : null, message: t('staffMatch.problem.csv') };
    }
    throw error;
  }
}

/** Maps each column to its position, or lists what is wrong with the headings. */
function readHeadings(cells: readonly string[]): Map<Column, number> | FileProblem[] {
  const positions = new Map<Column, number>();
  const problems: FileProblem[] = [];
  cells.forEach((heading, index) => {
    const column = HEADINGS[normaliseHeading(heading)];
    if (!column) problems.push({ line: 1, message: t('staffMatch.problem.unknownColumn', { column: heading }) });
    else if (positions.has(column))
      problems.push({ line: 1, message: t('staffMatch.problem.repeatedColumn', { column: heading.trim() }) });
    else positions.set(column, index);
  });
  for (const column of COLUMNS)
    if (!positions.has(column))
      problems.push({ line: 1, message: t('staffMatch.problem.missingColumn', { column: columnName(column) }) });
  return problems.length > 0 ? problems : positions;
}

function readRow(line: number, cells: readonly string[], positions: Map<Column, number>): MatchRow | FileProblem[] {
  const problems: FileProblem[] = [];
  const problem = (message: string) => problems.push({ line, message });
  const cell = (column: Column) => cells[positions.get(column) ?? -1] ?? '';
  if (cells.length !== positions.size)
    problem(t('staffMatch.problem.cellCount', { found: cells.length, expected: positions.size }));
  for (const column of COLUMNS) {
    const value = cell(column);
    if (FORMULA_START.test(value))
      problem(t('staffMatch.problem.formula', { column: columnName(column), first: value.charAt(0) }));
  }
  if (problems.length > 0) return problems;

  const reference = parseReference(cell('reference').trim());
  if (!reference) problem(t('staffMatch.problem.reference', { value: cell('reference').trim() }));
  const mismatches: MatchField[] = [];
  for (const field of MATCH_FIELDS) {
    const value = cell(field).trim();
    if (NO.has(value.toLowerCase())) mismatches.push(field);
    else if (!YES.has(value.toLowerCase()))
      problem(t('staffMatch.problem.yesNo', { column: columnName(field), value }));
  }
  const practice = cell('practice').trim().toUpperCase();
  if (practice !== '' && !PRACTICE_CODE.test(practice)) problem(t('staffMatch.problem.practice', { value: practice }));
  if (problems.length > 0 || !reference) return problems;
  return { line, reference, mismatches, practiceCode: practice === '' ? null : practice };
}

/** Reads a whole file: every row checked, every problem reported (not just the first). */
export function readMatchFile(bytes: Uint8Array): ReadResult {
  if (bytes.byteLength === 0) return whole(t('staffMatch.problem.empty'));
  const text = decode(bytes);
  if (typeof text !== 'string') return { ok: false, problems: [text] };
  const records = readRecords(text);
  if (!Array.isArray(records)) return { ok: false, problems: [records] };
  const [headings, ...body] = records;
  if (!headings) return whole(t('staffMatch.problem.empty'));
  if (body.length === 0) return whole(t('staffMatch.problem.noRows'));
  if (body.length > MAX_MATCH_ROWS)
    return whole(
      t('staffMatch.problem.tooMany', {
        rows: body.length.toLocaleString('en-GB'),
        max: MAX_MATCH_ROWS.toLocaleString('en-GB'),
      }),
    );
  const positions = readHeadings(headings.cells);
  if (Array.isArray(positions)) return { ok: false, problems: positions };

  const rows: MatchRow[] = [];
  const problems: FileProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const record of body) {
    const row = readRow(record.lines, record.cells, positions);
    if (Array.isArray(row)) {
      problems.push(...row);
      continue;
    }
    const first = firstLine.get(row.reference);
    if (first === undefined) firstLine.set(row.reference, row.line);
    else
      problems.push({
        line: row.line,
        message: t('staffMatch.problem.duplicate', { reference: row.reference, first }),
      });
    rows.push(row);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows, sha256: createHash('sha256').update(bytes).digest('hex') };
}
