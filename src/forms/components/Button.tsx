interface Props {
  children: string;
  name?: string;
  value?: string;
  secondary?: boolean;
}

/** An NHS.UK button. Double clicks are harmless: submissions carry an idempotency key. */
export function Button({ children, name, value, secondary }: Props) {
  return (
    <button
      className={secondary ? 'nhsuk-button nhsuk-button--secondary' : 'nhsuk-button'}
      data-module="nhsuk-button"
      type="submit"
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}
