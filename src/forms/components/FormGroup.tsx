import type { ReactNode } from 'react';
import { t } from '../../i18n/t.ts';

interface Props {
  error?: string | undefined;
  className?: string;
  children: ReactNode;
}

/**
 * The NHS.UK form group: the red left border when the field has an error. The message itself is
 * placed by each field, with HintAndError, under its label or legend: a screen reader user hears
 * the question first, then what is wrong with the answer.
 */
export function FormGroup({ error, className, children }: Props) {
  return (
    <div className={['nhsuk-form-group', error ? 'nhsuk-form-group--error' : '', className ?? ''].join(' ').trim()}>
      {children}
    </div>
  );
}

/** What a field's control carries so its label finds it and screen readers read its hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-describedby': string | undefined;
  /** The NHS.UK class, with its error modifier when the answer has an error. */
  className: string;
}

/**
 * One labelled control in its form group: the label, then the hint and error, then the control,
 * which gets the id, name and aria-describedby that tie it to them. Text areas, selects, file and
 * password inputs differ only in the control, so the order screen readers depend on lives here.
 */
export function LabelledField(props: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** The control's NHS.UK class, e.g. nhsuk-textarea; nhsuk-textarea--error is added on error. */
  controlClass: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { name, hint, error, controlClass } = props;
  const className = error ? `${controlClass} ${controlClass}--error` : controlClass;
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={name}>
        {props.label}
      </label>
      <HintAndError id={name} hint={hint} error={error} />
      {props.children({ id: name, name, 'aria-describedby': describedBy(name, hint, error), className })}
    </FormGroup>
  );
}

/** A field's hint then its error message, as NHS.UK orders them: after the label, before the box. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={id} message={error} /> : null}
    </>
  );
}

/** The message beside a field. "Error:" is read out, so colour is not the only signal. */
export function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">{t('forms.errorPrefix')}</span> {message}
    </span>
  );
}

/** The ids a control is described by: its hint and its error, when present. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="nhsuk-hint" id={`${id}-hint`}>
      {children}
    </div>
  );
}
