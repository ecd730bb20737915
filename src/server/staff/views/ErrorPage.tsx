import { t } from '../../../i18n/t.ts';
import { Column } from './Column.tsx';

/**
 * A refusal or failure in the staff back office: what happened, what would fix it (for a refusal,
 * the role needed and who gives it), and where to go next.
 */
export function ErrorPage({ heading, detail }: { heading: string; detail?: string | undefined }) {
  return (
    <Column>
      <h1>{heading}</h1>
      {detail ? <p>{detail}</p> : null}
      <p>
        <a href="/staff/">{t('staffAuth.errors.home')}</a>
      </p>
    </Column>
  );
}
