import { t } from '../../../../i18n/t.ts';
import type { HealthReport } from '../../../health.ts';

/**
 * The detail behind /api/health, for staff only: the public answer says only whether the service is
 * up, because queue sizes and the kinds of database and mail route tell an attacker when a flood is
 * working and what the service runs on. Staff need them to know whether their emails are going.
 */
export function ServiceHealth({ report }: { report: HealthReport }) {
  const { database, mail } = report;
  const unknown = t('staffQueues.health.unknown');
  const rows: [string, string][] = [
    [t('staffQueues.health.overall'), t(`staffQueues.health.overall.${report.status}`)],
    [
      t('staffQueues.health.database'),
      database.status === 'ok'
        ? t('staffQueues.health.database.ok', { kind: database.kind ?? '' })
        : t('staffQueues.health.database.down'),
    ],
    [
      t('staffQueues.health.mail'),
      mail.status === 'ok'
        ? t('staffQueues.health.mail.ok', { kind: mail.kind ?? '' })
        : t('staffQueues.health.mail.down'),
    ],
    [t('staffQueues.health.pending'), mail.pending === undefined ? unknown : String(mail.pending)],
    [
      t('staffQueues.health.oldest'),
      mail.oldestPendingSeconds === undefined
        ? unknown
        : t('staffQueues.health.oldestMinutes', { minutes: Math.floor(mail.oldestPendingSeconds / 60) }),
    ],
    [t('staffQueues.health.dead'), mail.dead === undefined ? unknown : String(mail.dead)],
  ];
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('staffQueues.health.title')}</h2>
      <p className="nhsuk-body">{t('staffQueues.health.lead')}</p>
      <dl className="nhsuk-summary-list">
        {rows.map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
