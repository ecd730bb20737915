import { Button, ErrorSummary, FileUpload } from '../../../../forms/components/index.ts';
import { t } from '../../../../i18n/t.ts';
import { DataTable } from '../../views/DataTable.tsx';
import { CsrfField, DoneBanner } from '../../views/parts.tsx';
import type { NotApplied } from '../confirm-apply.ts';
import { type FileProblem, MAX_MATCH_ROWS } from '../match-file.ts';
import { ProblemReport } from './MatchUpload.tsx';

export const CONFIRM_FILE_FIELD = 'confirmationFile';

interface Props {
  csrfToken: string;
  /** The one message by the field and in the summary (which links to the field). */
  error?: string | undefined;
  /** Every problem, line by line, under the field. */
  problems?: readonly FileProblem[];
  /** What the upload did, in words. */
  done?: string | undefined;
  /** Requests the platform did not apply, with its reason (shown once, after the upload). */
  notApplied?: readonly NotApplied[];
}

/**
 * The confirmation-file page: a plain multipart form (works without JavaScript). On a refusal
 * the error summary, focused on load, links to the file field, and the report naming each line
 * sits by the field, as on the match-file page.
 */
export function ConfirmUpload({ csrfToken, error, problems = [], done, notApplied = [] }: Props) {
  return (
    <>
      <a className="nhsuk-back-link" href="/staff/opt-outs">
        {t('staffMatch.back')}
      </a>
      <ErrorSummary errors={error ? [{ field: CONFIRM_FILE_FIELD, message: error }] : []} />
      <DoneBanner title={t('staffQueues.done.title')} message={done} />
      {notApplied.length > 0 && (
        <>
          <h2 className="nhsuk-heading-m">{t('staffConfirm.notApplied.title')}</h2>
          <p className="nhsuk-body">{t('staffConfirm.notApplied.lead')}</p>
          <DataTable
            caption={t('staffConfirm.notApplied.caption')}
            numeric={false}
            head={[t('staffConfirm.notApplied.reference'), t('staffConfirm.notApplied.reason')]}
            rows={notApplied.map((item) => [
              <a key="link" href={`/staff/opt-outs/${item.reference}`}>
                {item.reference}
              </a>,
              item.reason,
            ])}
          />
        </>
      )}
      <h1 className="nhsuk-heading-l">{t('staffConfirm.title')}</h1>
      <p className="nhsuk-body">{t('staffConfirm.lead')}</p>
      <form method="post" action="/staff/opt-outs/confirmation" encType="multipart/form-data" noValidate>
        <CsrfField token={csrfToken} />
        <FileUpload
          name={CONFIRM_FILE_FIELD}
          label={t('staffConfirm.field.label')}
          hint={t('staffConfirm.field.hint', { max: MAX_MATCH_ROWS.toLocaleString('en-GB') })}
          error={error}
          accept=".csv,text/csv"
        />
        <ProblemReport problems={problems} />
        <Button>{t('staffConfirm.button')}</Button>
      </form>
    </>
  );
}
