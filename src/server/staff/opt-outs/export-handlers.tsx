import {
  type CalendarDate,
  compareDates,
  parseCalendarDate,
  parseDateFields,
  todayInLondon,
} from '../../../domain/calendar-date.ts';
import type { FieldError } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import type { StaffContext } from '../route-table.ts';
import { OptOutExport } from '../ui/queues/OptOutExport.tsx';
import { bodyFields, jsonErrors, keptValues } from '../ui/queues/respond.ts';
import { defaultRange, exportRows, toCsv } from './export.ts';

/** GET /staff/opt-outs/export: the form, with the range since the last export filled in. */
export async function exportFormHandler(ctx: StaffContext): Promise<Response> {
  const range = await defaultRange(ctx.services.store.db, ctx.now());
  return ctx.page({
    title: t('staffQueues.export.title'),
    body: <OptOutExport {...range} csrfToken={ctx.csrfToken} />,
  });
}

function readDay(body: Record<string, unknown>, name: 'from' | 'to', today: CalendarDate) {
  const iso = body[name];
  if (typeof iso === 'string') {
    const date = parseCalendarDate(iso);
    return date ? { ok: true as const, date } : { ok: false as const, message: t('staffQueues.export.error.real') };
  }
  const text = (part: string) => (typeof body[`${name}${part}`] === 'string' ? String(body[`${name}${part}`]) : '');
  const parsed = parseDateFields(
    { day: text('Day'), month: text('Month'), year: text('Year') },
    { label: t(`staffQueues.export.${name}Label`), relativeTo: { today, mustBe: 'today-or-past' } },
  );
  return parsed.ok ? parsed : { ok: false as const, message: parsed.message };
}

/**
 * POST /staff/opt-outs/export (and /api/staff/opt-outs/export with { from, to } as YYYY-MM-DD):
 * the CSV as a download, never cached. The audit entry keeps the range and the row count, never
 * the contents.
 */
export async function exportCsvHandler(ctx: StaffContext): Promise<Response> {
  const body = bodyFields(ctx.body);
  const today = todayInLondon(ctx.now());
  const from = readDay(body, 'from', today);
  const to = readDay(body, 'to', today);
  const errors: FieldError[] = [];
  if (!from.ok) errors.push({ field: 'from', message: from.message });
  if (!to.ok) errors.push({ field: 'to', message: to.message });
  if (from.ok && to.ok && compareDates(from.date, to.date) > 0)
    errors.push({ field: 'from', message: t('staffQueues.export.error.order') });
  if (errors.length > 0 || !from.ok || !to.ok) {
    if (ctx.wantsJson) return jsonErrors(errors);
    const range = await defaultRange(ctx.services.store.db, ctx.now());
    return ctx.page({
      title: `${t('staffQueues.errorTitlePrefix')} ${t('staffQueues.export.title')}`,
      status: 422,
      body: <OptOutExport {...range} csrfToken={ctx.csrfToken} errors={errors} values={keptValues(ctx.body)} />,
    });
  }
  const range = { from: from.date, to: to.date };
  const rows = await exportRows(ctx.services.store.db, ctx.services.keyring, range);
  await ctx.audit({
    action: 'opt-out.export',
    subjectType: 'export',
    detail: { from: range.from, to: range.to, rows: rows.length },
  });
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="opt-out-changes-${range.from}-to-${range.to}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
