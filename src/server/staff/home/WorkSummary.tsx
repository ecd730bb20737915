import { t } from '../../../i18n/t.ts';
import { TableStart } from '../ui/queues/parts.tsx';
import { ScrollRegion } from '../ui/ScrollRegion.tsx';
import type { WorkSummary } from './work-summary.ts';

const QUEUE_NAMES = {
  '/staff/feedback': 'staffAuth.home.queue.feedback',
  '/staff/opt-outs': 'staffAuth.home.queue.optOuts',
} as const;

/** "What needs doing": each queue's due-today and overdue counts, and emails not delivered. */
export function WorkSummaryPanel({ summary }: { summary: WorkSummary }) {
  if (summary.queues.length === 0 && summary.notDelivered === undefined) return null;
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('staffAuth.home.work.heading')}</h2>
      {summary.queues.length > 0 ? (
        <ScrollRegion label={t('staffAuth.home.work.heading')}>
          <table className="nhsuk-table">
            <TableStart
              caption={t('staffAuth.home.work.caption')}
              columns={[
                t('staffAuth.home.work.queue'),
                t('staffAuth.home.work.dueToday'),
                t('staffAuth.home.work.overdue'),
              ]}
            />
            <tbody className="nhsuk-table__body">
              {summary.queues.map((queue) => (
                <tr className="nhsuk-table__row" key={queue.href}>
                  <td className="nhsuk-table__cell">
                    <a href={queue.href}>{t(QUEUE_NAMES[queue.href])}</a>
                  </td>
                  <td className="nhsuk-table__cell">
                    {t('staffAuth.home.work.dueTodayCount', { count: queue.dueToday })}
                  </td>
                  <td className="nhsuk-table__cell">
                    {t('staffAuth.home.work.overdueCount', { count: queue.overdue })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {summary.notDelivered !== undefined ? (
        <p className="nhsuk-body">
          <a href="/staff/mail">
            {summary.notDelivered === 1
              ? t('staffAuth.home.work.notDeliveredOne')
              : t('staffAuth.home.work.notDelivered', { count: summary.notDelivered })}
          </a>
        </p>
      ) : null}
    </>
  );
}
