import { canWithdraw, type OptOutStatus } from '../../domain/opt-out.ts';
import { formatDate, type MessageKey, t } from '../../i18n/t.ts';
import { LanguageField } from '../components/LanguageField.tsx';
import { SummaryList } from '../components/SummaryList.tsx';

export interface StatusResultViewProps {
  reference: string;
  status: OptOutStatus;
  dates: { key: MessageKey; date: Date | null }[];
  withdrawalRequested: boolean;
  /** Reference and date of birth, posted again (never in a URL) if the person withdraws. */
  withdrawFields: Record<string, string>;
}

/** The status and its dates, nothing else; then the way to withdraw. */
export function StatusResultView(props: StatusResultViewProps) {
  const rows = [
    { key: t('optOut.status.current'), value: t(`optOut.status.${props.status}`) },
    ...props.dates
      .filter((entry): entry is { key: MessageKey; date: Date } => entry.date !== null)
      .map((entry) => ({ key: t(entry.key), value: formatDate(entry.date) })),
  ];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{t('optOut.status.resultTitle', { reference: props.reference })}</h1>
        <SummaryList rows={rows} />
        {canWithdraw(props.status) ? (
          <>
            <h2>{t('optOut.status.withdrawHeading')}</h2>
            {props.withdrawalRequested ? <p>{t('optOut.status.withdrawPending')}</p> : null}
            <p>{t('optOut.status.withdrawText')}</p>
            <form action="/api/opt-out/withdraw" method="post">
              <LanguageField />
              {Object.entries(props.withdrawFields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                {t('optOut.status.withdrawButton')}
              </button>
            </form>
          </>
        ) : (
          <p>{t(props.status === 'rejected' ? 'optOut.status.rejectedText' : 'optOut.status.withdrawnText')}</p>
        )}
        <p>
          <a href="/opt-out/status/">{t('optOut.status.another')}</a>
        </p>
      </div>
    </div>
  );
}
