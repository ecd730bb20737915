import { type CalendarDate, dateParts as calendarParts } from '../../../../domain/calendar-date.ts';
import { Button, DateInput, ErrorSummary } from '../../../../forms/components/index.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { dateTime } from './format.ts';
import { CsrfField } from './parts.tsx';

interface Props {
  from: CalendarDate;
  to: CalendarDate;
  lastExportAt: Date | null;
  csrfToken: string;
  errors?: readonly FieldError[];
  values?: Readonly<Record<string, string>>;
}

const boxes = (date: CalendarDate) => {
  const parts = calendarParts(date);
  return { day: String(parts.day), month: String(parts.month), year: String(parts.year) };
};
const kept = (values: Readonly<Record<string, string>>, name: string) => ({
  day: values[`${name}Day`],
  month: values[`${name}Month`],
  year: values[`${name}Year`],
});

/** The export form: a POST (the download is audited), the range defaulting to "since the last export". */
export function OptOutExport({ from, to, lastExportAt, csrfToken, errors = [], values }: Props) {
  const fieldErrors = errorsByField(errors);
  return (
    <>
      <a className="nhsuk-back-link" href="/staff/opt-outs">
        {t('staffQueues.optOut.back')}
      </a>
      <ErrorSummary errors={errors} />
      <h1 className="nhsuk-heading-l">{t('staffQueues.export.title')}</h1>
      <p className="nhsuk-body">{t('staffQueues.export.lead')}</p>
      <p className="nhsuk-body">
        {lastExportAt
          ? t('staffQueues.export.last', {
              when: dateTime(lastExportAt),
            })
          : t('staffQueues.export.never')}
      </p>
      <form method="post" action="/staff/opt-outs/export" noValidate>
        <CsrfField token={csrfToken} />
        <DateInput
          name="from"
          legend={t('staffQueues.export.from')}
          hint={t('staffQueues.export.fromHint')}
          value={values ? kept(values, 'from') : boxes(from)}
          error={fieldErrors['from']}
        />
        <DateInput
          name="to"
          legend={t('staffQueues.export.to')}
          value={values ? kept(values, 'to') : boxes(to)}
          error={fieldErrors['to']}
        />
        <Button>{t('staffQueues.export.button')}</Button>
      </form>
    </>
  );
}
