import { t } from '../../../../i18n/t.ts';
import { RETENTION_INTERVAL_MINUTES, RETENTION_KINDS } from '../../../retention.ts';
import { dateTime } from '../../views/format.ts';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { RetentionStatus } from '../retention-status.ts';

/**
 * The deletion job, for the IG officers who answer for it: when it last ran and whether it
 * finished, when it runs next, and per kind how many rows the next run will delete and the last
 * one deleted. Counts only: what is deleted is never shown.
 */
export function RetentionJob({ status }: { status: RetentionStatus }) {
  const { last, nextAt, dueNow, late, forecast } = status;
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('staffAuth.home.job.heading')}</h2>
      {late && last ? (
        // Plain inset text, not an alert: it is read in page order with the rest of the home page.
        <div className="nhsuk-inset-text">
          <p>
            <strong>
              {t('staffAuth.home.job.late', { time: dateTime(last.startedAt), minutes: RETENTION_INTERVAL_MINUTES })}
            </strong>
          </p>
        </div>
      ) : null}
      <p className="nhsuk-body">
        {last === undefined
          ? t('staffAuth.home.job.never')
          : t(last.outcome === 'failed' ? 'staffAuth.home.job.failed' : 'staffAuth.home.job.succeeded', {
              time: dateTime(last.startedAt),
            })}
      </p>
      <p className="nhsuk-body">
        {dueNow ? t('staffAuth.home.job.nextNow') : t('staffAuth.home.job.next', { time: dateTime(nextAt) })}
      </p>
      <StaffTable
        caption={t('staffAuth.home.job.caption')}
        columns={[t('staffAuth.home.job.what'), t('staffAuth.home.job.willDelete'), t('staffAuth.home.job.deleted')]}
      >
        {RETENTION_KINDS.map((kind) => (
          <TableRow
            key={kind}
            cells={[t(`staffAuth.home.job.kind.${kind}`), forecast[kind], last ? last[kind] : '–']}
          />
        ))}
      </StaffTable>
      <p className="nhsuk-body-s">{t('staffAuth.home.job.forecastNote')}</p>
    </>
  );
}
