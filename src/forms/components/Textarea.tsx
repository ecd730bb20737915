import { describedBy, FormGroup, HintAndError } from './FormGroup.tsx';

interface Props {
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
  rows?: number;
  /** Most characters allowed; stated in the hint so nobody loses what they wrote. */
  maxLength?: number;
}

/** An NHS.UK textarea. */
export function Textarea({ name, label, hint, value, error, rows = 5, maxLength }: Props) {
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={name}>
        {label}
      </label>
      <HintAndError id={name} hint={hint} error={error} />
      <textarea
        className={error ? 'nhsuk-textarea nhsuk-textarea--error' : 'nhsuk-textarea'}
        id={name}
        name={name}
        rows={rows}
        defaultValue={value}
        data-maxlength={maxLength}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FormGroup>
  );
}
