import { t } from '../../i18n/t.ts';

/**
 * A field people never see and bots fill in. It is hidden with CSS and from assistive
 * technology (aria-hidden, tabIndex -1) so that no person, sighted or not, can reach it; its
 * label still tells anyone who somehow does to leave it empty. Its name is "website".
 */
export function Honeypot() {
  return (
    <div className="clearshare-honeypot" aria-hidden="true">
      <label htmlFor="website">{t('forms.honeypot.label')}</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
