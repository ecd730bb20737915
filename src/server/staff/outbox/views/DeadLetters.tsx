import { formatDate, isMessageKey, t } from '../../../../i18n/t.ts';
import { deliveryProblem } from '../../../mail/delivery-problem.ts';
import { RETRY_WINDOW_MS } from '../../../mail/outbox.ts';
import { dateTime } from '../../views/format.ts';
import { CsrfField, countCaption, DoneBanner } from '../../views/parts.tsx';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { DeadLetter } from '../dead-letters.ts';

/** What an email is, in words ("Acknowledgement of feedback"), rather than its template's name. */
function emailName(template: string): string {
  const key = `staffQueues.mail.template.${template}`;
  return isMessageKey(key) ? t(key) : t('staffQueues.mail.template.unknown');
}

/**
 * Emails the outbox gave up on, each with a Retry button (a plain form POST). What went wrong is
 * said in words (delivery-problem.ts) with the day the retries ended; the raw error is in the log.
 */
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
        <StaffTable
          label={t('staffQueues.mail.title')}
          caption={countCaption('mail', letters.length)}
          columns={(['email', 'reference', 'created', 'attempts', 'error', 'action'] as const).map((column) =>
            t(`staffQueues.mail.column.${column}`),
          )}
        >
          {letters.map((letter) => (
            <TableRow
              key={letter.id}
              cells={[
                emailName(letter.template),
                letter.reference ?? t('staffQueues.mail.noReference'),
                dateTime(letter.createdAt),
                letter.attempts,
                `${t(deliveryProblem(letter.lastError))} ${t('staffQueues.mail.stoppedOn', {
                  date: formatDate(new Date(letter.createdAt.getTime() + RETRY_WINDOW_MS)),
                })}`,
                <form key="retry" method="post" action={`/staff/mail/${letter.id}/retry`}>
                  <CsrfField token={csrfToken} />
                  <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                    {t('staffQueues.mail.retry')}
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      {t('staffQueues.mail.retryHidden', {
                        template: emailName(letter.template),
                        reference: letter.reference ?? letter.id,
                      })}
                    </span>
                  </button>
                </form>,
              ]}
            />
          ))}
        </StaffTable>
      )}
    </>
  );
}
