import { and, asc, desc, eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { type CalendarDate, dateColumn, personalDate, todayInLondon } from '../../../domain/calendar-date.ts';
import { type ClockDescription, describeClock } from '../../../domain/clocks.ts';
import { OPT_OUT_STATUSES, type OptOutRoute, type OptOutStatus } from '../../../domain/opt-out.ts';
import { needsStaffAction, type OptOutEventStep, type OptOutState } from '../../../domain/opt-out-transitions.ts';
import { addWorkingDays, workingDaysBetween } from '../../../domain/working-days.ts';
import { decryptField, decryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { optOutEvidence, optOutRequests } from '../../db/opt-out-schema.ts';
import { optOutEvents } from '../../db/staff-schema.ts';
import {
  countMatching,
  type OptOutQueueFilter,
  type QueueCursor,
  queueConditions,
  readQueuePage,
} from './queue-query.ts';

/**
 * What the opt-out queue reads. The list decrypts nothing; one request is decrypted only when a
 * member of staff opens it (and the handler audits that).
 */

type Row = typeof optOutRequests.$inferSelect;

export function stateOf(
  row: Pick<Row, 'status' | 'withdrawalRequestedAt' | 'appliedOn' | 'withdrawalAppliedOn'>,
): OptOutState {
  return {
    status: row.status,
    withdrawalRequested: row.withdrawalRequestedAt !== null,
    appliedOn: dateColumn(row.appliedOn),
    withdrawalAppliedOn: dateColumn(row.withdrawalAppliedOn),
  };
}

export interface OptOutListEntry {
  /** The row's id: the list's page links carry it as their cursor (never anything personal). */
  id: number;
  reference: string;
  route: OptOutRoute;
  status: OptOutStatus;
  receivedAt: Date;
  /** Working days since it arrived (the day of receipt is day 0). */
  ageWorkingDays: number;
  /**
   * The promise emailed to the resident: applied "within N working days of checking" (settings'
   * optOutWorkingDays). Set once identity is checked and until it is applied; null otherwise.
   */
  applyBy: CalendarDate | null;
  /** Where it stands against applyBy (due in N working days, due today, overdue). */
  applyClock: ClockDescription | null;
  withdrawalRequested: boolean;
  hasEmail: boolean;
  needsAction: boolean;
}

export type { OptOutQueueFilter as OptOutListFilter } from './queue-query.ts';

/** A list row in the words the list shows: its age and its clock against the emailed promise. */
function toEntry(row: Row, today: CalendarDate, applyWorkingDays: number): OptOutListEntry {
  const applyBy =
    row.status === 'identity-checked' && row.identityCheckedAt
      ? addWorkingDays(todayInLondon(row.identityCheckedAt), applyWorkingDays)
      : null;
  return {
    id: row.id,
    reference: row.reference,
    route: row.route,
    status: row.status,
    receivedAt: row.receivedAt,
    ageWorkingDays: workingDaysBetween(todayInLondon(row.receivedAt), today),
    applyBy,
    applyClock: applyBy ? describeClock(applyBy, today) : null,
    withdrawalRequested: row.withdrawalRequestedAt !== null,
    hasEmail: row.hasEmail,
    needsAction: needsStaffAction(stateOf(row)),
  };
}

/** The first `limit` requests matching, oldest first (the staff home counts its clocks from these). */
export async function listOptOuts(
  db: Database,
  filter: OptOutQueueFilter & { now: Date; limit?: number; applyWorkingDays: number },
): Promise<OptOutListEntry[]> {
  const today = todayInLondon(filter.now);
  const where = queueConditions(filter, { today, applyWorkingDays: filter.applyWorkingDays });
  const page = await readQueuePage(db, where, {}, filter.limit ?? 500);
  return page.rows.map((row) => toEntry(row, today, filter.applyWorkingDays));
}

/** One page of the work list, the links either side of it, and how many match in all. */
export async function listOptOutPage(
  db: Database,
  filter: OptOutQueueFilter & { now: Date; applyWorkingDays: number; cursor: QueueCursor; pageSize: number },
) {
  const today = todayInLondon(filter.now);
  const where = queueConditions(filter, { today, applyWorkingDays: filter.applyWorkingDays });
  const [page, matching] = await Promise.all([
    readQueuePage(db, where, filter.cursor, filter.pageSize),
    countMatching(db, where),
  ]);
  const entries = page.rows.map((row) => toEntry(row, today, filter.applyWorkingDays));
  return {
    entries,
    matching,
    previous: page.hasPrevious ? entries[0]?.id : undefined,
    next: page.hasNext ? entries.at(-1)?.id : undefined,
  };
}

export const addressSchema = z.object({
  line1: z.string(),
  line2: z.string(),
  town: z.string(),
  postcode: z.string().nullable(),
});
const applicantSchema = z.object({ name: z.string(), relationship: z.string() });

/** The row behind a reference, or undefined. */
export async function findOptOutRow(db: Database, reference: string): Promise<Row | undefined> {
  const [row] = await db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference));
  return row;
}

