import { ChoiceInput } from './ChoiceInput.tsx';

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
          <ChoiceInput kind="checkboxes" id={name} name={name} value={value} checked={checked} label={label} />
        </div>
      </div>
    </div>
  );
}
