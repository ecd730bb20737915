import { t } from '../../../../i18n/t.ts';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { WorkSummary } from '../work-summary.ts';

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
        <StaffTable
          label={t('staffAuth.home.work.heading')}
          caption={t('staffAuth.home.work.caption')}
          columns={(['queue', 'dueToday', 'overdue'] as const).map((column) => t(`staffAuth.home.work.${column}`))}
        >
          {summary.queues.map((queue) => (
            <TableRow
              key={queue.href}
              cells={[
                <a key="queue" href={queue.href}>
                  {t(QUEUE_NAMES[queue.href])}
                </a>,
                t('staffAuth.home.work.dueTodayCount', { count: queue.dueToday }),
                t('staffAuth.home.work.overdueCount', { count: queue.overdue }),
              ]}
            />
          ))}
        </StaffTable>
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
