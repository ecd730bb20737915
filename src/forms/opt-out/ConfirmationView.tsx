import { t } from '../../i18n/t.ts';
import { ConfirmationPage } from '../components/ConfirmationPage.tsx';

/**
 * The confirmation panel with the reference (GOV.UK Forms style) and what happens next. Shown
 * only after the request and its email have committed.
 */
export function ConfirmationView(props: { reference: string; emailSent: boolean; workingDays: number }) {
  return (
    <ConfirmationPage
      title={t('optOut.confirmation.title')}
      label={t('optOut.confirmation.reference')}
      reference={props.reference}
    >
      <p>{t('optOut.confirmation.keep')}</p>
      <h2>{t('optOut.confirmation.nextHeading')}</h2>
      <p>{props.emailSent ? t('optOut.confirmation.emailSent') : t('optOut.confirmation.noEmail')}</p>
      <p>{t('optOut.confirmation.identity')}</p>
      <p>{t('optOut.confirmation.apply', { days: props.workingDays })}</p>
      <p>
        <a href="/opt-out/status/">{t('optOut.confirmation.statusLink')}</a>. {t('optOut.confirmation.changeMind')}
      </p>
    </ConfirmationPage>
  );
}

/** A page with a heading, a few paragraphs and, optionally, one button posting hidden fields. */
export function MessageView(props: {
  title: string;
  lines: readonly string[];
  link?: { href: string; text: string };
  action?: { url: string; button: string; hidden: Record<string, string> };
}) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{props.title}</h1>
        {props.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {props.action ? (
          <form action={props.action.url} method="post">
            {Object.entries(props.action.hidden).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button className="nhsuk-button" type="submit">
              {props.action.button}
            </button>
          </form>
        ) : null}
        {props.link ? (
          <p>
            <a href={props.link.href}>{props.link.text}</a>
          </p>
        ) : null}
      </div>
    </div>
  );
}
