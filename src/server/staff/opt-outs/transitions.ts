import { eq } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { nextStep, type OptOutAction, type OptOutEventStep } from '../../../domain/opt-out-transitions.ts';
import type { SettingsData } from '../../../schemas/settings.ts';
import { decryptField, encryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { nextId, slotOf } from '../../crypto/slots.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { optOutEvents } from '../../db/staff-schema.ts';
import { enqueueEmail } from '../../mail/outbox.ts';
import { recordAudit } from '../audit.ts';
import { stateOf } from './requests.ts';

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
 * the rules in src/domain/opt-out-transitions.ts, the request updated, an opt_out_events row
 * written, (for a rejection with an email address) the person's email queued, and the audit
 * entry written: if any part fails, none of it happened. Returns the step taken and whether the
 * person was emailed.
 */
export function takeOptOutStep(deps: StepDeps, step: OptOutStep): Promise<StepResult> {
  return deps.db.transaction((tx) => takeOptOutStepWithin(tx, deps, step));
}

/**
 * The same step inside a transaction the caller holds, so a bulk action (the record platform's
 * match file) moves many requests, each with its event and audit entry, all or none.
 */
export async function takeOptOutStepWithin(
  tx: Transaction,
  deps: Omit<StepDeps, 'db'>,
  step: OptOutStep,
): Promise<StepResult> {
  const { keyring } = deps;
  const { now } = step;
  const [row] = await tx
    .select()
    .from(optOutRequests)
    .where(eq(optOutRequests.reference, step.reference))
    .for('update');
  if (!row) throw new OptOutStepRefusedError(step.reference, step.action, 'missing');
  const next = nextStep(stateOf(row), step.action);
  if (!next.ok) throw new OptOutStepRefusedError(step.reference, step.action, row.status);
  // The note is stored twice for a rejection (the reason on the request, and the event), each
  // encrypted for its own slot; the event's id is reserved so its note can be bound to it.
  const eventId = await nextId(tx, optOutEvents);
  const note = step.note ? encryptField(keyring, step.note, slotOf(optOutEvents.noteEncrypted, eventId)) : null;
  const reason = step.note
    ? encryptField(keyring, step.note, slotOf(optOutRequests.rejectionReasonEncrypted, row.reference))
    : null;

  const changes: Partial<typeof optOutRequests.$inferInsert> = {};
  if (next.to !== 'withdrawal-applied') Object.assign(changes, { status: next.to, statusChangedAt: now });
  if (step.action === 'confirm-contact') changes.contactConfirmedAt = row.contactConfirmedAt ?? now;
  if (step.action === 'check-identity') changes.identityCheckedAt = now;
  if (step.action === 'apply') Object.assign(changes, { appliedAt: now, appliedOn: requireDate(step) });
  if (step.action === 'reject') Object.assign(changes, { rejectedAt: now, rejectionReasonEncrypted: reason });
  if (step.action === 'confirm-withdrawal') changes.withdrawnAt = now;
  if (step.action === 'record-withdrawal-applied') changes.withdrawalAppliedOn = requireDate(step);
  await tx.update(optOutRequests).set(changes).where(eq(optOutRequests.id, row.id));
  await tx.insert(optOutEvents).values({
    id: eventId,
    requestId: row.id,
    fromStatus: row.status,
    toStatus: next.to,
    actorId: step.actorId,
    noteEncrypted: note,
    at: now,
  });

  const emailed = step.action === 'reject' && row.contactEmailEncrypted !== null;
  if (emailed && row.contactEmailEncrypted) {
    await enqueueEmail(tx, keyring, {
      dedupeKey: `opt-out:${row.reference}:rejected`,
      to: decryptField(keyring, row.contactEmailEncrypted, slotOf(optOutRequests.contactEmailEncrypted, row.reference)),
      template: 'staff-opt-out-rejected',
      params: { reference: row.reference, reason: step.note ?? '', phone: deps.settings.contact.phone },
    });
  }
  const detail = { from: row.status, to: next.to, ...(step.action === 'reject' ? { emailed } : {}) };
  await recordAudit(
    tx,
    {
      actorId: step.actorId,
      action: `opt-out.${step.action}`,
      subjectType: 'opt-out',
      subjectRef: row.reference,
      detail,
    },
    now,
  );
  return { from: row.status, to: next.to, emailed };
}

function requireDate(step: StepInput): CalendarDate {
  if (!step.date) throw new RangeError('This step needs the date it was done in the clinical systems');
  return step.date;
}
