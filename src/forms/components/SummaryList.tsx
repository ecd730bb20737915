import type { ReactNode } from 'react';

/**
 * NHS.UK summary list: label/value rows, as a description list so a screen reader announces each
 * value with its label. Residents see it on the status page, staff on each request.
 */
export function SummaryList({ rows }: { rows: readonly { key: string; value: ReactNode }[] }) {
  return (
    <dl className="nhsuk-summary-list">
      {rows.map((row) => (
        <div className="nhsuk-summary-list__row" key={row.key}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
