import { type CalendarDate, dateColumn, todayInLondon } from '../../../domain/calendar-date.ts';
import { nextStep, type OptOutAction } from '../../../domain/opt-out-transitions.ts';
import { isReference } from '../../../domain/reference.ts';
import { type FieldError, validateForm } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { bodyFields, jsonErrors, jsonOk, keptValues, notFound, seeOther } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { identityNoteSchema, readEffectiveDate, rejectionSchema } from './forms.ts';
import { renderOptOut } from './handlers.tsx';
import { findOptOutRow, stateOf } from './requests.ts';
import { OptOutStepRefusedError, type StepInput, takeOptOutStep } from './transitions.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findOptOutRow>>>;

/** Reads and checks what a step needs from the body: a note, a reason or a date. */
function readStepInput(
  action: OptOutAction,
  body: Record<string, unknown>,
  row: Row,
  today: CalendarDate,
): { ok: true; input: StepInput } | { ok: false; errors: FieldError[] } {
  if (action === 'check-identity') {
    const result = validateForm(identityNoteSchema(), body);
    return result.ok ? { ok: true, input: { note: result.data.note } } : result;
  }
  if (action === 'reject') {
    const result = validateForm(rejectionSchema(), body);
    return result.ok ? { ok: true, input: { note: result.data.reason } } : result;
  }
  if (action === 'apply' || action === 'record-withdrawal-applied') {
    // Applied no earlier than the day it arrived; removed no earlier than the day it was applied.
    const notBefore = action === 'apply' ? todayInLondon(row.receivedAt) : (dateColumn(row.appliedOn) ?? today);
    const date = readEffectiveDate(body, { today, notBefore });
    return date.ok ? { ok: true, input: { date: date.date } } : { ok: false, errors: [date.error] };
  }
  return { ok: true, input: {} };
}

/**
 * POST /staff/opt-outs/:reference/<action>: one step, checked against the rules, written with
 * its event and its audit entry in one transaction (transitions.ts). A step that is not open now
 * (someone else took it first, or the page was stale) comes back as an error on the page rather
 * than a change.
 */
export function optOutStepHandler(action: OptOutAction) {
  return async (ctx: StaffContext): Promise<Response> => {
    const reference = ctx.params['reference'] ?? '';
    if (!isReference(reference)) return notFound(ctx);
    const row = await findOptOutRow(ctx.services.store.db, reference);
    if (!row) return notFound(ctx);
    const refuse = (errors: FieldError[], status = 422) =>
      ctx.wantsJson
        ? jsonErrors(errors, status)
        : renderOptOut(ctx, reference, { errors, values: keptValues(ctx.body) });
    const stale = [{ field: 'next', message: t('staffQueues.optOut.error.stale') }];
    if (!nextStep(stateOf(row), action).ok) return refuse(stale, 409);

    const read = readStepInput(action, bodyFields(ctx.body), row, todayInLondon(ctx.now()));
    if (!read.ok) return refuse(read.errors);
    try {
      const result = await takeOptOutStep(
        { db: ctx.services.store.db, keyring: ctx.services.keyring, settings: ctx.services.settings },
        { reference, action, actorId: ctx.staff.id, now: ctx.now(), ...read.input },
      );
      if (ctx.wantsJson)
        return jsonOk({ reference, status: result.to, ...(action === 'reject' ? { emailed: result.emailed } : {}) });
      const done = action === 'reject' && !result.emailed ? 'reject-letter' : action;
      return seeOther(`/staff/opt-outs/${reference}?done=${done}`);
    } catch (error) {
      if (error instanceof OptOutStepRefusedError) return refuse(stale, 409);
      throw error;
    }
  };
}
