import { Fragment, type ReactNode } from 'react';
import { ChoiceInput } from './ChoiceInput.tsx';
import { describedBy, FormGroup, HintAndError } from './FormGroup.tsx';

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
  /** Extra questions shown under this option. Without JavaScript they are always shown. */
  conditional?: ReactNode;
}

interface Props {
  name: string;
  legend: string;
  /** Show the legend as the page heading (one-question pages). */
  legendIsHeading?: boolean;
  hint?: string | undefined;
  options: readonly RadioOption[];
  value?: string | undefined;
  error?: string | undefined;
  inline?: boolean;
  /**
   * Set once hydrated, to the option chosen now ("" for none): the conditional questions of the
   * other options are hidden, and each option says which questions it controls (aria-controls).
   * Kept apart from `value`, which only sets the initial choice. Undefined (no JavaScript):
   * every conditional question stays visible.
   */
  revealedOption?: string | undefined;
}

/**
 * NHS.UK radios in a fieldset. The first radio carries the field's id so the error summary
 * link lands on it. Conditional questions are plain HTML below their option, so the form
 * still works with JavaScript off.
 */
export function Radios({ name, legend, legendIsHeading, hint, options, value, error, inline, revealedOption }: Props) {
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend
          className={
            legendIsHeading
              ? 'nhsuk-fieldset__legend nhsuk-fieldset__legend--l'
              : 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s'
          }
        >
          {legendIsHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <HintAndError id={name} hint={hint} error={error} />
        <div className={inline ? 'nhsuk-radios nhsuk-radios--inline' : 'nhsuk-radios'}>
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${index + 1}`;
            return (
              // No wrapper element: NHS.UK's styles expect each item and its conditional questions as
              // direct children of .nhsuk-radios (inline radios are a flex row of items, each at most
              // half the row; inside a wrapper the label wrapped under its button).
              <Fragment key={option.value}>
                <div className="nhsuk-radios__item">
                  <ChoiceInput
                    kind="radios"
                    id={id}
                    name={name}
                    value={option.value}
                    checked={value === option.value}
                    label={option.label}
                    describedBy={option.hint ? `${id}-item-hint` : undefined}
                    controls={revealedOption !== undefined && option.conditional ? `${id}-conditional` : undefined}
                  />
                  {option.hint ? (
                    <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                      {option.hint}
                    </div>
                  ) : null}
                </div>
                {option.conditional ? (
                  <div
                    className={
                      revealedOption !== undefined && revealedOption !== option.value
                        ? 'nhsuk-radios__conditional nhsuk-radios__conditional--hidden'
                        : 'nhsuk-radios__conditional'
                    }
                    id={`${id}-conditional`}
                  >
                    {option.conditional}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
