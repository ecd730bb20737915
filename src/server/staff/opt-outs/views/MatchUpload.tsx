import { Button, ErrorSummary, FileUpload } from '../../../../forms/components/index.ts';
import { t } from '../../../../i18n/t.ts';
import type { OptOutMatchUpload } from '../../../db/match-schema.ts';
import { DataTable } from '../../views/DataTable.tsx';
import { dateTime } from '../../views/format.ts';
import { CsrfField, DoneBanner } from '../../views/parts.tsx';
import type { MatchException } from '../match-exceptions.ts';
import { type FileProblem, MAX_MATCH_ROWS } from '../match-file.ts';

/** Problems shown on the page; the rest are counted ("And 40 more problems"). */
const SHOWN = 100;

export const FILE_FIELD = 'matchFile';

export const problemText = (problem: FileProblem) =>
  problem.line === null
    ? problem.message
    : t('staffMatch.problem.line', { line: problem.line, message: problem.message });

/** The message in the error summary and by the field when a file is refused. */
export const refusalSummary = (problems: readonly FileProblem[]) =>
  problems.length === 1
    ? t('staffMatch.error.summaryOne')
    : t('staffMatch.error.summary', { count: problems.length.toLocaleString('en-GB') });

interface UploadProps {
  csrfToken: string;
  /** The one message by the field and in the summary (which links to the field). */
  error?: string | undefined;
  /** Every problem, line by line, under the field: the officer fixes the file from this list. */
  problems?: readonly FileProblem[];
  done?: string | undefined;
  exceptions: number;
  uploads: readonly OptOutMatchUpload[];
}

/**
 * The upload page: a plain multipart form (works without JavaScript). On a refusal the error
 * summary, focused on load, links to the file field, and the report naming each line sits by the
 * field so a screen reader user finds it from the summary link.
 */
export function MatchUpload({ csrfToken, error, problems = [], done, exceptions, uploads }: UploadProps) {
  return (
    <>
      <a className="nhsuk-back-link" href="/staff/opt-outs">
        {t('staffMatch.back')}
      </a>
      <ErrorSummary errors={error ? [{ field: FILE_FIELD, message: error }] : []} />
      <DoneBanner title={t('staffQueues.done.title')} message={done} />
      <h1 className="nhsuk-heading-l">{t('staffMatch.title')}</h1>
      <p className="nhsuk-body">{t('staffMatch.lead')}</p>
      <p className="nhsuk-body">
        <a href="/staff/opt-outs/match/exceptions">{t('staffMatch.exceptionsLink', { count: exceptions })}</a> ·{' '}
        <a href="/staff/opt-outs/confirmation">{t('staffConfirm.link')}</a>
      </p>
      <form method="post" action="/staff/opt-outs/match" encType="multipart/form-data" noValidate>
        <CsrfField token={csrfToken} />
        <FileUpload
          name={FILE_FIELD}
          label={t('staffMatch.field.label')}
          hint={t('staffMatch.field.hint', { max: MAX_MATCH_ROWS.toLocaleString('en-GB') })}
          error={error}
          accept=".csv,text/csv"
        />
        <ProblemReport problems={problems} />
        <Button>{t('staffMatch.button')}</Button>
      </form>
      <h2 className="nhsuk-heading-m">{t('staffMatch.pastTitle')}</h2>
      {uploads.length === 0 ? (
        <p className="nhsuk-body">{t('staffMatch.none')}</p>
      ) : (
        <DataTable
          caption={t('staffMatch.pastCaption')}
          numeric={false}
          head={(['file', 'uploaded', 'rows', 'checked', 'exceptions', 'skipped'] as const).map((column) =>
            t(`staffMatch.column.${column}`),
          )}
          rows={uploads.map((upload) => [
            upload.id,
            dateTime(upload.uploadedAt),
            upload.rowCount,
            upload.checked,
            upload.exceptions,
            upload.skipped,
          ])}
        />
      )}
    </>
  );
}

/** The report under a refused file's field, naming each line and its problem (the match and confirmation files). */
export function ProblemReport({ problems }: { problems: readonly FileProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="nhsuk-u-margin-bottom-5" id="match-report">
      <h2 className="nhsuk-heading-s">{t('staffMatch.report.title')}</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {problems.slice(0, SHOWN).map((problem, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several problems, in a fixed order.
          <li key={index}>{problemText(problem)}</li>
        ))}
      </ul>
      {problems.length > SHOWN && (
        <p className="nhsuk-body">{t('staffMatch.report.more', { count: problems.length - SHOWN })}</p>
      )}
    </div>
  );
}

/** The exceptions list: each request links to its page, where the identity check is recorded by hand. */
export function MatchExceptions({ total, items }: { total: number; items: readonly MatchException[] }) {
  return (
    <>
      <a className="nhsuk-back-link" href="/staff/opt-outs/match">
        {t('staffMatch.link')}
      </a>
      <h1 className="nhsuk-heading-l">{t('staffMatch.exceptions.title')}</h1>
      <p className="nhsuk-body">{t('staffMatch.exceptions.lead')}</p>
      {items.length === 0 ? (
        <p className="nhsuk-body">{t('staffMatch.exceptions.none')}</p>
      ) : (
        <DataTable
          caption={t('staffMatch.exceptions.caption', { count: total })}
          numeric={false}
          head={(['reference', 'reason', 'practice', 'file'] as const).map((column) =>
            t(`staffMatch.exceptions.column.${column}`),
          )}
          rows={items.map((item) => [
            <a key="link" href={`/staff/opt-outs/${item.reference}`}>
              {item.reference}
            </a>,
            item.reason,
            item.practiceCode ?? t('staffMatch.exceptions.noPractice'),
            `${item.uploadId}, ${dateTime(item.uploadedAt)}`,
          ])}
        />
      )}
    </>
  );
}
