import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type CalendarDate, calendarDate, todayInLondon } from '../../../domain/calendar-date.ts';
import { isReference } from '../../../domain/reference.ts';
import { type FieldError, validateForm } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { bodyFields, jsonErrors, jsonOk, keptValues } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { BULK_ACTIONS, type BulkAction, takeBulkStep } from './bulk.ts';
import { identityNoteSchema, optOutFilterSchema, queueFilterOf, readEffectiveDate } from './forms.ts';
import { renderOptOutList } from './handlers.tsx';
import { countMatching, queueConditions } from './queue-query.ts';
import { OptOutBulkConfirm, OptOutBulkResult } from './views/OptOutBulk.tsx';

/** More than a page's worth ticked one by one is not a list page's form: "all matching" is the way. */
const MAX_TICKED = 500;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item) => typeof item === 'string') : typeof value === 'string' ? [value] : [];

interface BulkForm {
  action: BulkAction;
  allMatching: boolean;
  references: string[];
  note?: string;
  date?: CalendarDate;
  confirmedCount?: number;
}

/** Checks the bulk form: a step, a selection, and what that step needs (a note, or a date). */
function readBulkForm(
  body: Record<string, unknown>,
  today: CalendarDate,
): { ok: true; form: BulkForm } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const action = z.enum(BULK_ACTIONS).safeParse(body['action']);
  if (!action.success) errors.push({ field: 'action', message: t('staffOptOutQueue.bulk.error.action') });
  const allMatching = body['allMatching'] === 'yes';
  const references = allMatching ? [] : strings(body['reference']).filter(isReference);
  if (!allMatching && references.length === 0)
    errors.push({ field: 'selection', message: t('staffOptOutQueue.bulk.error.selection') });
  if (references.length > MAX_TICKED)
    errors.push({ field: 'selection', message: t('staffOptOutQueue.bulk.error.tooMany', { count: MAX_TICKED }) });
  const form: Partial<BulkForm> = {};
  if (action.data === 'check-identity') {
    const note = validateForm(identityNoteSchema(), body);
    if (note.ok) form.note = note.data.note;
    else errors.push(...note.errors);
  }
  if (action.data === 'apply' || action.data === 'record-withdrawal-applied') {
    // Each request's own earliest day (arrival, or when it was applied) is checked as it is changed.
    const date = readEffectiveDate(body, { today, notBefore: calendarDate('2000-01-01') });
    if (date.ok) form.date = date.date;
    else errors.push(date.error);
  }
  const confirmed = z.coerce.number().int().min(0).safeParse(body['confirmedCount']);
  if (!action.success || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    form: {
      ...form,
      action: action.data,
      allMatching,
      references,
      ...(body['confirmedCount'] !== undefined && confirmed.success ? { confirmedCount: confirmed.data } : {}),
    },
  };
}

/**
 * POST /staff/opt-outs/bulk: the list's bulk form. First post: the confirmation page stating how
 * many requests the step will be tried on. Second post (with the count confirmed): the step on
 * each, in one transaction with one audit entry per request changed (bulk.ts), and a page saying
 * what changed and what was left alone. With JavaScript off it is the same two forms.
 */
export async function optOutBulkHandler(ctx: StaffContext): Promise<Response> {
  const body = bodyFields(ctx.body);
  const now = ctx.now();
  const today = todayInLondon(now);
  const stringFields = keptValues(body);
  const filter = optOutFilterSchema.parse(stringFields);
  const read = readBulkForm(body, today);
  if (!read.ok) {
    if (ctx.wantsJson) return jsonErrors(read.errors, 422);
    const ticked = Object.fromEntries(strings(body['reference']).map((reference) => [`reference:${reference}`, 'yes']));
    return renderOptOutList(ctx, stringFields, { errors: read.errors, values: { ...stringFields, ...ticked } });
  }
  const { form } = read;
  const applyWorkingDays = ctx.services.settings.responseTargets.optOutWorkingDays;
  const selection = form.allMatching
    ? queueConditions(queueFilterOf(filter), { today, applyWorkingDays })
    : inArray(optOutRequests.reference, form.references);
  const confirm = (count: number, countChanged: boolean) => {
    if (ctx.wantsJson) return jsonOk({ matching: count, countChanged });
    const carried = Object.entries(body).flatMap(([name, value]) =>
      name === 'csrfToken' || name === 'confirmedCount'
        ? []
        : strings(value).map((item) => [name, item] as [string, string]),
    );
    return ctx.page({
      title: t('staffOptOutQueue.bulk.confirmTitle'),
      body: (
        <OptOutBulkConfirm
          action={form.action}
          count={count}
          fields={carried}
          filter={filter}
          csrfToken={ctx.csrfToken}
          countChanged={countChanged}
        />
      ),
    });
  };
  if (form.confirmedCount === undefined) return confirm(await countMatching(ctx.services.store.db, selection), false);

  const result = await takeBulkStep(
    { db: ctx.services.store.db, keyring: ctx.services.keyring, settings: ctx.services.settings },
    {
      action: form.action,
      selection,
      expectedCount: form.confirmedCount,
      actorId: ctx.staff.id,
      now,
      ...(form.note ? { note: form.note } : {}),
      ...(form.date ? { date: form.date } : {}),
    },
  );
  if ('countChanged' in result) return confirm(result.countChanged, true);
  if (ctx.wantsJson) return jsonOk(result);
  return ctx.page({
    title: t('staffOptOutQueue.bulk.resultTitle'),
    body: <OptOutBulkResult result={result} filter={filter} />,
  });
}
