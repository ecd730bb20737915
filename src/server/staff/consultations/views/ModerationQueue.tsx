import { t } from '../../../../i18n/t.ts';
import { CsrfField, DoneBanner } from '../../views/parts.tsx';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { PendingTextAnswer } from '../moderation.ts';

/** One decision button: a plain form POST, named with the answer it decides for screen-reader users. */
function DecisionButton({
  id,
  decision,
  csrfToken,
}: {
  id: number;
  decision: 'approve' | 'reject';
  csrfToken: string;
}) {
  return (
    <form method="post" action={`/staff/consultations/answers/${id}/${decision}`}>
      <CsrfField token={csrfToken} />
      <button
        className={`nhsuk-button nhsuk-button--small ${decision === 'reject' ? 'nhsuk-button--secondary' : ''}`}
        type="submit"
      >
        {t(`consultations.staff.${decision}`)}
        <span className="nhsuk-u-visually-hidden"> {t('consultations.staff.answerNumber', { id: String(id) })}</span>
      </button>
    </form>
  );
}

/**
 * The moderation queue: written answers whose authors agreed to publishing, oldest first, each with
 * Approve and Reject. Approving publishes it on the results page once the consultation closes.
 * Below, the CSV export of each consultation that has answers.
 */
/** What a moderator reads an answer against: the consultation's title and the question's words. */
export interface QuestionLabel {
  consultation: string;
  question: string;
}

/** "<consultation slug>/<question id>" → its label. */
export type QuestionLabels = ReadonlyMap<string, QuestionLabel>;

export function ModerationQueue(props: {
  pending: readonly PendingTextAnswer[];
  labels: QuestionLabels;
  consultations: readonly string[];
  csrfToken: string;
  withText: boolean;
  done?: string | undefined;
}) {
  return (
    <>
      <DoneBanner title={t('staffQueues.done.title')} message={props.done} />
      <h1 className="nhsuk-heading-l">{t('consultations.staff.title')}</h1>
      <p className="nhsuk-body">{t('consultations.staff.lead')}</p>
      {props.pending.length === 0 ? (
        <p className="nhsuk-body">{t('consultations.staff.empty')}</p>
      ) : (
        <StaffTable
          caption={t('consultations.staff.caption', { count: String(props.pending.length) })}
          columns={[
            t('consultations.staff.column.consultation'),
            t('consultations.staff.column.question'),
            t('consultations.staff.column.answer'),
            t('consultations.staff.column.action'),
          ]}
        >
          {props.pending.map((answer) => {
            const label = props.labels.get(`${answer.consultation}/${answer.questionId}`);
            return (
              <TableRow
                key={answer.id}
                cells={[
                  label?.consultation ?? answer.consultation,
                  label?.question ?? answer.questionId,
                  answer.text,
                  <div key="decide">
                    <DecisionButton id={answer.id} decision="approve" csrfToken={props.csrfToken} />
                    <DecisionButton id={answer.id} decision="reject" csrfToken={props.csrfToken} />
                  </div>,
                ]}
              />
            );
          })}
        </StaffTable>
      )}
      <h2 className="nhsuk-heading-m">{t('consultations.staff.exportHeading')}</h2>
      <p className="nhsuk-body">
        {t(props.withText ? 'consultations.staff.exportWithText' : 'consultations.staff.exportWithoutText')}
      </p>
      <ul className="nhsuk-list">
        {props.consultations.map((slug) => (
          <li key={slug}>
            <a href={`/staff/consultations/${slug}/answers.csv`}>{t('consultations.staff.exportLink', { slug })}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
