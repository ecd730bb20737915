import { t } from '../../../i18n/t.ts';

/**
 * A refusal or failure in the staff back office: what happened, what would fix it (for a refusal,
 * the role needed and who gives it), and where to go next.
 */
export function ErrorPage({ heading, detail }: { heading: string; detail?: string | undefined }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{heading}</h1>
        {detail ? <p>{detail}</p> : null}
        <p>
          <a href="/staff/">{t('staffAuth.errors.home')}</a>
        </p>
      </div>
    </div>
  );
}
