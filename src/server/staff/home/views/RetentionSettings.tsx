import { t } from '../../../../i18n/t.ts';
import type { SettingsData } from '../../../../schemas/settings.ts';
import { RETENTION_INTERVAL_MINUTES } from '../../../retention.ts';

/**
 * The retention periods the deletion job (src/server/retention.ts) works to, shown to IG officers
 * who answer for them: they lived only in content/settings/site.yaml, where nobody in the back
 * office could see them.
 */
export function RetentionSettings({ retention }: { retention: SettingsData['retention'] }) {
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('staffAuth.home.retention.heading')}</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>{t('staffAuth.home.retention.feedback', { days: retention.closedFeedbackDays })}</li>
        <li>{t('staffAuth.home.retention.applied', { days: retention.appliedOptOutDays })}</li>
        <li>{t('staffAuth.home.retention.ended', { days: retention.endedOptOutDays })}</li>
        <li>{t('staffAuth.home.retention.emails', { days: retention.sentEmailDays })}</li>
        <li>{t('consultations.staff.retention', { days: retention.consultationAnswerDays })}</li>
        <li>{t('staffAuth.home.retention.pageComments', { days: retention.pageCommentDays })}</li>
      </ul>
      <p className="nhsuk-body">{t('staffAuth.home.retention.where', { minutes: RETENTION_INTERVAL_MINUTES })}</p>
    </>
  );
}
