import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { todayInLondon } from '../../../domain/calendar-date.ts';
import { parseReference, type Reference } from '../../../domain/reference.ts';
import { validateForm } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { seeOther } from '../../http/responses.ts';
import type { StaffContext } from '../route-table.ts';
import { NotFound } from '../views/NotFound.tsx';
import { collectSubjectData, countsOf } from './collect.ts';
import { DECISIONS, findByNhsNumber, findLinked, NotLinkedError, recordDecision } from './linked.ts';
import { subjectSearchSchema } from './search.ts';
import { LinkedRequestsPage, MatchesPage } from './views/RequestPages.tsx';
import { SubjectAccessPage } from './views/SubjectAccessPage.tsx';

const bodySchema = z.object({ search: z.string().max(40).catch('') }).catch({ search: '' });
const decisionBodySchema = z
  .object({ linked: z.string().max(40).catch(''), decision: z.string().max(20).catch('') })
  .catch({ linked: '', decision: '' });

function formPage(ctx: StaffContext, value = '', errors: { field: string; message: string }[] = [], status = 200) {
  return ctx.page({
    title: `${errors.length > 0 ? t('forms.errorTitlePrefix') : ''}${t('subjectAccess.title')}`,
    status,
    body: <SubjectAccessPage csrfToken={ctx.csrfToken} value={value} errors={errors} />,
  });
}

const notFound = (ctx: StaffContext) =>
  ctx.wantsJson
    ? Response.json({ error: t('staffQueues.notFound') }, { status: 404 })
    : ctx.page({ title: t('staffQueues.notFound'), body: <NotFound />, status: 404 });

/** GET /staff/subject-access: the search form. */
export const subjectAccessForm = (ctx: StaffContext) => formPage(ctx);

async function searchedRequest(ctx: StaffContext, reference: string) {
  const [row] = await ctx.services.store.db
    .select()
    .from(optOutRequests)
    .where(eq(optOutRequests.reference, reference));
  return row;
}

/**
 * POST /staff/subject-access and /api/staff/subject-access. An NHS number exports nothing: it
 * lists the requests with that number to choose from (anyone can type someone's number on an
 * opt-out). A reference exports what that request holds; when other requests share its NHS
 * number, the officer first decides on each (LinkedRequestsPage). Every search is audited with
 * references and counts, never the NHS number or anything decrypted.
 */
export async function subjectAccessSearch(ctx: StaffContext): Promise<Response> {
  const { search: value } = bodySchema.parse(ctx.body);
  const parsed = validateForm(subjectSearchSchema(), { search: value });
  if (!parsed.ok)
    return ctx.wantsJson
      ? Response.json({ errors: parsed.errors }, { status: 422 })
      : formPage(ctx, value, parsed.errors, 422);
  const search = parsed.data;
  if (search.kind === 'reference') {
    const searched = await searchedRequest(ctx, search.reference);
    const linked = searched ? await findLinked(ctx.services.store.db, searched) : [];
    if (linked.length > 0 && !ctx.wantsJson) {
      await ctx.audit({
        action: 'subject-access.search',
        subjectType: 'subject-access',
        subjectRef: search.reference,
        detail: { searchedBy: 'reference', found: true, linkedRequests: linked.length },
      });
      return seeOther(`/staff/subject-access/${search.reference}`);
    }
    return exportFile(ctx, search.reference);
  }
  const matches = await findByNhsNumber(ctx.services.store.db, ctx.services.keyring, search.nhsNumber);
  await ctx.audit({
    action: 'subject-access.search',
    subjectType: 'subject-access',
    ...(matches.length > 0 ? { subjectRef: matches.map((match) => match.reference).join(',') } : {}),
    detail: { searchedBy: 'nhs-number', found: matches.length > 0, optOutRequests: matches.length },
  });
  if (matches.length === 0) return nothingHeld(ctx, value);
  if (ctx.wantsJson) return Response.json({ searchedBy: 'nhs-number', matches });
  return ctx.page({
    title: t('subjectAccess.matches.title'),
    body: <MatchesPage csrfToken={ctx.csrfToken} matches={matches} />,
  });
}

