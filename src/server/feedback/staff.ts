import { and, arrayContains, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type CalendarDate, dateColumn, personalDate } from '../../domain/calendar-date.ts';
import type { FeedbackStatus, FeedbackType } from '../../domain/feedback.ts';
import { clockUrgency, type FeedbackClockStates, feedbackClockStates } from '../../domain/feedback-clocks.ts';
import { decryptField, decryptJson, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { type FeedbackItemRow, feedbackItems } from '../db/feedback-schema.ts';

/**
 * What the staff screens (issue 6) need from the feedback store: a work list ordered by what is
 * most urgent, one item opened in full, and the few changes staff make. Lists never decrypt
 * anything: a person's message is opened only when a member of staff opens that one item.
 */

/** A row of the work list: no personal data, just what to sort and act on. */
export interface FeedbackListEntry {
  reference: string;
  type: FeedbackItemRow['type'];
  rightsRequest: FeedbackItemRow['rightsRequest'];
  status: FeedbackStatus;
  themes: string[];
  replyBy: FeedbackItemRow['replyBy'];
  receivedOn: CalendarDate;
  acknowledgeBy: CalendarDate | null;
  respondBy: CalendarDate | null;
  extended: boolean;
  clocks: FeedbackClockStates;
  /** The member of staff handling it (staff_users.id), or null. */
  assignedTo: number | null;
}

/** Thrown when a reference matches no item. */
export class FeedbackItemNotFoundError extends Error {
  override name = 'FeedbackItemNotFoundError';
  readonly reference: string;
  constructor(reference: string) {
    super(`No feedback item has the reference ${reference}`);
    this.reference = reference;
  }
}

function toEntry(row: FeedbackItemRow, today: CalendarDate): FeedbackListEntry {
  const dates = { acknowledgeBy: dateColumn(row.acknowledgeBy), respondBy: dateColumn(row.respondBy) };
  return {
    reference: row.reference,
    type: row.type,
    rightsRequest: row.rightsRequest,
    status: row.status,
    themes: row.themes,
    replyBy: row.replyBy,
    receivedOn: dateColumn(row.receivedOn),
    ...dates,
    extended: row.extensionMonths !== null,
    clocks: feedbackClockStates({ status: row.status, ...dates }, today),
    assignedTo: row.assignedTo,
  };
}

/** What the work list can be narrowed to (the queue's filter form). */
export interface FeedbackListFilter {
  /** Default: all but closed. */
  statuses?: readonly FeedbackStatus[];
  /** Default: every type. */
  types?: readonly FeedbackType[];
  /** Only items tagged with this theme. */
  theme?: string;
  /** Only items whose most urgent clock is due today, or within 5 working days ("week"). */
  due?: 'today' | 'week';
  /** Only items with a clock that has run out. */
  overdue?: boolean;
}

const OPEN_STATUSES = ['new', 'acknowledged', 'in-progress', 'answered'] as const;

/** True when an entry's clocks match the due and overdue filters (clocks are worked out, not stored). */
function clocksMatch(entry: FeedbackListEntry, filter: FeedbackListFilter): boolean {
  const worst = entry.clocks.worst;
  if (filter.overdue && worst?.state !== 'overdue') return false;
  if (filter.due === 'today' && worst?.state !== 'due-today') return false;
  if (filter.due === 'week' && !(worst?.state === 'due-today' || (worst?.state === 'due' && worst.workingDays <= 5)))
    return false;
  return true;
}

/** Items matching the filter (default: all but closed), most urgent first, then oldest first. */
export async function listFeedbackItems(
  db: Database,
  options: { today: CalendarDate; limit?: number } & FeedbackListFilter,
): Promise<FeedbackListEntry[]> {
  const conditions: SQL[] = [inArray(feedbackItems.status, [...(options.statuses ?? OPEN_STATUSES)])];
  if (options.types) conditions.push(inArray(feedbackItems.type, [...options.types]));
  if (options.theme) conditions.push(arrayContains(feedbackItems.themes, [options.theme]));
  const rows = await db
    .select()
    .from(feedbackItems)
    .where(and(...conditions))
    .orderBy(asc(feedbackItems.receivedAt))
    .limit(options.limit ?? 500);
  return rows
    .map((row) => toEntry(row, options.today))
    .filter((entry) => clocksMatch(entry, options))
    .sort((a, b) => clockUrgency(b.clocks) - clockUrgency(a.clocks) || (a.receivedOn < b.receivedOn ? -1 : 0));
}

/** Every theme in use, for the filter and to suggest when tagging. */
export async function listFeedbackThemes(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ themes: feedbackItems.themes }).from(feedbackItems);
  return [...new Set(rows.flatMap((row) => row.themes))].sort();
}

