import { todayInLondon } from '../../domain/calendar-date.ts';
import { t } from '../../i18n/t.ts';
import { renderPage } from '../http/page.ts';
import { describeError, log } from '../log.ts';
import type { Services } from '../services.ts';
import { calendarDay } from '../staff/views/format.ts';
import { cachedPublicFigures, FIGURES_FRESH_MS } from './figures.ts';
import { TransparencyPage } from './TransparencyPage.tsx';

/**
 * The page holds no personal data, so browsers and the CDN may keep it for as long as the
 * figures are kept fresh here; a stale copy may be served for a minute while a new one is made.
 */
const CACHE_CONTROL = `public, max-age=${FIGURES_FRESH_MS / 1000}, stale-while-revalidate=60`;

/** GET /transparency/: the public figures in the site's page shell. */
export async function transparencyResponse(services: Services, now: Date): Promise<Response> {
  const staticDir = services.env.STATIC_DIR;
  const today = todayInLondon(now);
  try {
    const { settings } = services;
    const forecastPromise = settings.transparencyForecast ? settings.responseTargets.optOutWorkingDays : undefined;
    const figures = await cachedPublicFigures(services.store.db, today, Date.now(), forecastPromise);
    const response = await renderPage({
      title: t('transparency.title'),
      staticDir,
      // Public figures, meant to be found: the one function page search engines may list.
      listing: { path: '/transparency/', description: t('transparency.description', { scheme: settings.schemeName }) },
      body: <TransparencyPage figures={figures} today={calendarDay(today)} forecast={figures.forecast} />,
    });
    response.headers.set('Cache-Control', CACHE_CONTROL);
    return response;
  } catch (error) {
    log.error('Transparency figures could not be worked out', { error: describeError(error) });
    return transparencyUnavailable(staticDir);
  }
}

/** The database could not answer: say so plainly, and do not let anyone cache the answer. */
export function transparencyUnavailable(staticDir: string): Promise<Response> {
  return renderPage({
    title: t('transparency.unavailable.title'),
    status: 503,
    staticDir,
    body: (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{t('transparency.unavailable.title')}</h1>
          <p>{t('transparency.unavailable.body')}</p>
        </div>
      </div>
    ),
  });
}
