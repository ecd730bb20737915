import { SUBSCRIPTION_TOPICS, type SubscriptionTopic } from '../../domain/subscriptions.ts';
import { t } from '../../i18n/t.ts';
import { DataTable } from '../staff/views/DataTable.tsx';
import type { PublicCount } from '../transparency/suppress.ts';

/**
 * Confirmed email update subscribers per topic on /transparency/, with the page's small-number
 * rule (suppress.ts). No total row: one person may follow several topics, so a total of the rows
 * would count them more than once.
 */
export function SubscribersSection({
  counts,
  shown,
}: {
  counts: Record<SubscriptionTopic, PublicCount>;
  shown: (count: PublicCount) => string;
}) {
  return (
    <>
      <h2>{t('subscriptions.transparency.heading')}</h2>
      <p>{t('subscriptions.transparency.body')}</p>
      <DataTable
        caption={t('subscriptions.transparency.heading')}
        head={[t('subscriptions.transparency.topic'), t('subscriptions.transparency.count')]}
        rows={SUBSCRIPTION_TOPICS.map((topic) => [t(`subscriptions.form.topics.${topic}`), shown(counts[topic])])}
      />
    </>
  );
}
