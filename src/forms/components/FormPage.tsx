import type { ReactNode, Ref } from 'react';
import type { FieldError } from '../validation.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

/**
 * The frame of a one-form page: the error summary first (the island focuses it through
 * summaryRef after a failed submit, so a screen reader reads the list before anything else),
 * then the page's only h1, its introduction and the form.
 */
export function FormPage(props: {
  title: string;
  intro: ReactNode;
  summaryErrors: readonly FieldError[];
  summaryRef?: Ref<HTMLDivElement> | undefined;
  children: ReactNode;
}) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div ref={props.summaryRef}>
          <ErrorSummary errors={props.summaryErrors} />
        </div>
        <h1>{props.title}</h1>
        <p>{props.intro}</p>
        {props.children}
      </div>
    </div>
  );
}
