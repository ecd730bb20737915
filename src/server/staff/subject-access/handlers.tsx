import { z } from 'zod';
import { validateForm } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import type { StaffContext } from '../route-table.ts';
import { collectSubjectData, countsOf } from './collect.ts';
import { SubjectAccessPage } from './SubjectAccessPage.tsx';
import { subjectSearchSchema } from './search.ts';

const bodySchema = z.object({ search: z.string().max(40).catch('') }).catch({ search: '' });

function formPage(ctx: StaffContext, value = '', errors: { field: string; message: string }[] = [], status = 200) {
  return ctx.page({
    title: `${errors.length > 0 ? t('forms.errorTitlePrefix') : ''}${t('subjectAccess.title')}`,
    status,
    body: <SubjectAccessPage csrfToken={ctx.csrfToken} value={value} errors={errors} />,
  });
}

/** GET /staff/subject-access: the search form. */
export const subjectAccessForm = (ctx: StaffContext) => formPage(ctx);

/**
 * POST /staff/subject-access and /api/staff/subject-access: find everything held about the
 * person and answer with it as a JSON file. Every search is audited — the references found and
 * the counts, never the NHS number or anything decrypted.
 */
export async function subjectAccessExport(ctx: StaffContext): Promise<Response> {
  const { search: value } = bodySchema.parse(ctx.body);
  const parsed = validateForm(subjectSearchSchema(), { search: value });
  if (!parsed.ok)
    return ctx.wantsJson
      ? Response.json({ errors: parsed.errors }, { status: 422 })
      : formPage(ctx, value, parsed.errors, 422);

  const search = parsed.data;
  const data = await collectSubjectData(ctx.services.store.db, ctx.services.keyring, search);
  const counts = countsOf(data);
  const references = [...data.optOutRequests, ...data.feedbackItems].map((entry) => entry.reference);
  const subjectRef = search.kind === 'reference' ? search.reference : references.join(',');
  await ctx.audit({
    action: 'subject-access.export',
    subjectType: 'subject-access',
    ...(subjectRef ? { subjectRef } : {}),
    detail: { searchedBy: search.kind, found: references.length > 0, ...counts },
  });
  if (references.length === 0) {
    const errors = [{ field: 'search', message: t('subjectAccess.errors.notFound') }];
    return ctx.wantsJson ? Response.json({ errors }, { status: 404 }) : formPage(ctx, value, errors, 404);
  }

  const exportedAt = ctx.now();
  const file = {
    exportedAt,
    searchedBy: search.kind,
    guidance: t('subjectAccess.file.guidance'),
    ...data,
  };
  const name = `subject-access-${references[0]}-${exportedAt.toISOString().slice(0, 10)}.json`;
  return new Response(JSON.stringify(file, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
