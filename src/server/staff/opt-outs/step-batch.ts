import { inArray, type SQL, sql } from 'drizzle-orm';
import { type CalendarDate, dateColumn, todayInLondon } from '../../../domain/calendar-date.ts';
import {
  checkEffectiveDate,
  nextStep,
  type OptOutAction,
  type OptOutEventStep,
} from '../../../domain/opt-out-transitions.ts';
import type { SettingsData } from '../../../schemas/settings.ts';
import { decryptField, encryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Transaction } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { optOutEvents, staffAuditLog } from '../../db/staff-schema.ts';
import { enqueueEmail } from '../../mail/outbox.ts';
import { emailApplied } from './confirm-applied-email.ts';
import { jsonOf } from './json-rows.ts';
import { stateOf } from './requests.ts';

/**
 * THE step on opt-out requests: one request's page, the bulk action and the record platform's
 * files all call this, so the rules, the event and the audit entry cannot drift between them.
 * Each row is checked against its allowed transitions (src/domain/opt-out-transitions.ts) one
 * by one; the writes are set-based, about four statements per 1,000 rows instead of six per row
 * (issue 19: a 50,000-row file in under 30 s). It runs inside the caller's transaction, so the
 * change, its events, its audit rows and any email commit together or not at all.
 */

/** Only what the rules and the report need: 48,000 whole rows (encrypted fields and all) would be held in memory. */
export const STEP_COLUMNS = {
  id: optOutRequests.id,
  reference: optOutRequests.reference,
  status: optOutRequests.status,
  receivedAt: optOutRequests.receivedAt,
  withdrawalRequestedAt: optOutRequests.withdrawalRequestedAt,
  appliedOn: optOutRequests.appliedOn,
  withdrawalAppliedOn: optOutRequests.withdrawalAppliedOn,
  hasEmail: optOutRequests.hasEmail,
};
export type StepRow = Pick<typeof optOutRequests.$inferSelect, keyof typeof STEP_COLUMNS>;

/** Why a request was left as it was. */
export type StepRefusal = 'not-allowed-now' | 'date-too-early';

/** Rows per statement, well under PostgreSQL's limit of 65,535 parameters. */
export const STEP_CHUNK = 1000;
export function chunksOf<T>(items: readonly T[], size = STEP_CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Locks the requests `where` selects (oldest first), reading only the step's columns. */
export function lockForStep(tx: Transaction, where: SQL | undefined): Promise<StepRow[]> {
  return tx
    .select(STEP_COLUMNS)
    .from(optOutRequests)
    .where(where)
    .orderBy(optOutRequests.receivedAt, optOutRequests.id)
    .for('update');
}

export interface BatchStep {
  action: OptOutAction;
  actorId: number;
  now: Date;
  /** How identity was checked, or why it was rejected: encrypted per event, it may describe the person. */
  note?: string | undefined;
  /** The day the change was made in the clinical systems (apply, record-withdrawal-applied). */
  date?: CalendarDate | undefined;
  /** Added to every audit entry's detail: `{ bulk: true }`, `{ matchUpload: 7 }`. */
  detail?: Record<string, string | number | boolean>;
  /**
   * The GP practice the record platform's match file gave a request (by request id), written in
   * the step's own UPDATE: a second UPDATE for it rewrote every wide row twice (2.8 s of an 8.7 s
   * 10,000-row match file on the surge bench). A request not in the map keeps its practice.
   */
  practiceCodes?: ReadonlyMap<number, string>;
}

export interface BatchResult {
  to: OptOutEventStep | undefined;
  changed: StepRow[];
  refused: { row: StepRow; reason: StepRefusal }[];
  /** References of the people emailed (a rejection with an email address). */
  emailed: Set<string>;
}

/** Whether this row may take the step now, by the transition rules and the date checks. */
export function checkStep(row: StepRow, action: OptOutAction, date: CalendarDate | undefined, today: CalendarDate) {
  const next = nextStep(stateOf(row), action);
  if (!next.ok) return { ok: false as const, reason: 'not-allowed-now' as const };
  if (action === 'apply' || action === 'record-withdrawal-applied') {
    if (!date) throw new RangeError('This step needs the date it was done in the clinical systems');
    const notBefore = action === 'apply' ? todayInLondon(row.receivedAt) : (dateColumn(row.appliedOn) ?? today);
    if (checkEffectiveDate(date, { today, notBefore }) !== 'ok')
      return { ok: false as const, reason: 'date-too-early' as const };
  }
  return { ok: true as const, to: next.to };
}

/** Reserves `count` ids of opt_out_events in one statement, so each event's note is encrypted for its own row. */
async function reserveEventIds(tx: Transaction, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await tx.execute(
    sql`select nextval(pg_get_serial_sequence('opt_out_events', 'id'))::bigint as id from generate_series(1, ${count})`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { id: unknown }[] }).rows;
  return rows.map((row: { id: unknown }) => Number(row.id));
}

function changesFor(step: BatchStep, to: OptOutEventStep): Record<string, unknown> {
  const { action, now } = step;
  const changes: Record<string, unknown> = {};
  if (to !== 'withdrawal-applied') Object.assign(changes, { status: to, statusChangedAt: now });
  if (action === 'confirm-contact')
    changes['contactConfirmedAt'] =
      sql`coalesce(${optOutRequests.contactConfirmedAt}, ${now.toISOString()}::timestamptz)`;
  if (action === 'check-identity') changes['identityCheckedAt'] = now;
  if (action === 'apply') Object.assign(changes, { appliedAt: now, appliedOn: step.date });
  if (action === 'reject') changes['rejectedAt'] = now;
  if (action === 'confirm-withdrawal') changes['withdrawnAt'] = now;
  if (action === 'record-withdrawal-applied') changes['withdrawalAppliedOn'] = step.date;
  return changes;
}

