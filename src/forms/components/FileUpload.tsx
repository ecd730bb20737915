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
export function FileUpload({ accept, ...field }: Props) {
  return (
    <LabelledField {...field} controlClass="nhsuk-file-upload">
      {(control) => <input {...control} type="file" accept={accept} />}
    </LabelledField>
  );
}
