import { t } from '../../i18n/t.ts';
import type { SettingsData } from '../../schemas/settings.ts';
import { websiteFormSections } from '../../utils/privacy-notice.ts';
import { ResponsiveTable } from './ResponsiveTable.tsx';

interface Props {
  /** The site settings: the forms, their processors and the retention periods. */
  settings: SettingsData;
}

/**
 * "What this website collects", generated from content/settings/site.yaml, so the notice states
 * the purposes, lawful bases, retention periods and processors the settings (and the retention
 * job) work to, and cannot drift from them (UK GDPR Article 13: data collected from the person).
 */
export function WebsiteDataSection({ settings }: Props) {
  const { websiteData } = settings;
  const sections = websiteFormSections(settings);
  const nameOf = new Map(websiteData.processors.map((p) => [p.id, p.name]));
  return (
    <section aria-labelledby="what-this-website-collects">
      <h2 id="what-this-website-collects">{t('privacy.website.heading')}</h2>
      <p>{t('privacy.website.intro', { controller: websiteData.controller })}</p>
      {websiteData.example && (
        <div className="nhsuk-inset-text">
          <p>{t('privacy.website.example')}</p>
        </div>
      )}
      {sections.map((section) => (
        <section key={section.form} aria-labelledby={section.id}>
          <h3 id={section.id}>{section.heading}</h3>
          <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.collects')}</h4>
          <p>{section.collects}</p>
          <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.purpose')}</h4>
          <p>{section.purpose}</p>
          <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.lawfulBasis')}</h4>
          <p>{section.lawfulBasis}</p>
          <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1" id={`${section.id}-keep`}>
            {t('privacy.website.keep')}
          </h4>
          {section.keep.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
          <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.companies')}</h4>
          <ul>
            {section.processors.map((id) => (
              <li key={id}>{nameOf.get(id) ?? id}</li>
            ))}
          </ul>
        </section>
      ))}
      <h3 id="website-processors">{t('privacy.processors.heading')}</h3>
      <p>{t('privacy.processors.intro')}</p>
      <ResponsiveTable
        caption={t('privacy.processors.caption')}
        columns={[
          t('privacy.processors.name'),
          t('privacy.processors.role'),
          t('privacy.processors.location'),
          t('privacy.processors.transfer'),
        ]}
        rows={websiteData.processors.map((p) => ({ key: p.id, cells: [p.name, p.role, p.location, p.transfer] }))}
      />
    </section>
  );
}
