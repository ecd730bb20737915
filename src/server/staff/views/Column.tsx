import type { ReactNode } from 'react';
import { ErrorSummary } from '../../../forms/components/index.ts';
import type { FieldError } from '../../../forms/validation.ts';

/**
 * The main column of a staff page (NHS.UK two-thirds). A page with a form passes its `errors`, so
 * the error summary comes first, where the NHS.UK pattern puts it.
 */
export function Column({ errors, children }: { errors?: readonly FieldError[]; children: ReactNode }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {errors ? <ErrorSummary errors={errors} /> : null}
        {children}
      </div>
    </div>
  );
}
