import type { z } from 'zod';
import { parseDateFields, todayInLondon } from '../../../domain/calendar-date.ts';
import { validateForm } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import type { Database } from '../../db/client.ts';
import { assignFeedbackItem, setFeedbackStatus, setFeedbackThemes } from '../../feedback/staff.ts';
import { withAudit } from '../audit.ts';
import { bodyFields, jsonErrors, jsonOk, keptValues, notFound, seeOther } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { calendarDay } from '../views/format.ts';
import { findVisibleItem } from './access.ts';
import { recordAgreedResponseDate } from './agreed-date.ts';
import { listAssignees } from './assignees.ts';
import { ExtensionRefusedError, extendRightsRequest } from './extension.ts';
import {
  agreeDateSchema,
  assignSchema,
  extendSchema,
  noteSchema,
  replySchema,
  statusSchema,
  themesSchema,
} from './forms.ts';
import { renderFeedbackItem } from './handlers.tsx';
import { addFeedbackNote } from './notes.ts';
import { NoEmailAddressError, replyToFeedback, UnverifiedAddressError } from './reply.ts';

type Item = NonNullable<Awaited<ReturnType<typeof findVisibleItem>>>;

/** What an action did: the `?done=` word, the audit entry's detail, and the JSON answer. */
interface Outcome {
  done: string;
  detail?: Record<string, string | number | boolean | null>;
  json?: Record<string, unknown>;
}

/**
 * One shape for every action on an item: find it (404 if this person may not see it), validate
 * the body with the action's schema (errors go back beside the field, or as 422 JSON), do it and
 * write its audit entry in ONE transaction (`db` is that transaction: the action makes every read
 * and write through it), then redirect back to the item (or answer JSON). A refused action
 * changes nothing and is not audited.
 */
function itemAction<S extends z.ZodType>(
  action: string,
  schema: () => S,
  apply: (
    ctx: StaffContext,
    item: Item,
    data: z.output<S>,
    db: Database,
  ) => Promise<Outcome | { field: string; message: string }>,
) {
  return async (ctx: StaffContext): Promise<Response> => {
    const item = await findVisibleItem(ctx.services.store.db, ctx.staff, ctx.params['reference']);
    if (!item) return notFound(ctx);
    const result = validateForm(schema(), bodyFields(ctx.body));
    const refuse = (errors: { field: string; message: string }[]) =>
      ctx.wantsJson
        ? jsonErrors(errors)
        : renderFeedbackItem(ctx, item.reference, { errors, values: keptValues(ctx.body) });
    if (!result.ok) return refuse(result.errors);
    const outcome = await withAudit(
      ctx.services.store.db,
      (tx) => apply(ctx, item, result.data, tx),
      (done) =>
        'done' in done
          ? {
              actorId: ctx.staff.id,
              action: `feedback.${action}`,
              subjectType: 'feedback',
              subjectRef: item.reference,
              detail: done.detail ?? {},
            }
          : undefined,
      ctx.now(),
    );
    if (!('done' in outcome)) return refuse([outcome]);
    if (ctx.wantsJson) return jsonOk({ reference: item.reference, ...outcome.json });
    return seeOther(`/staff/feedback/${item.reference}?done=${outcome.done}`);
  };
}

export const assignHandler = itemAction('assign', assignSchema, async (ctx, item, { assignTo }, db) => {
  const staffId = assignTo === 'me' ? ctx.staff.id : assignTo === 'nobody' ? null : Number(assignTo);
  if (staffId !== null && staffId !== ctx.staff.id) {
    // Only an active comms or IG officer can hold an item, not any id someone types.
    const assignees = await listAssignees(db, ctx.services.keyring, ['comms', 'ig']);
    if (!assignees.some((person) => person.id === staffId)) {
      return { field: 'assignTo', message: t('staffQueues.error.assignTo') };
    }
  }
  await assignFeedbackItem(db, item.reference, staffId);
  return { done: 'assigned', detail: { assignedTo: staffId }, json: { assignedTo: staffId } };
});

export const statusHandler = itemAction('status', statusSchema, async (ctx, item, { status }, db) => {
  await setFeedbackStatus(db, item.reference, status, ctx.now());
  return { done: 'status', detail: { from: item.status, to: status }, json: { status } };
});

/** Themes are short tags, not personal data, so the audit entry may name them. */
export const themesHandler = itemAction('themes', themesSchema, async (_ctx, item, { theme, remove }, db) => {
  const themes = remove ? item.themes.filter((existing) => existing !== remove) : [...item.themes, theme ?? ''];
  await setFeedbackThemes(db, item.reference, themes);
  return { done: 'themes', detail: remove ? { removed: remove } : { added: theme ?? '' }, json: { themes } };
});

export const noteHandler = itemAction('note', noteSchema, async (ctx, item, { note }, db) => {
  const id = await addFeedbackNote(db, ctx.services.keyring, {
    itemId: item.id,
    authorId: ctx.staff.id,
    kind: 'note',
    text: note,
    at: ctx.now(),
  });
  return { done: 'note', detail: { noteId: id }, json: { noteId: id } };
});

export const replyHandler = itemAction(
  'reply',
  replySchema,
  async (ctx, item, { reply, markAnswered, verified }, db) => {
    try {
      const { status, verifiedNow } = await replyToFeedback(
        { db, keyring: ctx.services.keyring },
        { reference: item.reference, authorId: ctx.staff.id, text: reply, markAnswered, verified, now: ctx.now() },
      );
      return { done: 'replied', detail: { from: item.status, to: status, verified: verifiedNow }, json: { status } };
    } catch (error) {
      if (error instanceof NoEmailAddressError) return { field: 'reply', message: t('staffQueues.reply.noEmail') };
      if (error instanceof UnverifiedAddressError)
        return { field: 'verified', message: t('staffQueues.reply.verifyFirst') };
      throw error;
    }
  },
);

/** A complaint's response date, as agreed with the complainant: today or later. */
export const agreeDateHandler = itemAction('agree-date', agreeDateSchema, async (ctx, item, fields, db) => {
  const parsed = parseDateFields(
    { day: fields.agreedDay, month: fields.agreedMonth, year: fields.agreedYear },
    {
      label: t('staffQueues.agreeDate.label'),
      relativeTo: { today: todayInLondon(ctx.now()), mustBe: 'today-or-future' },
    },
  );
  if (!parsed.ok) return { field: 'agreed', message: parsed.message };
  if (!(await recordAgreedResponseDate(db, item.reference, parsed.date, ctx.now())))
    return { field: 'agreed', message: t('staffQueues.error.notComplaint') };
  return { done: 'agreed', detail: { respondBy: parsed.date }, json: { respondBy: parsed.date } };
});

export const extendHandler = itemAction('extend', extendSchema, async (ctx, item, extension, db) => {
  try {
    const { respondBy, emailed } = await extendRightsRequest(
      { db, keyring: ctx.services.keyring },
      { reference: item.reference, extension, now: ctx.now() },
    );
    return {
      done: emailed ? 'extended' : 'extended-letter',
      detail: { months: extension.months, emailed },
      json: { respondBy },
    };
  } catch (error) {
    if (!(error instanceof ExtensionRefusedError)) throw error;
    const message =
      error.refusal === 'too-late' && error.extendBy
        ? t('staffQueues.error.extendTooLate', { date: calendarDay(error.extendBy) })
        : t(
            error.refusal === 'already-extended'
              ? 'staffQueues.error.extendAgain'
              : 'staffQueues.error.notRightsRequest',
          );
    return { field: 'months', message };
  }
});
