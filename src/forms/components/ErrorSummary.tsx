import { t } from '../../i18n/t.ts';
import type { FieldError } from '../validation.ts';

interface Props {
  errors: readonly FieldError[];
  /** Where each error links; defaults to the element with the field's name as id. */
  hrefFor?: (field: string) => string;
}

/**
 * NHS.UK error summary. It is focused when the page loads (React's autoFocus, which the server
 * renders as the autofocus attribute, so it works without JavaScript) so screen reader users hear
 * the problems first; role="alert" sits on a child, not on the focused element, so the
 * announcement is not cut short by the focus change.
 */
export function ErrorSummary({ errors, hrefFor = (field) => `#${field}` }: Props) {
  if (errors.length === 0) return null;
  return (
    // biome-ignore lint/a11y/noAutofocus: the NHS.UK pattern moves focus to the summary after a failed submit, which the person asked for.
    <div className="nhsuk-error-summary" tabIndex={-1} autoFocus data-module="nhsuk-error-summary">
      <div role="alert">
        <h2 className="nhsuk-error-summary__title">{t('forms.errorSummary.title')}</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error) => (
              <li key={error.field}>
                <a href={hrefFor(error.field)}>{error.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
