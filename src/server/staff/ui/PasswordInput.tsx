import { describedBy, ErrorMessage, Hint } from '../../../forms/components/FormGroup.tsx';
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
export function PasswordInput({ name, label, hint, error, autoComplete }: Props) {
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <label className="nhsuk-label" htmlFor={name}>
        {label}
      </label>
      {hint ? <Hint id={name}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={name} message={error} /> : null}
      <input
        className={error ? 'nhsuk-input nhsuk-input--error' : 'nhsuk-input'}
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="none"
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

/** The hidden CSRF field every staff form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrfToken" value={token} />;
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
