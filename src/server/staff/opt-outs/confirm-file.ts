import { type CalendarDate, parseCalendarDate } from '../../../domain/calendar-date.ts';
import { parseReference, type Reference } from '../../../domain/reference.ts';
import { t } from '../../../i18n/t.ts';
import {
  type ByteSource,
  type FileProblem,
  FORMULA_START,
  MAX_MATCH_ROWS,
  NO,
  normaliseHeading,
  readCsvRecords,
  YES,
} from './match-file.ts';

/**
 * Reads the record platform's confirmation file (format: docs/staff-queues.md, "The confirmation
 * file"): for each request it was asked to apply, whether the objection is now in place and on
 * which day, or why not. The same streaming CSV reader as the match file (match-file.ts), so the
 * same files are refused for the same reasons (not UTF-8, formulas, broken quotes, 0 rows, too
 * many rows); nothing here touches the database (confirm-apply.ts does, in one transaction).
 */

type Column = 'reference' | 'applied' | 'date' | 'reason';
const COLUMNS: readonly Column[] = ['reference', 'applied', 'date', 'reason'];
const HEADINGS: Record<string, Column> = {
  reference: 'reference',
  applied: 'applied',
  'date applied': 'date',
  'reason not applied': 'reason',
};
/** A reason is shown to staff, never to the resident; long enough for a sentence. */
const MAX_REASON = 500;

export interface ConfirmRow {
  /** The line in the file (the headings are line 1), for the report. */
  line: number;
  reference: Reference;
  /** The day it was applied in the record; null when it was not applied. */
  appliedOn: CalendarDate | null;
  /** Why it was not applied (kept only on the result page, never logged); null when applied. */
  reason: string | null;
}

export type ConfirmRead = { ok: true; rows: ConfirmRow[]; sha256: string } | { ok: false; problems: FileProblem[] };

const columnName = (column: Column) => t(`staffConfirm.column.${column}`);

function readHeadings(cells: readonly string[]): Map<Column, number> | FileProblem[] {
  const positions = new Map<Column, number>();
  const problems: FileProblem[] = [];
  const problem = (key: 'unknownColumn' | 'repeatedColumn' | 'missingColumn', column: string) =>
    problems.push({ line: 1, message: t(`staffConfirm.problem.${key}`, { column }) });
  cells.forEach((heading, index) => {
    const column = HEADINGS[normaliseHeading(heading)];
    if (!column) problem('unknownColumn', heading);
    else if (positions.has(column)) problem('repeatedColumn', heading.trim());
    else positions.set(column, index);
  });
  for (const column of COLUMNS) if (!positions.has(column)) problem('missingColumn', columnName(column));
  return problems.length > 0 ? problems : positions;
}

function readRow(line: number, cells: readonly string[], positions: Map<Column, number>): ConfirmRow | FileProblem[] {
  const problems: FileProblem[] = [];
  const problem = (message: string) => problems.push({ line, message });
  const cell = (column: Column) => (cells[positions.get(column) ?? -1] ?? '').trim();
  if (cells.length !== positions.size)
    problem(t('staffMatch.problem.cellCount', { found: cells.length, expected: positions.size }));
  for (const column of COLUMNS) {
    const raw = cells[positions.get(column) ?? -1] ?? '';
    if (FORMULA_START.test(raw))
      problem(t('staffMatch.problem.formula', { column: columnName(column), first: raw.charAt(0) }));
  }
  if (problems.length > 0) return problems;

  const reference = parseReference(cell('reference'));
  if (!reference) problem(t('staffMatch.problem.reference', { value: cell('reference') }));
  const applied = cell('applied').toLowerCase();
  const date = cell('date');
  const reason = cell('reason');
  let appliedOn: CalendarDate | null = null;
  if (YES.has(applied)) {
    appliedOn = parseCalendarDate(date) ?? null;
    if (!appliedOn) problem(t('staffConfirm.problem.date', { value: date }));
    if (reason !== '') problem(t('staffConfirm.problem.reasonWhenApplied'));
  } else if (NO.has(applied)) {
    if (reason === '') problem(t('staffConfirm.problem.noReason'));
    else if (reason.length > MAX_REASON) problem(t('staffConfirm.problem.longReason', { max: MAX_REASON }));
    if (date !== '') problem(t('staffConfirm.problem.dateWhenNotApplied'));
  } else problem(t('staffMatch.problem.yesNo', { column: columnName('applied'), value: cell('applied') }));
  if (problems.length > 0 || !reference) return problems;
  return { line, reference, appliedOn, reason: appliedOn ? null : reason };
}

/** Reads a confirmation file as a stream: every row checked, every problem reported. */
export async function readConfirmStream(source: ByteSource): Promise<ConfirmRead> {
  let positions: Map<Column, number> | undefined;
  let rowCount = 0;
  const rows: ConfirmRow[] = [];
  const problems: FileProblem[] = [];
  const firstLine = new Map<string, number>();
  const read = await readCsvRecords(source, ({ lines, cells }) => {
    if (!positions) {
      const headings = readHeadings(cells);
      if (Array.isArray(headings)) problems.push(...headings);
      positions = Array.isArray(headings) ? new Map() : headings;
      return;
    }
    rowCount += 1;
    if (rowCount > MAX_MATCH_ROWS || positions.size === 0) return;
    const row = readRow(lines, cells, positions);
    if (Array.isArray(row)) return void problems.push(...row);
    const first = firstLine.get(row.reference);
    if (first === undefined) firstLine.set(row.reference, row.line);
    else
      problems.push({
        line: row.line,
        message: t('staffMatch.problem.duplicate', { reference: row.reference, first }),
      });
    rows.push(row);
  });
  if (!read.ok) return read;
  const whole = (message: string): ConfirmRead => ({ ok: false, problems: [{ line: null, message }] });
  if (!positions) return whole(t('staffMatch.problem.empty'));
  if (rowCount === 0) return whole(t('staffMatch.problem.noRows'));
  if (rowCount > MAX_MATCH_ROWS)
    return whole(
      t('staffMatch.problem.tooMany', {
        rows: rowCount.toLocaleString('en-GB'),
        max: MAX_MATCH_ROWS.toLocaleString('en-GB'),
      }),
    );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, sha256: read.sha256 };
}
