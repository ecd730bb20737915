import type { SQL } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { OptOutStatus } from '../../../domain/opt-out.ts';
import type { SettingsData } from '../../../schemas/settings.ts';
import type { Keyring } from '../../crypto/field-crypto.ts';
import type { Database } from '../../db/client.ts';
import { lockForStep, type StepRefusal, takeStepsWithin } from './step-batch.ts';

/**
 * The same steps as one request's page (transitions.ts), taken on many at once. Only the steps
 * that need nothing personal from the officer per request: rejecting needs a reason for each
 * person (and emails them), and confirming a withdrawal follows a phone call with that person.
 */
export const BULK_ACTIONS = ['confirm-contact', 'check-identity', 'apply', 'record-withdrawal-applied'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Why a request in the selection was left as it was. */
export type BulkRefusal = StepRefusal;

export interface BulkResult {
  changed: string[];
  refused: { reference: string; status: OptOutStatus; reason: BulkRefusal }[];
}

/**
 * Takes one step on every selected request in ONE transaction: the rows are locked and go
 * through the same batched step as a single request's page (step-batch.ts): each checked against
 * the rules, each one allowed gets its change, its opt_out_events row and its own audit entry
 * (`opt-out.<action>`, `bulk: true`); a request not allowed now is reported and left alone. If
 * any write fails, nothing happened. `expectedCount`: what the officer confirmed; if the
 * selection no longer holds that many, nothing is done and the count is returned to confirm again.
 */
export async function takeBulkStep(
  deps: { db: Database; keyring: Keyring; settings: SettingsData },
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
  const { selection, expectedCount, ...rest } = step;
  return deps.db.transaction(async (tx) => {
    const rows = await lockForStep(tx, selection);
    if (rows.length !== expectedCount) return { countChanged: rows.length };
    const result = await takeStepsWithin(tx, deps, rows, { ...rest, detail: { bulk: true } });
    return {
      changed: result.changed.map((row) => row.reference),
      refused: result.refused.map(({ row, reason }) => ({ reference: row.reference, status: row.status, reason })),
    };
  });
}
