interface Props {
  name: string;
  label: string;
  checked: boolean;
  /** The value posted when ticked. Default "yes". */
  value?: string;
}

/**
 * One NHS.UK checkbox that answers a yes/no aside to the question above it (e.g. "I do not have
 * a UK postcode"), so it needs no fieldset or legend of its own.
 */
export function SingleCheckbox({ name, label, checked, value = 'yes' }: Props) {
  return (
    <div className="nhsuk-form-group">
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={name}
            name={name}
            type="checkbox"
            value={value}
            defaultChecked={checked}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={name}>
            {label}
          </label>
        </div>
      </div>
    </div>
  );
}
