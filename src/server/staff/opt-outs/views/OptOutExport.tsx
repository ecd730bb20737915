import { Button, ErrorSummary } from '../../../../forms/components/index.ts';
import { Select } from '../../../../forms/components/Select.tsx';
import type { FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { dateTime } from '../../views/format.ts';
import { CsrfField } from '../../views/parts.tsx';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { ExportBatch } from '../export-batches.ts';

interface Props {
  /** People with a change not yet sent in any batch. */
  waiting: number;
  /** Waiting changes per GP practice (null: no match file has named one yet). */
  practices: readonly { practiceCode: string | null; count: number }[];
  /** The practice chosen, kept when the page comes back with an error. */
  practice?: string;
  batches: readonly ExportBatch[];
  csrfToken: string;
  errors?: readonly FieldError[];
}

/**
 * The export page: the next batch takes everything not yet sent, so there are no dates to get
 * wrong; past batches can be downloaded again (a POST each, because every download is audited).
 */
export function OptOutExport({ waiting, practices, practice, batches, csrfToken, errors = [] }: Props) {
  return (
    <>
      <a className="nhsuk-back-link" href="/staff/opt-outs">
        {t('staffQueues.optOut.back')}
      </a>
      <ErrorSummary errors={errors} />
      <h1 className="nhsuk-heading-l">{t('staffQueues.export.title')}</h1>
      <p className="nhsuk-body">{t('staffQueues.export.lead')}</p>
      <form method="post" action="/staff/opt-outs/export" noValidate id="next">
        <CsrfField token={csrfToken} />
        <p className="nhsuk-body">
          {waiting === 1 ? t('staffQueues.export.waitingOne') : t('staffQueues.export.waiting', { count: waiting })}
        </p>
        <Select
          name="practice"
          label={t('staffQueues.export.practice.label')}
          hint={t('staffQueues.export.practice.hint')}
          value={practice}
          error={errors.find((error) => error.field === 'practice')?.message}
          options={[
            { value: '', label: t('staffQueues.export.practice.all', { count: waiting }) },
            ...practices.flatMap(({ practiceCode, count }) =>
              practiceCode
                ? [
                    {
                      value: practiceCode,
                      label: t('staffQueues.export.practice.one', { practice: practiceCode, count }),
                    },
                  ]
                : [],
            ),
          ]}
        />
        <Button>{t('staffQueues.export.button')}</Button>
      </form>
      <h2 className="nhsuk-heading-m">{t('staffQueues.export.pastTitle')}</h2>
      {batches.length === 0 ? (
        <p className="nhsuk-body">{t('staffQueues.export.never')}</p>
      ) : (
        <StaffTable
          label={t('staffQueues.export.pastTitle')}
          caption={t('staffQueues.export.pastCaption')}
          columns={(['batch', 'made', 'practice', 'rows', 'action'] as const).map((column) =>
            t(`staffQueues.export.column.${column}`),
          )}
        >
          {batches.map((batch) => (
            <TableRow
              key={batch.id}
              cells={[
                batch.id,
                dateTime(batch.createdAt),
                batch.practiceCode ?? t('staffQueues.export.practice.every'),
                batch.rowCount,
                <form key="again" method="post" action={`/staff/opt-outs/export/${batch.id}`}>
                  <CsrfField token={csrfToken} />
                  <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0">
                    {t('staffQueues.export.again', { batch: batch.id })}
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