/** A rejection's reason, stored on each request encrypted for that request's own slot. */
async function storeReasons(tx: Transaction, keyring: Keyring, rows: readonly StepRow[], reason: string) {
  const values = rows.map(
    (row) =>
      sql`(${row.id}::bigint, ${encryptField(keyring, reason, slotOf(optOutRequests.rejectionReasonEncrypted, row.reference))})`,
  );
  await tx.execute(sql`update ${optOutRequests} set rejection_reason_encrypted = v.reason
    from (values ${sql.join(values, sql`, `)}) as v(id, reason) where ${optOutRequests.id} = v.id`);
}

/** The rejection email, queued in the same transaction for each person who gave an address. */
async function emailRejections(
  tx: Transaction,
  deps: { keyring: Keyring; settings: SettingsData },
  rows: readonly StepRow[],
  reason: string,
): Promise<Set<string>> {
  const emailed = new Set<string>();
  const withEmail = rows.filter((row) => row.hasEmail).map((row) => row.id);
  if (withEmail.length === 0) return emailed;
  const addresses = await tx
    .select({ reference: optOutRequests.reference, email: optOutRequests.contactEmailEncrypted })
    .from(optOutRequests)
    .where(inArray(optOutRequests.id, withEmail));
  for (const { reference, email } of addresses) {
    if (!email) continue;
    await enqueueEmail(tx, deps.keyring, {
      dedupeKey: `opt-out:${reference}:rejected`,
      to: decryptField(deps.keyring, email, slotOf(optOutRequests.contactEmailEncrypted, reference)),
      template: 'staff-opt-out-rejected',
      params: { reference, reason, phone: deps.settings.contact.phone },
    });
    emailed.add(reference);
  }
  return emailed;
}

/**
 * Takes `step` on every row given (already locked by the caller, e.g. lockForStep), inside the
 * caller's transaction. Rows not allowed now are returned as refused and left alone; every row
 * changed gets its update, its opt_out_events row and its own audit entry (`opt-out.<action>`).
 */
export async function takeStepsWithin(
  tx: Transaction,
  deps: { keyring: Keyring; settings: SettingsData },
  rows: readonly StepRow[],
  step: BatchStep,
): Promise<BatchResult> {
  const today = todayInLondon(step.now);
  const allowed: StepRow[] = [];
  const refused: BatchResult['refused'] = [];
  let to: OptOutEventStep | undefined;
  for (const row of rows) {
    const verdict = checkStep(row, step.action, step.date, today);
    if (verdict.ok) {
      allowed.push(row);
      to = verdict.to; // one action leads to one status from every state it is open from
    } else refused.push({ row, reason: verdict.reason });
  }
  if (!to || allowed.length === 0) return { to, changed: [], refused, emailed: new Set() };

  const changes = changesFor(step, to);
  const eventIds = step.note ? await reserveEventIds(tx, allowed.length) : [];
  // The person hears of a rejection (its reason) and of their opt-out being put in place.
  const emailed =
    step.action === 'reject'
      ? await emailRejections(tx, deps, allowed, step.note ?? '')
      : step.action === 'apply' && step.date
        ? await emailApplied(tx, deps, allowed, step.date)
        : new Set<string>();
  const at = sql`${step.now.toISOString()}::timestamptz`;
  for (const [index, part] of chunksOf(allowed).entries()) {
    const targets = part.map((row) => ({ id: row.id, practice: step.practiceCodes?.get(row.id) ?? null }));
    await tx
      .update(optOutRequests)
      .set({ ...changes, practiceCode: sql`coalesce(x.practice, ${optOutRequests.practiceCode})` })
      .from(sql`json_to_recordset(${jsonOf(targets)}) as x(id bigint, practice text)`)
      .where(sql`${optOutRequests.id} = x.id`);
    if (step.action === 'reject' && step.note) await storeReasons(tx, deps.keyring, part, step.note);
    const events = part.map((row, offset) => {
      const id = eventIds[index * STEP_CHUNK + offset] ?? null;
      const note =
        step.note && id !== null ? encryptField(deps.keyring, step.note, slotOf(optOutEvents.noteEncrypted, id)) : null;
      return { id, request: row.id, from: row.status, note };
    });
    await tx.execute(sql`insert into ${optOutEvents} (id, request_id, from_status, to_status, actor_id, note_encrypted, at)
      select coalesce(x.id, nextval(pg_get_serial_sequence('opt_out_events', 'id'))), x.request, x."from", ${to}, ${step.actorId}, x.note, ${at}
      from json_to_recordset(${jsonOf(events)}) as x(id bigint, request bigint, "from" text, note text)`);
    const audit = part.map((row) => ({
      ref: row.reference,
      detail: {
        from: row.status,
        to,
        ...(step.action === 'reject' ? { emailed: emailed.has(row.reference) } : {}),
        ...step.detail,
      },
    }));
    await tx.execute(sql`insert into ${staffAuditLog} (at, actor_id, action, subject_type, subject_ref, detail)
      select ${at}, ${step.actorId}, ${`opt-out.${step.action}`}, 'opt-out', x.ref, x.detail
      from json_to_recordset(${jsonOf(audit)}) as x(ref text, detail jsonb)`);
  }
  return { to, changed: allowed, refused, emailed };
}
