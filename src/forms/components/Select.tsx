import { LabelledField } from './FormGroup.tsx';

/** NHS.UK select with its label, hint and error wired up. */
export function Select(props: {
  name: string;
  label: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
}) {
  const { options, value, ...field } = props;
  return (
    <LabelledField {...field} controlClass="nhsuk-select">
      {(control) => (
        <select {...control} defaultValue={value}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}
