import { todayInLondon } from '../../../domain/calendar-date.ts';
import { t } from '../../../i18n/t.ts';
import { feedbackRoutes } from '../feedback/routes.ts';
import { mayOpen } from '../navigation.ts';
import type { StaffContext } from '../route-table.ts';
import { parseRange } from './range.ts';
import { buildReport } from './report.ts';
import { ReportsPage } from './views/ReportsPage.tsx';

async function reportFor(ctx: StaffContext) {
  const today = todayInLondon(ctx.now());
  const range = parseRange(ctx.query, today);
  if (!range.ok) return { range, report: undefined };
  return { range, report: await buildReport(ctx.services.store.db, { range: range.range, unit: 'week', today }) };
}

/** GET /staff/reports: the page; a bad date range re-shows the form with its errors (422). */
export async function reportsPage(ctx: StaffContext): Promise<Response> {
  const { range, report } = await reportFor(ctx);
  const errors = range.ok ? [] : range.errors;
  return ctx.page({
    title: `${errors.length > 0 ? t('forms.errorTitlePrefix') : ''}${t('staffReports.title')}`,
    status: errors.length > 0 ? 422 : 200,
    body: (
      <ReportsPage
        report={report}
        values={range.values}
        errors={errors}
        search={new URL(ctx.request.url).search}
        // Admins see reports but not the feedback queue: no link to a page that would refuse them.
        linkToQueue={mayOpen(feedbackRoutes, '/staff/feedback', ctx.staff.roles)}
      />
    ),
  });
}

/** GET /api/staff/reports: the same figures as JSON, or 422 with the range errors. */
export async function reportsJson(ctx: StaffContext): Promise<Response> {
  const { range, report } = await reportFor(ctx);
  if (!report) return Response.json({ errors: range.ok ? [] : range.errors }, { status: 422 });
  return Response.json(report, { headers: { 'Cache-Control': 'no-store' } });
}
