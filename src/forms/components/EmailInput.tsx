import { TextInput } from './TextInput.tsx';

interface Props {
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
}

/**
 * An email address box: named "email", offered the person's saved address by the browser, and not
 * spell-checked (a checker would underline most addresses).
 */
export function EmailInput({ label, hint, value, error }: Props) {
  return (
    <TextInput
      name="email"
      type="email"
      label={label}
      hint={hint}
      autoComplete="email"
      spellCheck={false}
      value={value}
      error={error}
    />
  );
}
