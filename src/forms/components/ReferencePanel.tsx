/**
 * The confirmation panel (GOV.UK Forms style): the page's h1, then the reference the person quotes
 * if they get in touch. The reference is left to right on Urdu pages too, so it reads as printed.
 */
export function ReferencePanel(props: { title: string; label: string; reference: string }) {
  return (
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
  );
}
