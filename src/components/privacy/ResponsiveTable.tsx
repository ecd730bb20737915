// biome-ignore-all lint/a11y/noRedundantRoles: the roles are not redundant here. Once the CSS makes rows and cells display: block at 390 px, Safari and VoiceOver stop treating the table as a table; explicit roles keep it one (as NHS.UK frontend's responsive table does).
import type { ReactNode } from 'react';

interface Props {
  /** Names the table for screen-reader table navigation. */
  caption: string;
  /** Column headings, first column first. */
  columns: string[];
  /** One row per item: the first cell is its row header, the rest follow `columns`. */
  rows: { key: string; cells: ReactNode[] }[];
}

/** The column's name shown beside each value on a phone; hidden from screen readers, which announce the header. */
function ColumnLabel({ text }: { text: string }) {
  return (
    <span className="nhsuk-table__heading" aria-hidden="true">
      {text}{' '}
    </span>
  );
}

/**
 * NHS.UK frontend's responsive table: at 390 px each row becomes a block with each cell labelled
 * by its column heading, so nothing scrolls sideways (WCAG 2.2 reflow, 1.4.10). Explicit ARIA
 * roles keep it a table for screen readers, which drop table semantics once CSS sets
 * `display: block` on rows and cells; the visible labels are aria-hidden so they are not read twice.
 */
export function ResponsiveTable({ caption, columns, rows }: Props) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head" role="rowgroup">
        <tr className="nhsuk-table__row" role="row">
          {columns.map((column) => (
            <th key={column} className="nhsuk-table__header" scope="col" role="columnheader">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body" role="rowgroup">
        {rows.map((row) => (
          <tr key={row.key} className="nhsuk-table__row" role="row">
            {row.cells.map((cell, index) => {
              return index === 0 ? (
                <th key={columns[index]} className="nhsuk-table__header" scope="row" role="rowheader">
                  <ColumnLabel text={columns[index] ?? ''} />
                  <span>{cell}</span>
                </th>
              ) : (
                <td key={columns[index]} className="nhsuk-table__cell" role="cell">
                  <ColumnLabel text={columns[index] ?? ''} />
                  <span>{cell}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
