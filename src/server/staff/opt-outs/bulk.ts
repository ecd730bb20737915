import { asc, inArray, type SQL, sql } from 'drizzle-orm';
import { type CalendarDate, todayInLondon } from '../../../domain/calendar-date.ts';
import type { OptOutStatus } from '../../../domain/opt-out.ts';
import { checkEffectiveDate, nextStep, type OptOutEventStep } from '../../../domain/opt-out-transitions.ts';
import { encryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { optOutEvents, staffAuditLog } from '../../db/staff-schema.ts';
import { dateColumn, stateOf } from './requests.ts';

/**
 * The same steps as one request's page (transitions.ts), taken on many at once. Only the steps
 * that need nothing personal from the officer per request: rejecting needs a reason for each
 * person (and emails them), and confirming a withdrawal follows a phone call with that person.
 */
export const BULK_ACTIONS = ['confirm-contact', 'check-identity', 'apply', 'record-withdrawal-applied'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Why a request in the selection was left as it was. */
export type BulkRefusal = 'not-allowed-now' | 'date-too-early';

export interface BulkResult {
  changed: string[];
  refused: { reference: string; status: OptOutStatus; reason: BulkRefusal }[];
}

/** Only what the rules and the report need: 48,000 whole rows (encrypted fields and all) would be held in memory. */
const columns = {
  id: optOutRequests.id,
  reference: optOutRequests.reference,
  status: optOutRequests.status,
  receivedAt: optOutRequests.receivedAt,
  withdrawalRequestedAt: optOutRequests.withdrawalRequestedAt,
  appliedOn: optOutRequests.appliedOn,
  withdrawalAppliedOn: optOutRequests.withdrawalAppliedOn,
};
type Row = Pick<typeof optOutRequests.$inferSelect, keyof typeof columns>;
const CHUNK = 1000;
const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) =>
    items.slice(index * CHUNK, (index + 1) * CHUNK),
  );

/** Whether this row may take the step now, by the same rules as a single step, and the date checks. */
function check(row: Row, action: BulkAction, date: CalendarDate | undefined, today: CalendarDate) {
  const next = nextStep(stateOf(row), action);
  if (!next.ok) return { ok: false as const, reason: 'not-allowed-now' as const };
  if (date && (action === 'apply' || action === 'record-withdrawal-applied')) {
    const notBefore = action === 'apply' ? todayInLondon(row.receivedAt) : (dateColumn(row.appliedOn) ?? today);
    if (checkEffectiveDate(date, { today, notBefore }) !== 'ok')
      return { ok: false as const, reason: 'date-too-early' as const };
  }
  return { ok: true as const, to: next.to };
}

/** Reserves `count` ids of opt_out_events, so each event's note is encrypted for its own row. */
async function reserveEventIds(tx: Transaction, count: number): Promise<number[]> {
  const result = await tx.execute(
    sql`select nextval(pg_get_serial_sequence('opt_out_events', 'id'))::bigint as id from generate_series(1, ${count})`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { id: unknown }[] }).rows;
  return rows.map((row: { id: unknown }) => Number(row.id));
}

/**
 * Takes one step on every selected request in ONE transaction: the rows are locked, each checked
 * against the rules (src/domain/opt-out-transitions.ts) as a single step would be, and each one
 * allowed gets its change, its opt_out_events row and its own audit entry (`opt-out.<action>`,
 * `bulk: true`); a request not allowed now is reported and left alone. If any write fails,
 * nothing happened. `expectedCount`: what the officer confirmed; if the selection no longer
 * holds that many, nothing is done and the count is returned to confirm again.
 */
export async function takeBulkStep(
  deps: { db: Database; keyring: Keyring },
  step: {
    action: BulkAction;
    selection: SQL | undefined;
    expectedCount: number;
    actorId: number;
    now: Date;
    note?: string;
    date?: CalendarDate;
  },
): Promise<BulkResult | { countChanged: number }> {
  const { action, now } = step;
  const today = todayInLondon(now);
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select(columns)
      .from(optOutRequests)
      .where(step.selection)
      .orderBy(asc(optOutRequests.receivedAt), asc(optOutRequests.id))
      .for('update');
    if (rows.length !== step.expectedCount) return { countChanged: rows.length };
    const allowed: { row: Row; to: OptOutEventStep }[] = [];
    const refused: BulkResult['refused'] = [];
    for (const row of rows) {
      const verdict = check(row, action, step.date, today);
      if (verdict.ok) allowed.push({ row, to: verdict.to });
      else refused.push({ reference: row.reference, status: row.status, reason: verdict.reason });
    }
    const changes: Record<string, unknown> = {};
    if (action !== 'record-withdrawal-applied')
      Object.assign(changes, { status: allowed[0]?.to, statusChangedAt: now });
    if (action === 'confirm-contact')
      changes['contactConfirmedAt'] = sql`coalesce(${optOutRequests.contactConfirmedAt}, ${now})`;
    if (action === 'check-identity') changes['identityCheckedAt'] = now;
    if (action === 'apply') Object.assign(changes, { appliedAt: now, appliedOn: step.date });
    if (action === 'record-withdrawal-applied') changes['withdrawalAppliedOn'] = step.date;
    const eventIds = step.note ? await reserveEventIds(tx, allowed.length) : [];
    for (const [index, part] of chunks(allowed).entries()) {
      await tx
        .update(optOutRequests)
        .set(changes)
        .where(
          inArray(
            optOutRequests.id,
            part.map(({ row }) => row.id),
          ),
        );
      await tx.insert(optOutEvents).values(
        part.map(({ row, to }, offset) => {
          const id = eventIds[index * CHUNK + offset];
          const noteEncrypted =
            step.note && id !== undefined
              ? encryptField(deps.keyring, step.note, slotOf(optOutEvents.noteEncrypted, id))
              : null;
          return {
            ...(id !== undefined ? { id } : {}),
            requestId: row.id,
            fromStatus: row.status,
            toStatus: to,
            actorId: step.actorId,
            noteEncrypted,
            at: now,
          };
        }),
      );
      await tx.insert(staffAuditLog).values(
        part.map(({ row, to }) => ({
          at: now,
          actorId: step.actorId,
          action: `opt-out.${action}`,
          subjectType: 'opt-out',
          subjectRef: row.reference,
          detail: { from: row.status, to, bulk: true },
        })),
      );
    }
    return { changed: allowed.map(({ row }) => row.reference), refused };
  });
}
