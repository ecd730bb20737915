import { LabelledField } from '../../../forms/components/FormGroup.tsx';
import { TextInput } from '../../../forms/components/index.ts';

interface Props {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** "current-password" at sign-in, "new-password" at set-up: password managers fill or offer to generate. */
  autoComplete: 'current-password' | 'new-password';
}

/**
 * An NHS.UK password input. Paste is never blocked and autocomplete is set, so password managers
 * work (WCAG 3.3.8 Accessible Authentication). No maxLength: a too-long passphrase gets a message
 * instead of being cut short silently.
 */
export function PasswordInput({ autoComplete, ...field }: Props) {
  return (
    <LabelledField {...field} controlClass="nhsuk-input">
      {(control) => (
        <input {...control} type="password" autoComplete={autoComplete} spellCheck={false} autoCapitalize="none" />
      )}
    </LabelledField>
  );
}

/** An authenticator code box: six digits, a number keypad, and the browser's one-time-code autofill. */
export function CodeInput(props: { name: string; label: string; hint: string; error: string | undefined }) {
  return (
    <TextInput
      name={props.name}
      label={props.label}
      hint={props.hint}
      width={10}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      error={props.error}
    />
  );
}
