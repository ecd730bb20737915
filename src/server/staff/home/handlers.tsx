import { t } from '../../../i18n/t.ts';
import { forecastBacklog } from '../forecast.ts';
import { mayOpen, navigationFor } from '../navigation.ts';
import type { StaffContext } from '../route-table.ts';
import { retentionStatus } from './retention-status.ts';
import { BacklogForecastPanel } from './views/BacklogForecast.tsx';
import { RetentionJob } from './views/RetentionJob.tsx';
import { RetentionSettings } from './views/RetentionSettings.tsx';
import { WorkSummaryPanel } from './views/WorkSummary.tsx';
import { summariseWork } from './work-summary.ts';

/** The staff home page: the sections this person can use, the work summary, the forecast and retention; the routes are in routes.ts. */

/** GET /staff */
export async function staffRedirectHandler(): Promise<Response> {
  return new Response(null, { status: 308, headers: { Location: '/staff/' } });
}

/** GET /staff/ */
export async function homePageHandler(ctx: StaffContext): Promise<Response> {
  const sections = navigationFor(ctx.routes, ctx.staff.roles);
  const summary = await summariseWork(ctx.services, ctx.staff, ctx.routes, ctx.now());
  // The forecast is the opt-out queue's: shown to whoever works that queue.
  const forecast = mayOpen(ctx.routes, '/staff/opt-outs', ctx.staff.roles)
    ? await forecastBacklog(ctx.services.store.db, ctx.now(), ctx.services.settings.responseTargets.optOutWorkingDays)
    : undefined;
  // IG officers answer for retention: they see the job act, and the periods it works to.
  const retention = ctx.staff.roles.includes('ig')
    ? await retentionStatus(ctx.services.store.db, ctx.services.settings, ctx.now())
    : undefined;
  return ctx.page({
    title: t('staffAuth.home.title'),
    body: (
      <>
        <h1>{t('staffAuth.home.heading')}</h1>
        {sections.length === 0 ? <p>{t('staffAuth.home.none')}</p> : null}
        <WorkSummaryPanel summary={summary} />
        {forecast ? <BacklogForecastPanel forecast={forecast} /> : null}
        {retention ? <RetentionJob status={retention} /> : null}
        {retention ? <RetentionSettings retention={ctx.services.settings.retention} /> : null}
        <ul className="nhsuk-list">
          {sections.map((section) => (
            <li key={section.href}>
              <a href={section.href}>{section.text}</a>
            </li>
          ))}
        </ul>
      </>
    ),
  });
}