/** The person's details decrypted (null once the retention job has removed them). */
export function decryptPerson(keyring: Keyring, row: Row) {
  if (row.personalDataDeletedAt) return null;
  const slot = (column: PgColumn) => slotOf(column, row.reference);
  const text = (column: PgColumn, value: string) => decryptField(keyring, value, slot(column));
  const open = (column: PgColumn, value: string | null) => (value === null ? null : text(column, value));
  return {
    name: text(optOutRequests.patientNameEncrypted, row.patientNameEncrypted),
    dateOfBirth: personalDate(
      text(optOutRequests.patientDateOfBirthEncrypted, row.patientDateOfBirthEncrypted),
      'date of birth',
    ),
    nhsNumber: open(optOutRequests.patientNhsNumberEncrypted, row.patientNhsNumberEncrypted),
    address: addressSchema.parse(
      decryptJson(keyring, row.patientAddressEncrypted, slot(optOutRequests.patientAddressEncrypted)),
    ),
    applicant: row.applicantEncrypted
      ? applicantSchema.parse(decryptJson(keyring, row.applicantEncrypted, slot(optOutRequests.applicantEncrypted)))
      : null,
    email: open(optOutRequests.contactEmailEncrypted, row.contactEmailEncrypted),
    phone: open(optOutRequests.contactPhoneEncrypted, row.contactPhoneEncrypted),
  };
}

/** One step in a request's history. `actorId` null: the person did it (a link in an email). */
export interface OptOutHistoryEntry {
  at: Date;
  step: OptOutEventStep | 'withdrawal-requested';
  actorId: number | null;
  note: string | null;
}

/**
 * The history: the staff events (opt_out_events), plus the person's own steps read from the
 * request's dates — their confirmations (status.ts) write no event, so they are shown from the
 * timestamps unless an event already records them.
 */
export async function readHistory(db: Database, keyring: Keyring, row: Row): Promise<OptOutHistoryEntry[]> {
  const events = await db
    .select()
    .from(optOutEvents)
    .where(eq(optOutEvents.requestId, row.id))
    .orderBy(desc(optOutEvents.at), desc(optOutEvents.id));
  const recorded: OptOutHistoryEntry[] = events.map((event) => ({
    at: event.at,
    step: z.enum([...OPT_OUT_STATUSES, 'withdrawal-applied']).parse(event.toStatus),
    actorId: event.actorId,
    note: event.noteEncrypted
      ? decryptField(keyring, event.noteEncrypted, slotOf(optOutEvents.noteEncrypted, event.id))
      : null,
  }));
  const has = (step: OptOutHistoryEntry['step']) => recorded.some((entry) => entry.step === step);
  const personal: OptOutHistoryEntry[] = [
    { at: row.receivedAt, step: 'received', actorId: null, note: null },
    ...(row.contactConfirmedAt && !has('contact-confirmed')
      ? [{ at: row.contactConfirmedAt, step: 'contact-confirmed' as const, actorId: null, note: null }]
      : []),
    ...(row.withdrawalRequestedAt
      ? [{ at: row.withdrawalRequestedAt, step: 'withdrawal-requested' as const, actorId: null, note: null }]
      : []),
    ...(row.withdrawnAt && !has('withdrawn')
      ? [{ at: row.withdrawnAt, step: 'withdrawn' as const, actorId: null, note: null }]
      : []),
  ];
  return [...recorded, ...personal].sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The evidence files sent with a request (a proxy's authority), without their contents. */
export async function listEvidence(db: Database, keyring: Keyring, requestId: number) {
  const rows = await db
    .select({
      id: optOutEvidence.id,
      contentType: optOutEvidence.contentType,
      byteSize: optOutEvidence.byteSize,
      fileName: optOutEvidence.fileNameEncrypted,
      uploadedAt: optOutEvidence.uploadedAt,
    })
    .from(optOutEvidence)
    .where(eq(optOutEvidence.requestId, requestId))
    .orderBy(asc(optOutEvidence.id));
  return rows.map((row) => ({
    ...row,
    fileName: decryptField(keyring, row.fileName, slotOf(optOutEvidence.fileNameEncrypted, row.id)),
  }));
}

/** One evidence file's bytes, only if it belongs to the request named in the address. */
export async function readEvidenceFile(db: Database, keyring: Keyring, requestId: number, evidenceId: number) {
  const [row] = await db
    .select()
    .from(optOutEvidence)
    .where(and(eq(optOutEvidence.id, evidenceId), eq(optOutEvidence.requestId, requestId)));
  if (!row) return undefined;
  const data = decryptField(keyring, row.dataEncrypted, slotOf(optOutEvidence.dataEncrypted, row.id));
  return { contentType: row.contentType, bytes: Buffer.from(data, 'base64') };
}
