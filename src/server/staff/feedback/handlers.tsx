import { todayInLondon } from '../../../domain/calendar-date.ts';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../../domain/feedback.ts';
import type { FieldError } from '../../../forms/validation.ts';
import { type MessageKey, t } from '../../../i18n/t.ts';
import { listFeedbackItems, listFeedbackThemes, readFeedbackItem } from '../../feedback/staff.ts';
import { jsonOk, notFound } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { feedbackTypesFor, findVisibleItem } from './access.ts';
import { listAssignees, staffName } from './assignees.ts';
import { type FeedbackFilter, feedbackFilterSchema } from './forms.ts';
import { listFeedbackNotes } from './notes.ts';
import { statusActors } from './status-actors.ts';
import { FeedbackItem } from './views/FeedbackItem.tsx';
import { FeedbackList } from './views/FeedbackList.tsx';

/** What `?done=` may say after an action (anything else shows nothing). */
const DONE: Record<string, MessageKey> = {
  assigned: 'staffQueues.done.assigned',
  status: 'staffQueues.done.status',
  themes: 'staffQueues.done.themes',
  note: 'staffQueues.done.note',
  replied: 'staffQueues.done.replied',
  agreed: 'staffQueues.done.agreed',
  extended: 'staffQueues.done.extended',
  'extended-letter': 'staffQueues.done.extendedLetter',
};

function statusesFor(filter: FeedbackFilter): { statuses?: readonly FeedbackStatus[] } {
  if (filter.status === undefined || filter.status === 'open') return {};
  if (filter.status === 'all') return { statuses: FEEDBACK_STATUSES };
  return { statuses: [filter.status] };
}

/** GET /staff/feedback and /api/staff/feedback: the work list, filtered. No personal data, so not audited. */
export async function feedbackListHandler(ctx: StaffContext): Promise<Response> {
  const filter = feedbackFilterSchema.parse(Object.fromEntries(ctx.query));
  const allowed = feedbackTypesFor(ctx.staff);
  const { db } = ctx.services.store;
  const entries = await listFeedbackItems(db, {
    today: todayInLondon(ctx.now()),
    ...statusesFor(filter),
    types: filter.type ? (allowed.includes(filter.type) ? [filter.type] : []) : allowed,
    ...(filter.theme ? { theme: filter.theme } : {}),
    ...(filter.due ? { due: filter.due } : {}),
    overdue: filter.overdue === 'yes',
  });
  if (ctx.wantsJson) return jsonOk({ items: entries });
  const [themes, staff] = await Promise.all([
    listFeedbackThemes(db),
    listAssignees(db, ctx.services.keyring, ['comms', 'ig']),
  ]);
  const names = new Map(staff.map((person) => [person.id, person.name]));
  return ctx.page({
    title: t('staffQueues.feedback.title'),
    body: <FeedbackList entries={entries} filter={filter} types={allowed} themes={themes} names={names} />,
  });
}

/**
 * The item decrypted, its notes and the people it can be given to. Every call is a view of the
 * person's details, so every call is audited (a page re-shown with errors included).
 */
async function loadItem(ctx: StaffContext, reference: string) {
  const { db } = ctx.services.store;
  const { keyring } = ctx.services;
  const item = await readFeedbackItem(db, keyring, reference, todayInLondon(ctx.now()));
  const [notes, assignees, actors] = await Promise.all([
    listFeedbackNotes(db, keyring, item.id),
    listAssignees(db, keyring, ['comms', 'ig']),
    statusActors(db, reference),
  ]);
  await ctx.audit({ action: 'feedback.view', subjectType: 'feedback', subjectRef: reference });
  return { item, notes, assignees, actors };
}

/**
 * Names for everyone the page mentions: the people an item can be given to, plus anyone else who
 * wrote a note or changed the status (an administrator, or someone who has since changed role).
 */
async function namesFor(ctx: StaffContext, assignees: readonly { id: number; name: string }[], ids: number[]) {
  const names = new Map(assignees.map((person) => [person.id, person.name]));
  for (const id of new Set(ids)) {
    if (names.has(id)) continue;
    const name = await staffName(ctx.services.store.db, ctx.services.keyring, id);
    if (name !== undefined) names.set(id, name);
  }
  return names;
}

/** Renders the item page, optionally with a form's errors and kept values. */
export async function renderFeedbackItem(
  ctx: StaffContext,
  reference: string,
  problem?: { errors: readonly FieldError[]; values: Record<string, string> },
): Promise<Response> {
  const { item, notes, assignees, actors } = await loadItem(ctx, reference);
  const names = await namesFor(ctx, assignees, [
    ...notes.map((note) => note.authorId),
    ...[...actors.values()].filter((id) => id !== null),
    ...(item.assignedTo === null ? [] : [item.assignedTo]),
  ]);
  const doneKey = DONE[ctx.query.get('done') ?? ''];
  return ctx.page({
    title: `${problem ? `${t('staffQueues.errorTitlePrefix')} ` : ''}${t('staffQueues.item.title', { reference })}`,
    status: problem ? 422 : 200,
    body: (
      <FeedbackItem
        item={item}
        notes={notes}
        assignees={assignees}
        actors={actors}
        viewerId={ctx.staff.id}
        names={names}
        csrfToken={ctx.csrfToken}
        errors={problem?.errors ?? []}
        values={problem?.values ?? {}}
        done={problem || !doneKey ? undefined : t(doneKey)}
      />
    ),
  });
}

/** GET /staff/feedback/:reference and /api/staff/feedback/:reference. */
export async function feedbackItemHandler(ctx: StaffContext): Promise<Response> {
  const found = await findVisibleItem(ctx.services.store.db, ctx.staff, ctx.params['reference']);
  if (!found) return notFound(ctx);
  if (!ctx.wantsJson) return renderFeedbackItem(ctx, found.reference);
  const { item, notes } = await loadItem(ctx, found.reference);
  return jsonOk({ item, notes });
}
