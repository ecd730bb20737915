import { t } from '../../../../i18n/t.ts';
import type { BacklogForecast } from '../../forecast.ts';
import { calendarDay } from '../../views/format.ts';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';

/** One decimal place at most: "12.4", "30". */
const rate = (value: number) => String(Math.round(value * 10) / 10);

/** What the forecast says in one sentence, then how it sits against the promise. */
function Outcome({ forecast }: { forecast: BacklogForecast }) {
  const promise = { promise: forecast.promiseWorkingDays, promiseDate: calendarDay(forecast.promiseDate) };
  if (forecast.backlog === 0) return <p className="nhsuk-body">{t('staffAuth.home.forecast.clearsNow')}</p>;
  if (forecast.clearsOn === null || forecast.clearsInWorkingDays === null) {
    return <p className="nhsuk-body">{t('staffAuth.home.forecast.noData', { days: forecast.days.length })}</p>;
  }
  const clears = t('staffAuth.home.forecast.clears', {
    date: calendarDay(forecast.clearsOn),
    workingDays: forecast.clearsInWorkingDays,
  });
  if (!forecast.breaches)
    return <p className="nhsuk-body">{`${clears} ${t('staffAuth.home.forecast.within', promise)}`}</p>;
  // Inset text, not an alert: it is read in page order with the rest of the home page.
  return (
    <div className="nhsuk-inset-text">
      <p>
        <strong>{clears}</strong> {t('staffAuth.home.forecast.breach', promise)}
      </p>
    </div>
  );
}

/**
 * The opt-out backlog, the last working days' throughput and when the backlog clears at that
 * rate, against the promise made to residents. Counts only.
 */
export function BacklogForecastPanel({ forecast }: { forecast: BacklogForecast }) {
  const days = forecast.days.length;
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('staffAuth.home.forecast.heading')}</h2>
      <p className="nhsuk-body">{t('staffAuth.home.forecast.intro', { days, promise: forecast.promiseWorkingDays })}</p>
      <ul className="nhsuk-list">
        <li>{t('staffAuth.home.forecast.backlog', { count: forecast.backlog.toLocaleString('en-GB') })}</li>
        <li>{t('staffAuth.home.forecast.perDay', { rate: rate(forecast.perDay) })}</li>
      </ul>
      <Outcome forecast={forecast} />
      <StaffTable
        caption={t('staffAuth.home.forecast.caption', { days })}
        columns={[t('staffAuth.home.forecast.day'), t('staffAuth.home.forecast.finished')]}
      >
        {forecast.days.map((day) => (
          <TableRow key={day.date} cells={[calendarDay(day.date), day.finished.toLocaleString('en-GB')]} />
        ))}
      </StaffTable>
    </>
  );
}
