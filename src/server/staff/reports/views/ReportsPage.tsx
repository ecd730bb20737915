import { Button, DateInput, ErrorSummary } from '../../../../forms/components/index.ts';
import { dateParts } from '../../../../forms/date-parts.ts';
import type { FieldError } from '../../../../forms/validation.ts';
import { errorsByField } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { BarChart } from '../../views/BarChart.tsx';
import { DataTable } from '../../views/DataTable.tsx';
import { calendarDay, chartDay, tableDay } from '../../views/format.ts';
import { feedbackTypeGroup } from '../../views/labels.ts';
import type { RangeValues } from '../range.ts';
import type { Report } from '../report.ts';
import { LineChart } from './LineChart.tsx';

interface Props {
  report: Report | undefined;
  values: RangeValues;
  errors: readonly FieldError[];
  /** The query string of this view, so the JSON link gives the same figures. */
  search: string;
  /** Whether the viewer may open the feedback queue, so the overdue figures link to it. */
  linkToQueue: boolean;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const median = (value: number | null) => (value === null ? t('staffReports.times.none') : String(value));

function RangeForm({ values, errors }: Pick<Props, 'values' | 'errors'>) {
  const byField = errorsByField(errors);
  return (
    <form method="get" action="/staff/reports" noValidate>
      <DateInput
        name="from"
        legend={t('staffReports.range.fromLabel')}
        hint={t('staffReports.range.hint')}
        value={dateParts(values, 'from')}
        error={byField['from']}
      />
      <DateInput
        name="to"
        legend={t('staffReports.range.toLabel')}
        value={dateParts(values, 'to')}
        error={byField['to']}
      />
      <Button secondary>{t('staffReports.range.submit')}</Button>
    </form>
  );
}

function OptOutSection({ report }: { report: Report }) {
  const weeks = report.optOuts;
  const totals = {
    received: sum(weeks.map((week) => week.received)),
    applied: sum(weeks.map((week) => week.applied)),
    withdrawn: sum(weeks.map((week) => week.withdrawn)),
  };
  return (
    <section aria-labelledby="opt-outs-heading">
      <h2 id="opt-outs-heading">{t('staffReports.optOuts.heading')}</h2>
      <LineChart
        id="opt-outs-chart"
        title={t('staffReports.optOuts.chartTitle')}
        description={t('staffReports.optOuts.chartDescription', { weeks: weeks.length, ...totals })}
        xLabels={weeks.map((week) => chartDay(week.start))}
        series={[
          { name: t('staffReports.optOuts.received'), values: weeks.map((week) => week.received) },
          { name: t('staffReports.optOuts.applied'), values: weeks.map((week) => week.applied) },
          { name: t('staffReports.optOuts.withdrawn'), values: weeks.map((week) => week.withdrawn) },
        ]}
      />
      <DataTable
        caption={t('staffReports.optOuts.tableCaption')}
        head={[
          t('staffReports.optOuts.weekStarting'),
          t('staffReports.optOuts.received'),
          t('staffReports.optOuts.applied'),
          t('staffReports.optOuts.withdrawn'),
        ]}
        rows={[
          ...weeks.map((week) => [tableDay(week.start), week.received, week.applied, week.withdrawn]),
          [t('staffReports.total'), totals.received, totals.applied, totals.withdrawn],
        ]}
      />
    </section>
  );
}

function FeedbackSections({ report }: { report: Report }) {
  const types = report.feedbackByType.map((row) => ({ label: feedbackTypeGroup(row.type), value: row.count }));
  const themes = report.feedbackByTheme;
  const topThemes = themes.slice(0, 10).map((row) => ({ label: row.theme, value: row.count }));
  const describeTop = (rows: readonly { label: string; value: number }[]) =>
    rows
      .filter((row) => row.value > 0)
      .map((row) => `${row.label} ${row.value}`)
      .join(', ') || t('staffReports.nothing');
  return (
    <>
      <section aria-labelledby="types-heading">
        <h2 id="types-heading">{t('staffReports.types.heading')}</h2>
        <BarChart
          id="types-chart"
          title={t('staffReports.types.chartTitle')}
          description={t('staffReports.types.chartDescription', {
            total: sum(types.map((row) => row.value)),
            figures: describeTop(types),
          })}
          bars={types}
        />
        <DataTable
          caption={t('staffReports.types.tableCaption')}
          head={[t('staffReports.types.type'), t('staffReports.count')]}
          rows={[
            ...types.map((row) => [row.label, row.value]),
            [t('staffReports.total'), sum(types.map((row) => row.value))],
          ]}
        />
      </section>
      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading">{t('staffReports.themes.heading')}</h2>
        <p>{t('staffReports.themes.explain')}</p>
        {themes.length === 0 ? (
          <p>{t('staffReports.themes.none')}</p>
        ) : (
          <>
            <BarChart
              id="themes-chart"
              title={t('staffReports.themes.chartTitle', { shown: topThemes.length })}
              description={t('staffReports.themes.chartDescription', { figures: describeTop(topThemes) })}
              bars={topThemes}
            />
            <DataTable
              caption={t('staffReports.themes.tableCaption')}
              head={[t('staffReports.themes.theme'), t('staffReports.count')]}
              rows={themes.map((row) => [row.theme, row.count])}
            />
          </>
        )}
      </section>
    </>
  );
}

function ClockSections({ report, linkToQueue }: { report: Report; linkToQueue: boolean }) {
  const { acknowledge, answer } = report.responseTimes;
  return (
    <>
      <section aria-labelledby="times-heading">
        <h2 id="times-heading">{t('staffReports.times.heading')}</h2>
        <p>{t('staffReports.times.explain')}</p>
        <DataTable
          caption={t('staffReports.times.tableCaption')}
          head={[t('staffReports.times.step'), t('staffReports.times.median'), t('staffReports.times.items')]}
          rows={[
            [t('staffReports.times.acknowledge'), median(acknowledge.median), acknowledge.items],
            [t('staffReports.times.answer'), median(answer.median), answer.items],
          ]}
        />
      </section>
      <section aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">{t('staffReports.overdue.heading')}</h2>
        <p>{t('staffReports.overdue.explain', { today: calendarDay(report.today) })}</p>
        <DataTable
          caption={t('staffReports.overdue.tableCaption')}
          head={[t('staffReports.overdue.clock'), t('staffReports.count')]}
          rows={[
            [t('staffReports.overdue.acknowledge'), report.overdueNow.acknowledge],
            [t('staffReports.overdue.answer'), report.overdueNow.answer],
            [t('staffReports.overdue.total'), report.overdueNow.total],
          ]}
        />
        {linkToQueue ? (
          <p>
            <a href="/staff/feedback?overdue=yes">{t('staffReports.overdue.link')}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}

/**
 * The staff reports: a date range (a GET form, so it works without JavaScript and the view can
 * be bookmarked), then each figure as a chart with a table of the same numbers beside it.
 */
export function ReportsPage({ report, values, errors, search, linkToQueue }: Props) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>{t('staffReports.title')}</h1>
      <RangeForm values={values} errors={errors} />
      {report ? (
        <>
          <p>
            {t('staffReports.range.showing', {
              from: calendarDay(report.range.from),
              to: calendarDay(report.range.to),
            })}{' '}
            <a href={`/api/staff/reports${search}`}>{t('staffReports.json')}</a>
          </p>
          <OptOutSection report={report} />
          <FeedbackSections report={report} />
          <ClockSections report={report} linkToQueue={linkToQueue} />
        </>
      ) : null}
    </>
  );
}
