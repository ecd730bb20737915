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
