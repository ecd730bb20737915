import { Button } from '../../../../forms/components/index.ts';
import { SummaryList } from '../../../../forms/components/SummaryList.tsx';
import { dateParts } from '../../../../forms/date-parts.ts';
import { t } from '../../../../i18n/t.ts';
import { optOutStatusLabel } from '../../views/labels.ts';
import { CsrfField } from '../../views/parts.tsx';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { BulkAction, BulkResult } from '../bulk.ts';
import { filterPairs, type OptOutFilter } from '../forms.ts';

const listHref = (filter: OptOutFilter) => {
  const query = new URLSearchParams(filterPairs(filter)).toString();
  return `/staff/opt-outs${query ? `?${query}` : ''}`;
};

/**
 * The confirmation page: the step and how many requests it will be tried on, before anything
 * changes. Everything chosen travels on in hidden fields of a POST (never in the address), with
 * the count confirmed, which the action checks again.
 */
export function OptOutBulkConfirm({
  action,
  count,
  fields,
  filter,
  csrfToken,
  countChanged,
}: {
  action: BulkAction;
  count: number;
  /** The posted fields to carry on: selection, step, note, date parts, filter. */
  fields: readonly [string, string][];
  filter: OptOutFilter;
  csrfToken: string;
  countChanged: boolean;
}) {
  const words = t(`staffQueues.optOut.action.${action}`);
  const shown = Object.fromEntries(fields);
  const { day, month, year } = dateParts(shown, 'date');
  const date = day ? `${day} ${month} ${year}` : '';
  return (
    <>
      <h1 className="nhsuk-heading-l">{t('staffOptOutQueue.bulk.confirmTitle')}</h1>
      {countChanged ? (
        <div className="nhsuk-warning-callout">
          <p className="nhsuk-body">{t('staffOptOutQueue.bulk.countChanged')}</p>
        </div>
      ) : null}
      <p className="nhsuk-body-l" id="bulk-count">
        {count === 1
          ? t('staffOptOutQueue.bulk.confirmBodyOne', { action: words })
          : t('staffOptOutQueue.bulk.confirmBody', { action: words, count: count.toLocaleString('en-GB') })}
      </p>
      {action === 'check-identity' || date ? (
        <SummaryList
          rows={[
            ...(action === 'check-identity'
              ? [{ key: t('staffOptOutQueue.bulk.noteShown'), value: shown['note'] ?? '' }]
              : []),
            ...(date ? [{ key: t('staffOptOutQueue.bulk.dateShown'), value: date }] : []),
          ]}
        />
      ) : null}
      <p className="nhsuk-body">{t('staffOptOutQueue.bulk.confirmCheck')}</p>
      <form method="post" action="/staff/opt-outs/bulk" noValidate>
        <CsrfField token={csrfToken} />
        {fields.map(([name, value], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: repeated names (each selected reference) in posted order.
          <input type="hidden" name={name} value={value} key={`${name}-${index}`} />
        ))}
        <input type="hidden" name="confirmedCount" value={String(count)} />
        <Button>{t('staffOptOutQueue.bulk.confirmButton', { count: count.toLocaleString('en-GB') })}</Button>
      </form>
      <p className="nhsuk-body">
        <a href={listHref(filter)}>{t('staffOptOutQueue.bulk.cancel')}</a>
      </p>
    </>
  );
}

/** What the bulk step did: how many changed, and each one left alone with the reason. */
export function OptOutBulkResult({ result, filter }: { result: BulkResult; filter: OptOutFilter }) {
  const changed = result.changed.length;
  return (
    <>
      <h1 className="nhsuk-heading-l">{t('staffOptOutQueue.bulk.resultTitle')}</h1>
      <p className="nhsuk-body-l" id="bulk-changed">
        {changed === 1
          ? t('staffOptOutQueue.bulk.changedOne')
          : t('staffOptOutQueue.bulk.changed', { count: changed.toLocaleString('en-GB') })}
      </p>
      {result.refused.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">
            {t('staffOptOutQueue.bulk.refusedHeading', { count: result.refused.length.toLocaleString('en-GB') })}
          </h2>
          <StaffTable
            caption={t('staffOptOutQueue.bulk.refusedHeading', { count: result.refused.length })}
            columns={[
              t('staffQueues.optOut.column.reference'),
              t('staffQueues.optOut.column.status'),
              t('staffOptOutQueue.bulk.column.reason'),
            ]}
          >
            {result.refused.map((row) => (
              <TableRow
                key={row.reference}
                cells={[
                  <a key="reference" href={`/staff/opt-outs/${row.reference}`}>
                    {row.reference}
                  </a>,
                  optOutStatusLabel(row.status),
                  t(`staffOptOutQueue.bulk.refused.${row.reason}`),
                ]}
              />
            ))}
          </StaffTable>
        </>
      ) : null}
      <p className="nhsuk-body">
        <a href={listHref(filter)}>{t('staffOptOutQueue.bulk.back')}</a>
      </p>
    </>
  );
}
