import type { ReactNode } from 'react';
import { t } from '../../i18n/t.ts';

interface Props {
  /** The field's id; hint and error ids derive from it for aria-describedby. */
  id: string;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
}

/** The NHS.UK form group: red left border and message when the field has an error. */
export function FormGroup({ id, error, className, children }: Props) {
  return (
    <div className={['nhsuk-form-group', error ? 'nhsuk-form-group--error' : '', className ?? ''].join(' ').trim()}>
      {error ? <ErrorMessage id={id} message={error} /> : null}
      {children}
    </div>
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
