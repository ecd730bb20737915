import { t } from '../../i18n/t.ts';
import { DataTable } from '../staff/views/DataTable.tsx';
import { calendarDay, monthName } from '../staff/views/format.ts';
import { feedbackTypeGroup } from '../staff/views/labels.ts';
import { SubscribersSection } from '../subscriptions/SubscribersSection.tsx';
import { ForecastSection } from './ForecastSection.tsx';
import type { PublicFigures } from './figures.ts';
import type { PublicForecast } from './forecast.ts';
import type { PublicCount } from './suppress.ts';

const shown = (count: PublicCount) => ('shown' in count ? String(count.shown) : t('transparency.fewerThan5'));
const days = (median: number | null) =>
  median === null ? t('transparency.times.notShown') : t('transparency.times.days', { days: median });

/**
 * The public figures page: the staff reports' numbers for everyone, with small numbers hidden
 * (see suppress.ts). Plain HTML tables, no JavaScript, in the site's own page shell.
 */
export function TransparencyPage({
  figures,
  today,
  forecast,
}: {
  figures: PublicFigures;
  today: string;
  /** Only when the comms team has turned it on (settings: transparencyForecast). */
  forecast?: PublicForecast | undefined;
}) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{t('transparency.title')}</h1>
        <p className="nhsuk-lede-text">{t('transparency.lead')}</p>
        <p>{t('transparency.period', { from: calendarDay(figures.from), to: calendarDay(figures.to) })}</p>

        <h2>{t('transparency.small.heading')}</h2>
        <p>{t('transparency.small.hidden')}</p>
        <p>{t('transparency.small.rounded')}</p>

        <h2>{t('transparency.optOuts.heading')}</h2>
        <p>{t('transparency.optOuts.explain')}</p>
        <DataTable
          caption={t('transparency.optOuts.caption')}
          head={[
            t('transparency.optOuts.month'),
            t('transparency.optOuts.received'),
            t('transparency.optOuts.applied'),
            t('transparency.optOuts.withdrawn'),
          ]}
          rows={[
            ...figures.months.map((month) => [
              monthName(month.start),
              shown(month.received),
              shown(month.applied),
              shown(month.withdrawn),
            ]),
            [
              t('transparency.total'),
              shown(figures.optOutTotals.received),
              shown(figures.optOutTotals.applied),
              shown(figures.optOutTotals.withdrawn),
            ],
          ]}
        />

        {forecast ? <ForecastSection forecast={forecast} shown={shown} /> : null}

        <h2>{t('transparency.feedback.heading')}</h2>
        <DataTable
          caption={t('transparency.feedback.caption')}
          head={[t('transparency.feedback.type'), t('transparency.number')]}
          rows={[
            ...figures.feedbackByType.map((row) => [feedbackTypeGroup(row.type), shown(row.count)]),
            [t('transparency.total'), shown(figures.feedbackTotal)],
          ]}
        />

        <h2>{t('transparency.themes.heading')}</h2>
        <p>{t('transparency.themes.explain')}</p>
        {figures.themes.length === 0 ? (
          <p>{t('transparency.themes.none')}</p>
        ) : (
          <DataTable
            caption={t('transparency.themes.caption')}
            head={[t('transparency.themes.theme'), t('transparency.number')]}
            rows={figures.themes.map((row) => [row.theme, shown(row.count)])}
          />
        )}
        <p>
          <a href="/you-said-we-did/">{t('transparency.themes.youSaidWeDid')}</a>
        </p>

        <h2>{t('transparency.times.heading')}</h2>
        <p>{t('transparency.times.explain')}</p>
        <DataTable
          caption={t('transparency.times.caption')}
          head={[t('transparency.times.step'), t('transparency.times.middle')]}
          numeric={false}
          rows={[
            [t('transparency.times.acknowledge'), days(figures.responseTimes.acknowledge)],
            [t('transparency.times.answer'), days(figures.responseTimes.answer)],
          ]}
        />

        <h2>{t('transparency.late.heading')}</h2>
        <p>{t('transparency.late.body', { count: shown(figures.overdueNow) })}</p>

        <SubscribersSection counts={figures.subscribers} shown={shown} />

        <p className="nhsuk-body-s">{t('transparency.updated', { date: today })}</p>
      </div>
    </div>
  );
}
