import { eq } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { OptOutAction, OptOutEventStep } from '../../../domain/opt-out-transitions.ts';
import type { SettingsData } from '../../../schemas/settings.ts';
import type { Keyring } from '../../crypto/field-crypto.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { lockForStep, takeStepsWithin } from './step-batch.ts';

/** Thrown when a step is not open from where the request is now (no skipping, no going back). */
export class OptOutStepRefusedError extends Error {
  override name = 'OptOutStepRefusedError';
  readonly reference: string;
  readonly action: OptOutAction;
  constructor(reference: string, action: OptOutAction, status: string) {
    super(`Opt-out ${reference} cannot take the step "${action}" from "${status}"`);
    this.reference = reference;
    this.action = action;
  }
}

/** What a step needs besides the request: a note (identity check), a reason (rejection) or a date. */
export interface StepInput {
  /** How identity was checked, or why it was rejected: encrypted in the event, it may describe the person. */
  note?: string;
  /** The day the change was made in the clinical systems. */
  date?: CalendarDate;
}

/** One step on one request, by one member of staff. */
export type OptOutStep = { reference: string; action: OptOutAction; actorId: number; now: Date } & StepInput;

export interface StepResult {
  from: string;
  to: OptOutEventStep;
  emailed: boolean;
}

export interface StepDeps {
  db: Database;
  keyring: Keyring;
  settings: SettingsData;
}

/**
 * Takes one step on a request in ONE transaction: the row is locked, the step checked against
 * the rules in src/domain/opt-out-transitions.ts (and, for a date, not before the request arrived
 * or was applied, not in the future), the request updated, an opt_out_events row written, (for a
 * rejection with an email address) the person's email queued, and the audit entry written: if any part fails, none of it happened. Returns the step taken and whether the
 * person was emailed.
 */
export function takeOptOutStep(deps: StepDeps, step: OptOutStep): Promise<StepResult> {
  return deps.db.transaction((tx) => takeOptOutStepWithin(tx, deps, step));
}

/**
 * The same step inside a transaction the caller holds: the one-row case of the batched step
 * (step-batch.ts) that the bulk action and the record platform's files use.
 */
export async function takeOptOutStepWithin(
  tx: Transaction,
  deps: Omit<StepDeps, 'db'>,
  step: OptOutStep,
): Promise<StepResult> {
  const { reference, ...rest } = step;
  const rows = await lockForStep(tx, eq(optOutRequests.reference, reference));
  const row = rows[0];
  if (!row) throw new OptOutStepRefusedError(reference, step.action, 'missing');
  const result = await takeStepsWithin(tx, deps, rows, rest);
  if (!result.to || result.changed.length === 0) throw new OptOutStepRefusedError(reference, step.action, row.status);
  return { from: row.status, to: result.to, emailed: result.emailed.has(reference) };
}
