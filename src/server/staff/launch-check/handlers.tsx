import { t } from '../../../i18n/t.ts';
import type { StaffContext } from '../route-table.ts';
import { readLaunchReport } from './report.ts';
import { LaunchCheckPage } from './views/LaunchCheckPage.tsx';

/** GET /staff/launch-check: the list, or a page saying to build the site first. */
export async function launchCheckPage(ctx: StaffContext): Promise<Response> {
  const report = await readLaunchReport(ctx.services.env.STATIC_DIR);
  return ctx.page({ title: t('launchCheck.title'), body: <LaunchCheckPage report={report} /> });
}

/** GET /api/staff/launch-check: the same report as JSON. */
export async function launchCheckJson(ctx: StaffContext): Promise<Response> {
  const report = await readLaunchReport(ctx.services.env.STATIC_DIR);
  const headers = { 'Cache-Control': 'no-store' };
  if (!report) return Response.json({ error: t('launchCheck.notRun') }, { status: 404, headers });
  return Response.json(report, { headers });
}
