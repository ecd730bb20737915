import { t } from '../../i18n/t.ts';
import { type DatePart, datePartName } from '../date-parts.ts';
import { describedBy, FormGroup, HintAndError } from './FormGroup.tsx';

interface Props {
  /** Base name: the parts post as `<name>Day`, `<name>Month`, `<name>Year`. */
  name: string;
  legend: string;
  hint?: string | undefined;
  value?: { day?: string | undefined; month?: string | undefined; year?: string | undefined } | undefined;
  error?: string | undefined;
  /** Which parts the error is about, so only those are outlined (GOV.UK date pattern). */
  errorParts?: readonly DatePart[];
}

/**
 * The NHS.UK date input: three text boxes, because people know their date of birth as numbers
 * and a date picker is slow and hard to use with a screen reader. The day box carries the
 * field's id so the error summary link lands on it.
 */
export function DateInput({ name, legend, hint, value = {}, error, errorParts = ['day', 'month', 'year'] }: Props) {
  const parts = [
    { part: 'day', label: t('forms.date.day'), width: 2, autoComplete: 'bday-day' },
    { part: 'month', label: t('forms.date.month'), width: 2, autoComplete: 'bday-month' },
    { part: 'year', label: t('forms.date.year'), width: 4, autoComplete: 'bday-year' },
  ] as const;
  return (
    <FormGroup error={error}>
      {/* biome-ignore lint/a11y/noRedundantRoles: NHS.UK and GOV.UK keep role="group" so VoiceOver announces the legend with each date box. */}
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy(name, hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <HintAndError id={name} hint={hint} error={error} />
        {/* Day, month, year left to right in every language, as the hint's example is written. */}
        <div className="nhsuk-date-input" id={`${name}-parts`} dir="ltr">
          {parts.map(({ part, label, width, autoComplete }) => {
            const id = part === 'day' ? name : `${name}-${part}`;
            const invalid = Boolean(error) && errorParts.includes(part);
            return (
              <div className="nhsuk-date-input__item" key={part}>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>
                    {label}
                  </label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${invalid ? ' nhsuk-input--error' : ''}`}
                    id={id}
                    name={datePartName(name, part)}
                    type="text"
                    inputMode="numeric"
                    autoComplete={name === 'dateOfBirth' ? autoComplete : undefined}
                    defaultValue={value[part]}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
