import type { InputHTMLAttributes } from 'react';
import { describedBy, FormGroup, HintAndError } from './FormGroup.tsx';

interface Props {
  name: string;
  label: string;
  /** Show the label as the page heading (one-question pages). */
  labelIsHeading?: boolean;
  hint?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
  /** NHS.UK width class, e.g. 10 for an NHS number, 5 for a postcode. */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  type?: 'text' | 'email' | 'tel' | 'search';
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  spellCheck?: boolean;
  /**
   * "ltr" for what is typed left to right in every language (a postcode, a reference). Email
   * addresses, phone numbers and number boxes are always left to right: on an Urdu page the box
   * would otherwise start at the right and a screen reader would read "3457 777 485".
   */
  dir?: 'ltr';
}

/** An NHS.UK text input with its label, hint and error message wired up for screen readers. */
export function TextInput(props: Props) {
  const { name, label, hint, value, error, width, type = 'text' } = props;
  const labelElement = (
    <label className={props.labelIsHeading ? 'nhsuk-label nhsuk-label--l' : 'nhsuk-label'} htmlFor={name}>
      {label}
    </label>
  );
  return (
    <FormGroup error={error}>
      {props.labelIsHeading ? <h1 className="nhsuk-label-wrapper">{labelElement}</h1> : labelElement}
      <HintAndError id={name} hint={hint} error={error} />
      <input
        className={['nhsuk-input', width ? `nhsuk-input--width-${width}` : '', error ? 'nhsuk-input--error' : '']
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim()}
        id={name}
        name={name}
        type={type}
        defaultValue={value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        spellCheck={props.spellCheck}
        dir={props.dir ?? (type === 'email' || type === 'tel' || props.inputMode === 'numeric' ? 'ltr' : undefined)}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FormGroup>
  );
}
