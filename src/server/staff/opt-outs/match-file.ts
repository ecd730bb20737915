import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { parseReference, type Reference } from '../../../domain/reference.ts';
import { t } from '../../../i18n/t.ts';

/**
 * Reads the record platform's demographic match file (format: docs/staff-queues.md, "The match
 * file"). Streaming: bytes in as they arrive (hashed, decoded and parsed chunk by chunk, the
 * file itself never held whole), compact rows or a list of problems out, each problem naming its
 * line. Nothing here touches the database; match-apply.ts checks references against it, in one
 * transaction.
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
export const normaliseHeading = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** A cell a spreadsheet would run as a formula (OWASP "CSV injection"): refused, never run or read. */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const YES = new Set(['y', 'yes']);
export const NO = new Set(['n', 'no']);
/** An ODS code for a GP practice: a letter and five digits (A81001). */
const PRACTICE_CODE = /^[A-Z][0-9]{5}$/;

/** Where a file's bytes come from: a File's `.stream()`, a Node read stream, or chunks in an array. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Stops the stream with a problem about the whole file (encoding, a NUL byte). */
class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
  readonly problem: FileProblem;
  constructor(problem: FileProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

/**
 * UTF-8 only, with or without a byte-order mark (TextDecoder drops it). Windows-1252 is refused
 * rather than guessed: a wrong guess would not change a reference, but a file we cannot read
 * exactly is not one to act on. Decoded chunk by chunk (`stream: true` keeps a character split
 * across two chunks whole); the bytes are hashed and counted on the way.
 */
async function* decoded(source: ByteSource, seen: { bytes: number; hash: ReturnType<typeof createHash> }) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new UnreadableFileError({ line: null, message: t('staffMatch.problem.encoding') });
    }
  };
  for await (const chunk of source) {
    if (chunk.includes(0)) throw new UnreadableFileError({ line: null, message: t('staffMatch.problem.binary') });
    seen.bytes += chunk.byteLength;
    seen.hash.update(chunk);
    const text = decode(chunk);
    if (text) yield text;
  }
  const tail = decode();
  if (tail) yield tail;
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

/** csv-parse's options: a quote inside an unquoted cell is text (=HYPERLINK("…")), so the formula check can name it. */
const csvOptions = { info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true } as const;

function csvProblem(error: CsvError): FileProblem {
  // CsvError carries the line it stopped at, untyped: read it only if it is a number.
  const line: unknown = error['lines'];
  return { line: typeof line === 'number' ? line : null, message: t('staffMatch.problem.csv') };
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

/** Gathers rows as they are parsed: only compact rows and problems are kept, never the text. */
class RowCollector {
  positions: Map<Column, number> | undefined;
  rowCount = 0;
  readonly rows: MatchRow[] = [];
  readonly problems: FileProblem[] = [];
  private readonly firstLine = new Map<string, number>();

  add(record: { lines: number; cells: string[] }): void {
    if (!this.positions) {
      const positions = readHeadings(record.cells);
      if (Array.isArray(positions)) this.problems.push(...positions);
      this.positions = Array.isArray(positions) ? new Map() : positions;
      return;
    }
    this.rowCount += 1;
    // Past the limit the rows are only counted, so the report can say how many there were.
    if (this.rowCount > MAX_MATCH_ROWS || this.positions.size === 0) return;
    const row = readRow(record.lines, record.cells, this.positions);
    if (Array.isArray(row)) {
      this.problems.push(...row);
      return;
    }
    const first = this.firstLine.get(row.reference);
    if (first === undefined) this.firstLine.set(row.reference, row.line);
    else
      this.problems.push({
        line: row.line,
        message: t('staffMatch.problem.duplicate', { reference: row.reference, first }),
      });
    this.rows.push(row);
  }

  result(sha256: string): ReadResult {
    if (!this.positions) return whole(t('staffMatch.problem.empty'));
    if (this.rowCount === 0) return whole(t('staffMatch.problem.noRows'));
    if (this.rowCount > MAX_MATCH_ROWS)
      return whole(
        t('staffMatch.problem.tooMany', {
          rows: this.rowCount.toLocaleString('en-GB'),
          max: MAX_MATCH_ROWS.toLocaleString('en-GB'),
        }),
      );
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    return { ok: true, rows: this.rows, sha256 };
  }
}

/**
 * Reads a file as a stream (an uploaded File's `.stream()`, a Node read stream, or bytes in one
 * chunk): every row checked, every problem reported (not just the first).
 */
export async function readMatchStream(source: ByteSource): Promise<ReadResult> {
  const collector = new RowCollector();
  const read = await readCsvRecords(source, (record) => collector.add(record));
  return read.ok ? collector.result(read.sha256) : read;
}

/**
 * The CSV reading every staff upload shares (the match file, the confirmation file): bytes
 * streamed, hashed, decoded as UTF-8 only and parsed, each record handed to `add` with its line.
 * An empty file, a file that is not UTF-8 and broken quotes come back as problems.
 */
export async function readCsvRecords(
  source: ByteSource,
  add: (record: { lines: number; cells: string[] }) => void,
): Promise<{ ok: true; sha256: string } | { ok: false; problems: FileProblem[] }> {
  const seen = { bytes: 0, hash: createHash('sha256') };
  try {
    await pipeline(decoded(source, seen), parse(csvOptions), async (records: AsyncIterable<unknown>) => {
      for await (const record of records) add(withLine(record));
    });
  } catch (error) {
    if (error instanceof UnreadableFileError) return { ok: false, problems: [error.problem] };
    if (error instanceof CsvError) return { ok: false, problems: [csvProblem(error)] };
    throw error;
  }
  if (seen.bytes === 0) return { ok: false, problems: [{ line: null, message: t('staffMatch.problem.empty') }] };
  return { ok: true, sha256: seen.hash.digest('hex') };
}

/** The same for bytes already in memory (tests, the command line). */
export function readMatchFile(bytes: Uint8Array): Promise<ReadResult> {
  return readMatchStream([bytes]);
}
