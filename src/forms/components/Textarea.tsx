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
export function Textarea({ value, rows = 5, maxLength, ...field }: Props) {
  return (
    <LabelledField {...field} controlClass="nhsuk-textarea">
      {(control) => <textarea {...control} rows={rows} defaultValue={value} data-maxlength={maxLength} />}
    </LabelledField>
  );
}
