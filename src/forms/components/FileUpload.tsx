import { LabelledField } from './FormGroup.tsx';

interface Props {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Offered to the file picker only; the server checks the file's bytes, not its name. */
  accept: string;
}

/** A plain file input with NHS.UK label, hint and error. */
export function FileUpload({ name, label, hint, error, accept }: Props) {
  return (
    <LabelledField name={name} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className={error ? 'nhsuk-file-upload nhsuk-file-upload--error' : 'nhsuk-file-upload'}
          type="file"
          accept={accept}
        />
      )}
    </LabelledField>
  );
}
