import { t } from '../../i18n/t.ts';
import { DataTable } from '../staff/views/DataTable.tsx';
import { calendarDay } from '../staff/views/format.ts';
import type { PublicForecast } from './forecast.ts';
import type { PublicCount } from './suppress.ts';

/**
 * The opt-out backlog forecast for residents, when the comms team has turned it on
 * (settings: transparencyForecast). Every count has the page's small-number rule applied; the
 * date is left out when it would give a hidden number away (forecast.ts).
 */
export function ForecastSection({
  forecast,
  shown,
}: {
  forecast: PublicForecast;
  shown: (count: PublicCount) => string;
}) {
  const { clearsOn, clearsInWorkingDays } = forecast;
  const late = clearsInWorkingDays !== null && clearsInWorkingDays > forecast.promiseWorkingDays;
  return (
    <>
      <h2>{t('transparency.forecast.heading')}</h2>
      <p>{t('transparency.forecast.promise', { promise: forecast.promiseWorkingDays })}</p>
      <p>{t('transparency.forecast.backlog', { count: shown(forecast.backlog) })}</p>
      <p>{t('transparency.forecast.explain', { days: forecast.days.length })}</p>
      <DataTable
        caption={t('transparency.forecast.caption')}
        head={[t('transparency.forecast.day'), t('transparency.forecast.finished')]}
        rows={[
          ...forecast.days.map((day) => [calendarDay(day.date), shown(day.finished)]),
          [t('transparency.total'), shown(forecast.finished)],
        ]}
      />
      {clearsOn === null || clearsInWorkingDays === null ? (
        <p>{t('transparency.forecast.notShown')}</p>
      ) : (
        <p>
          {t('transparency.forecast.clears', { date: calendarDay(clearsOn), workingDays: clearsInWorkingDays })}{' '}
          {t(late ? 'transparency.forecast.late' : 'transparency.forecast.within')}
        </p>
      )}
    </>
  );
}
