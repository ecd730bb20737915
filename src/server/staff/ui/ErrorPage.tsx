import { t } from '../../../i18n/t.ts';

/** A refusal or failure in the staff back office: what happened and where to go next. */
export function ErrorPage({ heading }: { heading: string }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{heading}</h1>
        <p>
          <a href="/staff/">{t('staffAuth.errors.home')}</a>
        </p>
      </div>
    </div>
  );
}
