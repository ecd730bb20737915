import { describedBy, FormGroup, HintAndError } from './FormGroup.tsx';

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
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={name}>
        {label}
      </label>
      <HintAndError id={name} hint={hint} error={error} />
      <input
        className={error ? 'nhsuk-file-upload nhsuk-file-upload--error' : 'nhsuk-file-upload'}
        id={name}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FormGroup>
  );
}
