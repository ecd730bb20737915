import type { ReactNode } from 'react';

/**
 * One NHS.UK radio or checkbox and its label, the input first: NHS.UK's styles draw the box from
 * the input and make the whole label the click target, and screen readers read the label as its name.
 */
export function ChoiceInput(props: {
  kind: 'radios' | 'checkboxes';
  id: string;
  name: string;
  value: string;
  checked: boolean;
  label: ReactNode;
  /** The option's own hint, read after its label. */
  describedBy?: string | undefined;
  /** The conditional questions this radio reveals. */
  controls?: string | undefined;
}) {
  return (
    <>
      <input
        className={`nhsuk-${props.kind}__input`}
        id={props.id}
        name={props.name}
        type={props.kind === 'radios' ? 'radio' : 'checkbox'}
        value={props.value}
        defaultChecked={props.checked}
        aria-describedby={props.describedBy}
        aria-controls={props.controls}
      />
      <label className={`nhsuk-label nhsuk-${props.kind}__label`} htmlFor={props.id}>
        {props.label}
      </label>
    </>
  );
}
