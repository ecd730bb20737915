import { LabelledField } from './FormGroup.tsx';

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
    <LabelledField name={name} label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          className={error ? 'nhsuk-textarea nhsuk-textarea--error' : 'nhsuk-textarea'}
          rows={rows}
          defaultValue={value}
          data-maxlength={maxLength}
        />
      )}
    </LabelledField>
  );
}
