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
 * It is the privacy notice's second layer, a page of its own (/privacy-notice/website/, whose
 * title is the heading): the notice itself says what it covers and links to it, so the notice
 * fits a phone's first round trip (issue 20). Each form is a section with an `h2`.
 */
export function WebsiteDataSection({ settings }: Props) {
  const { websiteData } = settings;
  const sections = websiteFormSections(settings);
  const nameOf = new Map(websiteData.processors.map((p) => [p.id, p.name]));
  return (
    <>
      <p>{t('privacy.website.intro', { controller: websiteData.controller })}</p>
      {websiteData.example && (
        <div className="nhsuk-inset-text">
          <p>{t('privacy.website.example')}</p>
        </div>
      )}
      {sections.map((section) => (
        <section key={section.form} aria-labelledby={section.id}>
          <h2 id={section.id}>{section.heading}</h2>
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.collects')}</h3>
          <p>{section.collects}</p>
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.purpose')}</h3>
          <p>{section.purpose}</p>
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.lawfulBasis')}</h3>
          <p>{section.lawfulBasis}</p>
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1" id={`${section.id}-keep`}>
            {t('privacy.website.keep')}
          </h3>
          {section.keep.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{t('privacy.website.companies')}</h3>
          <ul>
            {section.processors.map((id) => (
              <li key={id}>{nameOf.get(id) ?? id}</li>
            ))}
          </ul>
        </section>
      ))}
      <h2 id="website-processors">{t('privacy.processors.heading')}</h2>
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
    </>
  );
}
