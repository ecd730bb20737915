import { OPT_OUT_ROUTES, OPT_OUT_STATUSES, type OptOutStatus } from '../../../../domain/opt-out.ts';
import { Button, SingleCheckbox, TextInput } from '../../../../forms/components/index.ts';
import { t } from '../../../../i18n/t.ts';
import type { OptOutFilter } from '../../opt-outs/forms.ts';
import type { OptOutListEntry } from '../../opt-outs/requests.ts';
import { ScrollRegion } from '../ScrollRegion.tsx';
import { describeClockWords } from './clock-words.ts';
import { shortDate } from './format.ts';
import { optOutRouteLabel, optOutStatusLabel } from './labels.ts';
import { DoneBanner, Select, TableStart, Tag } from './parts.tsx';

/** Before the identity check the promise's clock has not started (it runs "from checking"). */
const BEFORE_CHECK: readonly OptOutStatus[] = ['received', 'contact-confirmed'];

/**
 * The opt-out work list, oldest first. By default it shows the requests waiting for a step by
 * staff; the filters are a plain GET form.
 */
export function OptOutList({
  entries,
  filter,
  applyWorkingDays,
  done,
}: {
  entries: readonly OptOutListEntry[];
  filter: OptOutFilter;
  /** The promise in the resident's email: applied within this many working days of checking. */
  applyWorkingDays: number;
  done?: string | undefined;
}) {
  return (
    <>
      <DoneBanner title={t('staffQueues.done.title')} message={done} />
      <h1 className="nhsuk-heading-l">{t('staffQueues.optOut.title')}</h1>
      <p className="nhsuk-body">
        <a href="/staff/opt-outs/export">{t('staffQueues.optOut.exportLink')}</a>
      </p>
      <form method="get" action="/staff/opt-outs" className="nhsuk-u-margin-bottom-5">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{t('staffQueues.filter.legend')}</legend>
          <Select
            name="status"
            label={t('staffQueues.filter.status')}
            value={filter.status ?? ''}
            options={[
              { value: '', label: t('staffQueues.optOut.filter.waiting') },
              ...OPT_OUT_STATUSES.map((status) => ({ value: status, label: optOutStatusLabel(status) })),
              { value: 'all', label: t('staffQueues.optOut.filter.all') },
            ]}
          />
          <Select
            name="route"
            label={t('staffQueues.optOut.filter.route')}
            value={filter.route ?? ''}
            options={[
              { value: '', label: t('staffQueues.filter.any') },
              ...OPT_OUT_ROUTES.map((route) => ({ value: route, label: optOutRouteLabel(route) })),
            ]}
          />
          <TextInput
            name="age"
            label={t('staffQueues.optOut.filter.age')}
            hint={t('staffQueues.optOut.filter.ageHint')}
            width={3}
            inputMode="numeric"
            value={filter.age === undefined ? '' : String(filter.age)}
          />
          <SingleCheckbox
            name="withdrawal"
            label={t('staffQueues.optOut.filter.withdrawal')}
            checked={filter.withdrawal === 'yes'}
          />
        </fieldset>
        <Button secondary>{t('staffQueues.filter.apply')}</Button>
      </form>
      {entries.length === 0 ? (
        <p className="nhsuk-body">{t('staffQueues.optOut.empty')}</p>
      ) : (
        <ScrollRegion label={t('staffQueues.optOut.title')}>
          <table className="nhsuk-table">
            <TableStart
              caption={
                entries.length === 1
                  ? t('staffQueues.optOut.countOne')
                  : t('staffQueues.optOut.count', { count: entries.length })
              }
              columns={(['reference', 'route', 'received', 'age', 'applyBy', 'status', 'contact'] as const).map(
                (column) => t(`staffQueues.optOut.column.${column}`),
              )}
            />
            <tbody className="nhsuk-table__body">
              {entries.map((entry) => (
                <tr className="nhsuk-table__row" key={entry.reference}>
                  <td className="nhsuk-table__cell">
                    <a href={`/staff/opt-outs/${entry.reference}`}>{entry.reference}</a>
                  </td>
                  <td className="nhsuk-table__cell">{optOutRouteLabel(entry.route)}</td>
                  <td className="nhsuk-table__cell">{shortDate(entry.receivedAt)}</td>
                  <td className="nhsuk-table__cell">
                    {t(entry.ageWorkingDays === 1 ? 'staffQueues.optOut.ageOne' : 'staffQueues.optOut.age', {
                      count: entry.ageWorkingDays,
                    })}
                  </td>
                  <td className="nhsuk-table__cell">
                    {entry.applyBy && entry.applyClock ? (
                      <>
                        {shortDate(new Date(`${entry.applyBy}T12:00:00Z`))}{' '}
                        <Tag colour={describeClockWords(entry.applyClock).colour}>
                          {describeClockWords(entry.applyClock).text}
                        </Tag>
                      </>
                    ) : BEFORE_CHECK.includes(entry.status) ? (
                      t('staffQueues.optOut.applyAfterCheck', { days: applyWorkingDays })
                    ) : (
                      t('staffQueues.optOut.applyNone')
                    )}
                  </td>
                  <td className="nhsuk-table__cell">
                    {optOutStatusLabel(entry.status)}
                    {entry.withdrawalRequested && entry.status !== 'withdrawn' ? (
                      <>
                        {' '}
                        <Tag colour="orange">{t('staffQueues.optOut.withdrawalTag')}</Tag>
                      </>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">
                    {entry.status === 'rejected' && !entry.hasEmail
                      ? t('staffQueues.optOut.writeToThem')
                      : entry.hasEmail
                        ? t('staffQueues.optOut.byEmail')
                        : t('staffQueues.optOut.byPhone')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