function nothingHeld(ctx: StaffContext, value: string) {
  const errors = [{ field: 'search', message: t('subjectAccess.errors.notFound') }];
  return ctx.wantsJson ? Response.json({ errors }, { status: 404 }) : formPage(ctx, value, errors, 404);
}

/** GET /staff/subject-access/:reference: the linked requests, to open and decide on one by one. */
export async function linkedRequestsPage(ctx: StaffContext, errors: { field: string; message: string }[] = []) {
  const reference = parseReference(ctx.params['reference'] ?? '');
  const searched = reference ? await searchedRequest(ctx, reference) : undefined;
  if (!reference || !searched) return notFound(ctx);
  const linked = (await findLinked(ctx.services.store.db, searched)).map((entry) => entry.summary);
  if (ctx.wantsJson)
    return Response.json({ errors, linkedRequests: linked }, { status: errors.length > 0 ? 422 : 200 });
  return ctx.page({
    title: `${errors.length > 0 ? t('forms.errorTitlePrefix') : ''}${t('subjectAccess.linked.title', { reference })}`,
    status: errors.length > 0 ? 422 : 200,
    body: <LinkedRequestsPage csrfToken={ctx.csrfToken} reference={reference} linked={linked} errors={errors} />,
  });
}

/** POST /staff/subject-access/:reference/decisions: include or exclude one linked request (audited). */
export async function decideOnLinkedRequest(ctx: StaffContext): Promise<Response> {
  const reference = parseReference(ctx.params['reference'] ?? '');
  const searched = reference ? await searchedRequest(ctx, reference) : undefined;
  if (!reference || !searched) return notFound(ctx);
  const body = decisionBodySchema.parse(ctx.body);
  const linked = parseReference(body.linked);
  if (!linked) return notFound(ctx);
  const decision = z.enum(DECISIONS).safeParse(body.decision);
  if (!decision.success)
    return linkedRequestsPage(ctx, [
      { field: `decision-${linked}`, message: t('subjectAccess.errors.decision', { reference: linked }) },
    ]);
  try {
    await recordDecision(ctx.services.store.db, {
      searched,
      linkedReference: linked,
      decision: decision.data,
      actorId: ctx.staff.id,
      now: ctx.now(),
    });
  } catch (error) {
    if (error instanceof NotLinkedError) return notFound(ctx);
    throw error;
  }
  if (ctx.wantsJson) return Response.json({ reference, linked, decision: decision.data });
  return seeOther(`/staff/subject-access/${reference}`);
}

/** POST /staff/subject-access/:reference/export: the file, once every linked request has a decision. */
export async function subjectAccessExport(ctx: StaffContext): Promise<Response> {
  const reference = parseReference(ctx.params['reference'] ?? '');
  if (!reference) return notFound(ctx);
  return exportFile(ctx, reference);
}

/** The JSON file for one reference; refused (with each undecided request named) until all are decided. */
async function exportFile(ctx: StaffContext, reference: Reference): Promise<Response> {
  const data = await collectSubjectData(ctx.services.store.db, ctx.services.keyring, reference);
  const undecided = data.linkedRequests.filter((request) => request.decision === null);
  if (undecided.length > 0) {
    const errors = undecided.map((request) => ({
      field: `decision-${request.reference}`,
      message: t('subjectAccess.errors.undecided', { reference: request.reference }),
    }));
    if (ctx.wantsJson) return Response.json({ errors, linkedRequests: data.linkedRequests }, { status: 409 });
    return linkedRequestsPage({ ...ctx, params: { reference } }, errors);
  }
  const counts = countsOf(data);
  const references = [...data.optOutRequests, ...data.feedbackItems].map((entry) => entry.reference);
  await ctx.audit({
    action: 'subject-access.export',
    subjectType: 'subject-access',
    subjectRef: reference,
    detail: { searchedBy: 'reference', found: references.length > 0, ...counts },
  });
  if (references.length === 0) return nothingHeld(ctx, reference);

  const exportedAt = ctx.now();
  const file = { exportedAt, searchedBy: 'reference', guidance: t('subjectAccess.file.guidance'), ...data };
  // Named for the day in England: a file made at 00:30 in summer time was made today, not yesterday.
  const name = `subject-access-${reference}-${todayInLondon(exportedAt)}.json`;
  return new Response(JSON.stringify(file, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
