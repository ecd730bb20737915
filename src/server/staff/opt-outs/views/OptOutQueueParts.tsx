import { Button } from '../../../../forms/components/Button.tsx';
import { DateInput, Radios, SingleCheckbox, Textarea } from '../../../../forms/components/index.ts';
import { dateParts } from '../../../../forms/date-parts.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { BULK_ACTIONS } from '../bulk.ts';
import { filterPairs, type OptOutFilter } from '../forms.ts';

/**
 * The work list's parts for volume: page links by keyset, the bulk action fields, and the
 * keyboard shortcuts' help and switch.
 */

/** Previous/next links: the filter and a row id only, never anything personal, in the address. */
export function PageLinks({
  filter,
  previous,
  next,
}: {
  filter: OptOutFilter;
  previous?: number | undefined;
  next?: number | undefined;
}) {
  if (previous === undefined && next === undefined) return null;
  const href = (cursor: [string, string][]) =>
    `/staff/opt-outs?${new URLSearchParams([...filterPairs(filter), ...cursor]).toString()}`;
  return (
    <nav className="nhsuk-pagination" aria-label={t('staffOptOutQueue.pages')}>
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous !== undefined ? (
          <li className="nhsuk-pagination-item--previous">
            <a
              className="nhsuk-pagination__link nhsuk-pagination__link--prev"
              href={href([['before', String(previous)]])}
            >
              <span className="nhsuk-pagination__title">{t('staffOptOutQueue.previous')}</span>
            </a>
          </li>
        ) : null}
        {next !== undefined ? (
          <li className="nhsuk-pagination-item--next">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--next" href={href([['after', String(next)]])}>
              <span className="nhsuk-pagination__title">{t('staffOptOutQueue.next')}</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** "Select all N matching", the step, and what the steps need (one note, one date). */
export function BulkActionFields({
  matching,
  errors,
  values,
}: {
  matching: number;
  errors: readonly FieldError[];
  values: Record<string, string>;
}) {
  const fieldErrors = errorsByField(errors);
  return (
    <fieldset className="nhsuk-fieldset nhsuk-u-margin-top-5">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{t('staffOptOutQueue.bulk.heading')}</legend>
      <SingleCheckbox
        name="allMatching"
        label={
          matching === 1
            ? t('staffOptOutQueue.bulk.allMatchingOne')
            : t('staffOptOutQueue.bulk.allMatching', { count: matching.toLocaleString('en-GB') })
        }
        checked={values['allMatching'] === 'yes'}
      />
      <Radios
        name="action"
        legend={t('staffOptOutQueue.bulk.action')}
        hint={t('staffOptOutQueue.bulk.actionHint')}
        value={values['action']}
        error={fieldErrors['action']}
        options={BULK_ACTIONS.map((action) => ({ value: action, label: t(`staffQueues.optOut.action.${action}`) }))}
      />
      <Textarea
        name="note"
        label={t('staffOptOutQueue.bulk.noteLabel')}
        hint={t('staffOptOutQueue.bulk.noteHint')}
        rows={2}
        value={values['note']}
        error={fieldErrors['note']}
      />
      <DateInput
        name="date"
        legend={t('staffOptOutQueue.bulk.dateLegend')}
        hint={t('staffOptOutQueue.bulk.dateHint')}
        value={dateParts(values, 'date')}
        error={fieldErrors['date']}
      />
      <Button>{t('staffOptOutQueue.bulk.continue')}</Button>
    </fieldset>
  );
}

/**
 * The shortcuts, said on the page (WCAG 2.1.4 Character Key Shortcuts): they work only while a
 * checkbox in the list has focus, never while typing, and can be turned off. The switch is shown
 * only by the script (without JavaScript there are no shortcuts to turn off).
 */
export function KeyboardHelp() {
  return (
    <details className="nhsuk-details" id="queue-keys-help">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{t('staffOptOutQueue.keys.heading')}</span>
      </summary>
      <div className="nhsuk-details__text">
        <p className="nhsuk-body">{t('staffOptOutQueue.keys.body')}</p>
        <div className="nhsuk-checkboxes" id="queue-keys-switch" hidden>
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="queue-keys-on" type="checkbox" defaultChecked />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="queue-keys-on">
              {t('staffOptOutQueue.keys.toggle')}
            </label>
          </div>
        </div>
      </div>
    </details>
  );
}
