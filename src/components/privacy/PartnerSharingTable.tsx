import { t } from '../../i18n/t.ts';
import type { SettingsData } from '../../schemas/settings.ts';
import { ResponsiveTable } from './ResponsiveTable.tsx';

interface Props {
  /** One row per kind of partner, from content/settings/site.yaml. */
  rows: SettingsData['partnerSharing'];
}

/**
 * What each kind of partner shares, whether its staff look only or also add, whether the data
 * names the person, and the partner's lawful basis: a charity hospice or a private care home
 * does not share on the same basis as an NHS trust, and residents should see which is which.
 * It is on the privacy notice's second layer about the partners (/privacy-notice/partners/).
 */
export function PartnerSharingTable({ rows }: Props) {
  return (
    <section aria-labelledby="what-each-partner-shares">
      <h2 id="what-each-partner-shares">{t('privacy.partners.heading')}</h2>
      <p>{t('privacy.partners.intro')}</p>
      <ResponsiveTable
        caption={t('privacy.partners.caption')}
        columns={[
          t('privacy.partners.type'),
          t('privacy.partners.shares'),
          t('privacy.partners.access'),
          t('privacy.partners.identifies'),
          t('privacy.partners.lawfulBasis'),
        ]}
        rows={rows.map((row) => ({
          key: row.type,
          cells: [
            t(`site.orgType.${row.type}.many`),
            row.shares,
            t(`privacy.partners.access.${row.access}`),
            t(row.identifies ? 'privacy.partners.identifies.yes' : 'privacy.partners.identifies.no'),
            row.lawfulBasis,
          ],
        }))}
      />
      <p>
        <a href="/organisations/">{t('privacy.partners.link')}</a>
      </p>
    </section>
  );
}
