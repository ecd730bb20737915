import type { ReactNode } from 'react';
import { TableStart } from './parts.tsx';
import { ScrollRegion } from './ScrollRegion.tsx';

/**
 * A staff screen's NHS.UK table inside its scrolling region: the caption, the header row and the
 * body, with the rows the caller writes (most with TableRow). The region is named by `label`, or
 * by the caption when there is no label.
 */
export function StaffTable(props: {
  caption: string;
  columns: readonly string[];
  label?: string;
  /** Marks the table whose rows the queue's keyboard shortcuts move through. */
  queueKeys?: boolean;
  children: ReactNode;
}) {
  const { caption, columns, label = caption, queueKeys = false, children } = props;
  return (
    <ScrollRegion label={label}>
      <table className="nhsuk-table" data-queue-keys={queueKeys ? '' : undefined}>
        <TableStart caption={caption} columns={columns} />
        <tbody className="nhsuk-table__body">{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/** One body row of plain NHS.UK cells, in the order of the table's columns. */
export function TableRow({ cells }: { cells: readonly ReactNode[] }) {
  return (
    <tr className="nhsuk-table__row">
      {cells.map((cell, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, which never reorder.
        <td className="nhsuk-table__cell" key={index}>
          {cell}
        </td>
      ))}
    </tr>
  );
}
