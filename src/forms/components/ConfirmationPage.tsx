import type { ReactNode } from 'react';

/**
 * A confirmation page (GOV.UK Forms style): the panel with the page's h1 and the reference the
 * person quotes if they get in touch, then what happens next. The reference is left to right on
 * Urdu pages too, so it reads as printed.
 */
export function ConfirmationPage(props: { title: string; label: string; reference: string; children: ReactNode }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className="nhsuk-panel">
          <h1 className="nhsuk-panel__title">{props.title}</h1>
          <div className="nhsuk-panel__body">
            {props.label}
            <br />
            <strong className="clearshare-reference" data-testid="reference" dir="ltr">
              {props.reference}
            </strong>
          </div>
        </div>
        {props.children}
      </div>
    </div>
  );
}
