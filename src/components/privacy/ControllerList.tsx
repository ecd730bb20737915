import { t } from '../../i18n/t.ts';
import type { SettingsData } from '../../schemas/settings.ts';

interface Props {
  /** The joint data controllers from content/settings/site.yaml. */
  controllers: SettingsData['dataControllers'];
}

/**
 * Every joint controller with its contact details, straight from the settings (UK GDPR Articles
 * 13(1)(a) and 26(2): people must be able to reach each controller and use their rights with any).
 * It is on the privacy notice's second layer about the partners (/privacy-notice/partners/); the
 * notice itself gives the scheme's own address and its data protection officer.
 */
export function ControllerList({ controllers }: Props) {
  return (
    <section aria-labelledby="data-controllers">
      <h2 id="data-controllers">{t('privacy.controllers.heading')}</h2>
      <p>{t('privacy.controllers.intro')}</p>
      <dl className="privacy-controllers">
        {controllers.map((controller) => (
          <div key={controller.name}>
            <dt className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{controller.name}</dt>
            <dd className="nhsuk-u-margin-left-0 nhsuk-u-margin-bottom-4">{controller.contact}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
