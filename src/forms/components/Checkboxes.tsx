import { ChoiceInput } from './ChoiceInput.tsx';
import { describedBy, FormGroup, HintAndError } from './FormGroup.tsx';

interface Props {
  name: string;
  legend: string;
  hint?: string | undefined;
  options: readonly { value: string; label: string; hint?: string }[];
  values?: readonly string[] | undefined;
  error?: string | undefined;
}

/** NHS.UK checkboxes; a single checkbox (a declaration) is a list of one. */
export function Checkboxes({ name, legend, hint, options, values = [], error }: Props) {
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <HintAndError id={name} hint={hint} error={error} />
        <div className="nhsuk-checkboxes">
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${index + 1}`;
            return (
              <div className="nhsuk-checkboxes__item" key={option.value}>
                <ChoiceInput
                  kind="checkboxes"
                  id={id}
                  name={name}
                  value={option.value}
                  checked={values.includes(option.value)}
                  label={option.label}
                />
                {option.hint ? <div className="nhsuk-hint nhsuk-checkboxes__hint">{option.hint}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