/** One item with its message and personal details decrypted, for the member of staff handling it. */
export async function readFeedbackItem(db: Database, keyring: Keyring, reference: string, today: CalendarDate) {
  const [row] = await db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference));
  if (!row) throw new FeedbackItemNotFoundError(reference);
  const slot = (column: PgColumn) => slotOf(column, row.idempotencyKey);
  const open = (column: PgColumn, value: string | null) =>
    value === null ? null : decryptField(keyring, value, slot(column));
  return {
    ...toEntry(row, today),
    // The retention job may have emptied it (personal_data_deleted_at); the item stays for reports.
    message:
      row.messageEncrypted === ''
        ? ''
        : decryptField(keyring, row.messageEncrypted, slot(feedbackItems.messageEncrypted)),
    topic: open(feedbackItems.topicEncrypted, row.topicEncrypted),
    name: open(feedbackItems.nameEncrypted, row.nameEncrypted),
    email: open(feedbackItems.emailEncrypted, row.emailEncrypted),
    phone: open(feedbackItems.phoneEncrypted, row.phoneEncrypted),
    postalAddress:
      row.postalAddressEncrypted === null
        ? null
        : decryptJson(keyring, row.postalAddressEncrypted, slot(feedbackItems.postalAddressEncrypted)),
    dateOfBirth:
      row.dateOfBirthEncrypted === null
        ? null
        : personalDate(
            decryptField(keyring, row.dateOfBirthEncrypted, slot(feedbackItems.dateOfBirthEncrypted)),
            'date of birth',
          ),
    postcode: open(feedbackItems.postcodeEncrypted, row.postcodeEncrypted),
    extensionMonths: row.extensionMonths,
    extendedAt: row.extendedAt,
    extensionReason: open(feedbackItems.extensionReasonEncrypted, row.extensionReasonEncrypted),
    id: row.id,
    receivedAt: row.receivedAt,
    acknowledgedAt: row.acknowledgedAt,
    answeredAt: row.answeredAt,
    closedAt: row.closedAt,
    personalDataDeletedAt: row.personalDataDeletedAt,
  };
}

async function update(db: Database, reference: string, values: Partial<typeof feedbackItems.$inferInsert>) {
  const updated = await db
    .update(feedbackItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(feedbackItems.reference, reference))
    .returning({ id: feedbackItems.id });
  if (updated.length === 0) throw new FeedbackItemNotFoundError(reference);
}

/** Moves an item on, stamping when it was acknowledged, answered or closed (which stops its clocks). */
export function setFeedbackStatus(db: Database, reference: string, status: FeedbackStatus, now = new Date()) {
  const stamps = { acknowledged: { acknowledgedAt: now }, answered: { answeredAt: now }, closed: { closedAt: now } };
  return update(db, reference, { status, ...(status in stamps ? stamps[status as keyof typeof stamps] : {}) });
}

/** Gives an item to a member of staff (staff_users.id), or to nobody. */
export function assignFeedbackItem(db: Database, reference: string, staffId: number | null) {
  return update(db, reference, { assignedTo: staffId });
}

/** Replaces an item's themes (tags), tidied and without repeats. */
export function setFeedbackThemes(db: Database, reference: string, themes: readonly string[]) {
  const tidy = [...new Set(themes.map((theme) => theme.trim().toLowerCase()).filter((theme) => theme !== ''))];
  return update(db, reference, { themes: tidy });
}
