import { t } from '../../../../i18n/t.ts';
import type { DeadLetter } from '../../outbox/dead-letters.ts';
import { dateTime } from './format.ts';
import { CsrfField, DoneBanner, TableStart } from './parts.tsx';

/** Emails the outbox gave up on, each with a Retry button (a plain form POST). */
export function DeadLetters({
  letters,
  csrfToken,
  done,
}: {
  letters: readonly DeadLetter[];
  csrfToken: string;
  done?: string | undefined;
}) {
  return (
    <>
      <DoneBanner title={t('staffQueues.done.title')} message={done} />
      <h1 className="nhsuk-heading-l">{t('staffQueues.mail.title')}</h1>
      <p className="nhsuk-body">{t('staffQueues.mail.lead')}</p>
      {letters.length === 0 ? (
        <p className="nhsuk-body">{t('staffQueues.mail.empty')}</p>
      ) : (
        <table className="nhsuk-table">
          <TableStart
            caption={
              letters.length === 1
                ? t('staffQueues.mail.countOne')
                : t('staffQueues.mail.count', { count: letters.length })
            }
            columns={(['email', 'reference', 'created', 'attempts', 'error', 'action'] as const).map((column) =>
              t(`staffQueues.mail.column.${column}`),
            )}
          />
          <tbody className="nhsuk-table__body">
            {letters.map((letter) => (
              <tr className="nhsuk-table__row" key={letter.id}>
                <td className="nhsuk-table__cell">{letter.template}</td>
                <td className="nhsuk-table__cell">{letter.reference ?? t('staffQueues.mail.noReference')}</td>
                <td className="nhsuk-table__cell">{dateTime(letter.createdAt)}</td>
                <td className="nhsuk-table__cell">{letter.attempts}</td>
                <td className="nhsuk-table__cell">{letter.lastError ?? ''}</td>
                <td className="nhsuk-table__cell">
                  <form method="post" action={`/staff/mail/${letter.id}/retry`}>
                    <CsrfField token={csrfToken} />
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                      {t('staffQueues.mail.retry')}
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        {t('staffQueues.mail.retryHidden', {
                          template: letter.template,
                          reference: letter.reference ?? letter.id,
                        })}
                      </span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
