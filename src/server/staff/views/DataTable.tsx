import type { ReactNode } from 'react';
import { ScrollRegion } from './ScrollRegion.tsx';

interface Props {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ReactNode[])[];
  /** Columns after the first hold numbers: right-aligned so they line up. */
  numeric?: boolean;
}

const isText = (cell: ReactNode) => typeof cell === 'string' || typeof cell === 'number';

/** The NHS.UK table: every number a chart shows, for people who cannot see it or want exact figures. */
export function DataTable({ caption, head, rows, numeric = true }: Props) {
  const cellClass = (index: number) =>
    index > 0 && numeric ? 'nhsuk-table__cell nhsuk-table__cell--numeric' : 'nhsuk-table__cell';
  return (
    <ScrollRegion label={caption}>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {head.map((cell, index) => (
              <th
                key={cell}
                scope="col"
                className={
                  index > 0 && numeric ? 'nhsuk-table__header nhsuk-table__header--numeric' : 'nhsuk-table__header'
                }
              >
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((row, rowIndex) => (
            // A first cell that is an element (a link) has no text to key on: its position does.
            <tr className="nhsuk-table__row" key={isText(row[0]) ? String(row[0]) : rowIndex}>
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={head[index]} scope="row" className="nhsuk-table__header">
                    {cell}
                  </th>
                ) : (
                  <td key={head[index]} className={cellClass(index)}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
